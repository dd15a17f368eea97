/**
 * What the Stamped Polling Trigger polls: new reviews from the v2 dashboard list, new entries of the v3 points
 * ledger. Neither list has a cursor, so both are read newest first against the generic watermark (core/poll).
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_PAGE_SIZE, readPage } from '../core/paging';
import type { PollSource, TimedRecord, Watermark } from '../core/poll';
import { isNewer, timestampOf } from '../core/poll';
import type { ApiClient } from '../core/request';
import { loyaltyPath } from '../Stamped/transport/v3';
import type { StampedVersion } from '../Stamped/transport/version';

interface PollEvent {
	value: string;
	name: string;
	description: string;
	/** The only API version that serves it. */
	version: StampedVersion;
	source(ctx: IPollFunctions, api: ApiClient, filters: ReviewFilters): PollSource;
}

export interface ReviewFilters {
	minRating?: number;
	productId?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** At most this many pages per poll; a larger backlog is read over the following polls, oldest first. */
const MAX_PAGES_PER_POLL = 50;
const MAX_RESTARTS = 3;

/** A review of the dashboard list (`{review, customer}`, or a bare review) as one output item. */
function reviewRecord(entry: IDataObject): TimedRecord | undefined {
	const review = (
		entry.review && typeof entry.review === 'object' ? entry.review : entry
	) as IDataObject;
	const at = timestampOf(review.dateCreated);
	if (at === undefined || (typeof review.id !== 'string' && typeof review.id !== 'number'))
		return undefined;
	const customer = entry.review && typeof entry.customer === 'object' ? entry.customer : undefined;
	return {
		id: String(review.id),
		at,
		json: customer === undefined ? review : { ...review, customer },
	};
}

function activityRecord(entry: IDataObject): TimedRecord | undefined {
	const at = timestampOf(entry.dateCreated);
	const id = entry.activityId ?? entry.id;
	if (at === undefined || (typeof id !== 'string' && typeof id !== 'number')) return undefined;
	return { id: String(id), at, json: entry };
}

/** Records the poller cannot place in time are dropped, and said so, rather than emitted at random. */
function recordsOf(
	ctx: IPollFunctions,
	entries: IDataObject[],
	toRecord: (entry: IDataObject) => TimedRecord | undefined,
): TimedRecord[] {
	const records = entries
		.map(toRecord)
		.filter((record): record is TimedRecord => record !== undefined);
	if (records.length < entries.length) {
		ctx.logger.warn(
			`Stamped Polling Trigger: ${entries.length - records.length} records without an id or date were skipped`,
		);
	}
	return records;
}

/** `YYYY-MM-DD` of a day before the watermark: Stamped filters by date in a time zone it does not state. */
function dateFromOf(watermark: Watermark): string | undefined {
	return watermark.at > 0 ? new Date(watermark.at - DAY_MS).toISOString().slice(0, 10) : undefined;
}

interface ReviewPage {
	records: TimedRecord[];
	total?: number;
}

/**
 * The oldest page of the window that holds a new review, and that page as read: the last page first (a big
 * backlog reaches it), else by bisection, since the list is newest first and every later page holds only
 * reviews already emitted. A window of thousands of older reviews then costs a few probes, not a read of every
 * page. If the list changes while probing: the window's new last page, unread.
 */
async function oldestPageWithNew(
	read: (page: number) => Promise<ReviewPage>,
	watermark: Watermark,
	total: number,
): Promise<{ number: number; answer?: ReviewPage }> {
	const hasNew = (answer: ReviewPage) =>
		answer.records.some((record) => isNewer(record, watermark));
	let low = 1;
	let high = Math.ceil(total / MAX_PAGE_SIZE);
	let found: { number: number; answer?: ReviewPage } = { number: 1 };
	for (let probe = high; low < high; probe = Math.ceil((low + high) / 2)) {
		const answer = await read(probe);
		if (answer.total !== total)
			return { number: Math.ceil((answer.total ?? total) / MAX_PAGE_SIZE) };
		if (hasNew(answer)) {
			low = probe;
			found = { number: probe, answer };
		} else {
			high = probe - 1;
		}
	}
	return found.number === low ? found : { number: low };
}

/**
 * New reviews. The list is asked only for reviews since the day before the watermark, so a store with 10,000
 * reviews and 3 new ones costs one request. Its first page (newest first) usually reaches the watermark;
 * otherwise the rest is read from the oldest page holding a new review back, so the oldest new reviews come first and a poll cut
 * short (the poll budget, the page cap, a failure after the first pages) still emits a gapless oldest part.
 * Each page carries the total: when it changes mid-read the list has shifted, and the poll stops at what it
 * has read consistently (the rest comes next poll).
 */
function reviewsSource(ctx: IPollFunctions, api: ApiClient, filters: ReviewFilters): PollSource {
	const page = async (page: number, dateFrom?: string) => {
		const body = await api.request({
			method: 'GET',
			path: '/dashboard/reviews',
			qs: { page, take: MAX_PAGE_SIZE, ...filters, ...(dateFrom ? { dateFrom } : {}) },
			idempotent: true,
		});
		const { records, total } = readPage(body);
		return { records: recordsOf(ctx, records, reviewRecord), total };
	};
	return {
		newest: async () => (await page(1)).records,
		async since(watermark) {
			const dateFrom = dateFromOf(watermark);
			const first = await page(1, dateFrom);
			const reached = first.records.some((record) => !isNewer(record, watermark));
			if (reached || first.records.length < MAX_PAGE_SIZE) return first.records;
			if (first.total === undefined) {
				throw new NodeOperationError(
					ctx.getNode(),
					'Stamped answered the review list without a total',
					{
						description:
							'The poll cannot tell how many new reviews there are, so it emitted nothing and keeps its watermark.',
					},
				);
			}
			const deadline = Date.now() + ctx.getPollBudgetMs() / 2;
			let total = first.total;
			const collected: TimedRecord[] = [];
			const boundary = await oldestPageWithNew(
				(number) => page(number, dateFrom),
				watermark,
				total,
			);
			let last = boundary.number;
			let probed = boundary.answer
				? { number: boundary.number, answer: boundary.answer }
				: undefined;
			let restarts = 0;
			// Only once a new review is in hand may the poll stop early: the pages back from the end of the window
			// can hold only reviews already emitted.
			const hasNew = () => collected.some((record) => isNewer(record, watermark));
			const readBack = async (number: number): Promise<ReviewPage | undefined> => {
				if (probed?.number === number) {
					const { answer } = probed;
					probed = undefined;
					return answer;
				}
				if (!hasNew()) return await page(number, dateFrom);
				// A failure after new reviews are in hand cuts the poll short (they are emitted); before, it fails it.
				return await page(number, dateFrom).catch((error: Error) => {
					ctx.logger.warn(
						`Stamped Polling Trigger: stopped at page ${number} (${error.message}); the rest comes next poll`,
					);
					return undefined;
				});
			};
			for (let number = last, read = 0; number >= 2; number--, read++) {
				if (hasNew() && (Date.now() > deadline || read >= MAX_PAGES_PER_POLL)) return collected;
				const answer = await readBack(number);
				if (!answer) return collected;
				if (answer.total !== total) {
					if (hasNew()) return collected;
					if (++restarts > MAX_RESTARTS) {
						throw new NodeOperationError(
							ctx.getNode(),
							'The Stamped review list kept changing while it was read',
							{
								description:
									'Nothing was emitted and the watermark was kept; the next poll tries again.',
							},
						);
					}
					// The list changed before a new review was read: start again from its new last page.
					collected.length = 0;
					total = answer.total ?? total;
					last = Math.ceil(total / MAX_PAGE_SIZE);
					number = last + 1;
					continue;
				}
				collected.push(...answer.records);
			}
			// Every page back agreed with the first one's total, so the first page is part of the same list.
			return total === first.total ? [...collected, ...first.records] : collected;
		},
	};
}

/**
 * New points-ledger entries (v3 `GET /loyalty/shops/{shopId}/activities`, 0-based pages, `morePages`, no total,
 * newest first as far as is known). Every entry's date is checked, so one listed out of order is still emitted
 * in time order; reading stops at the page that reaches entries already emitted, or at the last page. Without
 * a total the list cannot be read from its end, so a backlog beyond the page cap fails loudly and keeps the
 * watermark rather than emitting with a gap.
 */
function activitiesSource(ctx: IPollFunctions, api: ApiClient): PollSource {
	const page = async (page: number) => {
		const body = await api.request({
			method: 'GET',
			path: loyaltyPath(api, '/activities'),
			qs: { page, limit: MAX_PAGE_SIZE },
			idempotent: true,
		});
		const { records, more } = readPage(body);
		return { records: recordsOf(ctx, records, activityRecord), more: more === true };
	};
	return {
		newest: async () => (await page(0)).records,
		async since(watermark) {
			const collected: TimedRecord[] = [];
			for (let number = 0; ; number++) {
				if (number >= MAX_PAGES_PER_POLL) {
					throw new NodeOperationError(
						ctx.getNode(),
						`More than ${collected.length} ledger entries are new since the last poll`,
						{
							description: `Read ${number} pages of ${MAX_PAGE_SIZE} without reaching the entries already emitted; nothing was emitted and the watermark was kept. Poll more often.`,
						},
					);
				}
				const answer = await page(number);
				collected.push(...answer.records);
				if (!answer.more || answer.records.some((record) => !isNewer(record, watermark)))
					return collected;
			}
		},
	};
}

/** The events, sorted by name; each names the one API version that serves it. */
export const POLL_EVENTS: readonly PollEvent[] = [
	{
		value: 'loyalty.activity_created',
		name: 'Loyalty Activity Created',
		description:
			'A new entry in the points ledger: points earned, spent or adjusted (needs a Stamped API v3 credential)',
		version: 'v3',
		source: (ctx, api) => activitiesSource(ctx, api),
	},
	{
		value: 'review.created',
		name: 'Review Created',
		description: 'A new review, with its customer (needs a Stamped API v2 credential)',
		version: 'v2',
		source: reviewsSource,
	},
];
