/**
 * What the Stamped Polling Trigger polls: new reviews from the v2 dashboard list, new entries of the v3 points
 * ledger. Neither list has a cursor, so both are read newest first against the watermark (./watermark). Every
 * answer is checked before it is believed: one that holds no list, or an empty page where the figures (a
 * total, `morePages`) say records are, fails the poll loudly rather than passing for "nothing is there".
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../core/paging';
import type { ApiClient } from '../core/request';
import { describeAnswer } from '../core/operation';
import { loyaltyPath } from '../Stamped/transport/v3';
import { readStampedPage } from '../Stamped/transport/answers';
import type { StampedVersion } from '../Stamped/transport/version';
import { STAMPED_PROFILES, STAMPED_VERSIONS } from '../Stamped/transport/version';
import type { NewestRecords, PollSource, TimedRecord, Watermark } from './watermark';
import { isNew, reachesWatermark, timestampOf } from './watermark';

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

/** A poll that cannot trust what Stamped answered: nothing is emitted and nothing recorded. */
function untrusted(ctx: IPollFunctions, what: string, problem: string): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`Stamped answered ${what} with something the trigger cannot trust: ${problem}`,
		{
			description:
				'Nothing was emitted and nothing was recorded: the trigger keeps what it knew (before its first good answer it knows nothing, so no history is emitted later) and the next poll asks again.',
		},
	);
}

/** One page as the poller reads it: the records it can place in time, and the figures the answer gave. */
interface ListPage {
	records: TimedRecord[];
	/** How many entries the answer listed, the ones without an id or a date included. */
	entries: number;
	total?: number;
	more?: boolean;
}

/**
 * Reads an answer as a page, or fails: no list in it, a total that is not a count, or entries none of which
 * has an id and a date. Records the poller cannot place in time are dropped, and said so.
 */
function pageOf(
	ctx: IPollFunctions,
	body: unknown,
	what: string,
	toRecord: (entry: IDataObject) => TimedRecord | undefined,
	/** How many records the pages before this one hold: an empty page past them, within the total, is a lie. */
	before = 0,
): ListPage {
	const content = readStampedPage(body);
	if (content.problem) throw untrusted(ctx, what, `${content.problem} (${describeAnswer(body)})`);
	const records = content.records
		.map(toRecord)
		.filter((record): record is TimedRecord => record !== undefined);
	if (records.length === 0 && content.records.length > 0)
		throw untrusted(
			ctx,
			what,
			`none of its ${content.records.length} records has an id and a date`,
		);
	if (records.length < content.records.length) {
		ctx.logger.warn(
			`Stamped Polling Trigger: ${content.records.length - records.length} records without an id or date were skipped`,
		);
	}
	if (content.records.length === 0 && (content.more === true || (content.total ?? 0) > before)) {
		const figures = content.more === true ? 'more pages follow' : `${content.total} records`;
		throw untrusted(ctx, what, `an empty page, although it says ${figures}`);
	}
	return { records, entries: content.records.length, total: content.total, more: content.more };
}

/**
 * Fails when a page comes back holding exactly the records of another page: the server ignores the page number,
 * and the records beyond its first page can never be read. `allowed(number, other)` names a repeat that is no
 * lie (an API counting pages from 1 answers page 0 like page 1).
 */
function repeatedPageCheck(
	ctx: IPollFunctions,
	list: string,
	allowed: (number: number, other: number) => boolean = () => false,
) {
	const pages = new Map<string, number>();
	return (number: number, page: ListPage): ListPage => {
		if (page.records.length === 0) return page;
		const key = page.records.map((record) => record.id).join('\n');
		const other = pages.get(key);
		if (other !== undefined && other !== number && !allowed(number, other)) {
			throw untrusted(
				ctx,
				`page ${number} of the ${list}`,
				`it holds exactly the records of page ${other}, as if the server ignored the page number`,
			);
		}
		pages.set(key, number);
		return page;
	};
}

/** The last record of a page in list order: the oldest, when the list is sorted as it says. */
const tailOf = (page: ListPage) => page.records[page.records.length - 1];

/** `YYYY-MM-DD` of a day before the watermark: Stamped filters by date in a time zone it does not state. */
function dateFromOf(watermark: Watermark): string | undefined {
	return watermark.at > 0 ? new Date(watermark.at - DAY_MS).toISOString().slice(0, 10) : undefined;
}

/**
 * The oldest page of the window that holds a new review, and that page as read: the last page first (a big
 * backlog reaches it), else by bisection, since the list is newest first and every later page holds only
 * reviews already emitted. A window of thousands of older reviews then costs a few probes, not a read of every
 * page. If the list changes while probing: the window's new last page, unread.
 */
async function oldestPageWithNew(
	read: (page: number) => Promise<ListPage>,
	watermark: Watermark,
	total: number,
	size: number,
): Promise<{ number: number; answer?: ListPage }> {
	const hasNew = (answer: ListPage) => answer.records.some((record) => isNew(record, watermark));
	let low = 1;
	let high = Math.ceil(total / size);
	let found: { number: number; answer?: ListPage } = { number: 1 };
	for (let probe = high; low < high; probe = Math.ceil((low + high) / 2)) {
		const answer = await read(probe);
		if (answer.total !== total) return { number: Math.ceil((answer.total ?? total) / size) };
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
 * reviews and 3 new ones costs one request. Its first page (newest first) usually ends in reviews already
 * emitted; otherwise the rest is read from the oldest page holding a new review back, so the oldest new reviews
 * come first and a poll cut short (the poll budget, the page cap, a failure after the first pages) still emits
 * a gapless oldest part. Pages are as long as Stamped makes them: a server that caps them below 100 is read in
 * its own page size, and a short page is the end only when the total agrees. Each page carries the total: when
 * it changes mid-read the list has shifted, and the poll stops at what it has read consistently.
 */
function reviewsSource(ctx: IPollFunctions, api: ApiClient, filters: ReviewFilters): PollSource {
	const unrepeated = repeatedPageCheck(ctx, 'review list');
	const page = async (page: number, dateFrom?: string, size = MAX_PAGE_SIZE) => {
		const body = await api.request({
			method: 'GET',
			path: '/dashboard/reviews',
			qs: { page, take: MAX_PAGE_SIZE, ...filters, ...(dateFrom ? { dateFrom } : {}) },
			idempotent: true,
		});
		const what = `page ${page} of the review list`;
		return unrepeated(page, pageOf(ctx, body, what, reviewRecord, (page - 1) * size));
	};
	/** Whether the first page is the whole list: the total says so, or (without one) the page is short. */
	const isWhole = (first: ListPage) =>
		first.total !== undefined ? first.total <= first.entries : first.entries < MAX_PAGE_SIZE;
	return {
		async newest(): Promise<NewestRecords> {
			const first = await page(1);
			return { records: first.records, complete: isWhole(first) };
		},
		async since(watermark) {
			const dateFrom = dateFromOf(watermark);
			const first = await page(1, dateFrom);
			if (isWhole(first) || reachesWatermark(tailOf(first), watermark)) return first.records;
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
			// The first page is full and more follow: its length is the server's page size (100, or its own cap).
			const size = first.entries;
			const deadline = Date.now() + ctx.getPollBudgetMs() / 2;
			let total = first.total;
			const collected: TimedRecord[] = [];
			const boundary = await oldestPageWithNew(
				(number) => page(number, dateFrom, size),
				watermark,
				total,
				size,
			);
			let last = boundary.number;
			let probed = boundary.answer
				? { number: boundary.number, answer: boundary.answer }
				: undefined;
			let restarts = 0;
			// Only once a new review is in hand may the poll stop early: the pages back from the end of the window
			// can hold only reviews already emitted.
			const hasNew = () => collected.some((record) => isNew(record, watermark));
			const readBack = async (number: number): Promise<ListPage | undefined> => {
				if (probed?.number === number) {
					const { answer } = probed;
					probed = undefined;
					return answer;
				}
				if (!hasNew()) return await page(number, dateFrom, size);
				// A failure after new reviews are in hand cuts the poll short (they are emitted); before, it fails it.
				return await page(number, dateFrom, size).catch((error: Error) => {
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
					last = Math.ceil(total / size);
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
 * newest first as far as is known). Pages are read until one ends in entries already emitted, or the last one;
 * an entry listed out of order is still emitted once, in time order. The page numbers are the server's, so a
 * server that caps pages below 100 is simply read further. A backlog beyond the page cap cannot be read from
 * its end (no total): the first page that reaches the watermark is found by probing forward, and the oldest
 * pages of the backlog are read from there, so the poll emits the oldest new entries and the next polls the rest.
 */
function activitiesSource(ctx: IPollFunctions, api: ApiClient): PollSource {
	const unrepeated = repeatedPageCheck(
		ctx,
		'points ledger',
		(number, other) => number === 1 && other === 0,
	);
	/** Whether more pages follow: `morePages` says so, or (when it is missing) the page is full. */
	const saysMore = (answer: ListPage) => answer.more ?? answer.entries >= MAX_PAGE_SIZE;
	/** What each page read said about the pages after it. */
	const moreAfter = new Map<number, boolean>();
	const page = async (page: number) => {
		const body = await api.request({
			method: 'GET',
			path: loyaltyPath(api, '/activities'),
			qs: { page, limit: MAX_PAGE_SIZE },
			idempotent: true,
		});
		const what = `page ${page} of the points ledger`;
		const answer = unrepeated(page, pageOf(ctx, body, what, activityRecord));
		if (answer.entries === 0 && moreAfter.get(page - 1) === true)
			throw untrusted(ctx, what, `an empty page, although page ${page - 1} said more pages follow`);
		moreAfter.set(page, saysMore(answer));
		return answer;
	};
	return {
		async newest(): Promise<NewestRecords> {
			const first = await page(0);
			return { records: first.records, complete: !saysMore(first) };
		},
		async since(watermark) {
			/** Whether reading may stop after this page: the last one, or one that ends in emitted entries. */
			const ends = (answer: ListPage) =>
				!saysMore(answer) || reachesWatermark(tailOf(answer), watermark);
			const collected: TimedRecord[] = [];
			for (let number = 0; number < MAX_PAGES_PER_POLL; number++) {
				const answer = await page(number);
				collected.push(...answer.records);
				if (ends(answer)) return collected;
			}
			return await oldestLedgerPages(ctx, page, ends, MAX_PAGES_PER_POLL - 1);
		},
	};
}

/**
 * The oldest new part of a ledger backlog longer than one poll reads. `notEnding` is a page known to hold only
 * new entries; pages further on are probed at doubling distances until one ends the backlog, then bisected to
 * the first such page. From MAX_PAGES_PER_POLL pages before it, pages are read forward: entries that arrive
 * meanwhile push the list towards later pages, so reading forward can read an entry twice (dropped) but never
 * skip one, and a boundary that moved is followed.
 */
async function oldestLedgerPages(
	ctx: IPollFunctions,
	read: (page: number) => Promise<ListPage>,
	ends: (answer: ListPage) => boolean,
	notEnding: number,
): Promise<TimedRecord[]> {
	let low = notEnding;
	let high: number | undefined;
	for (let step = MAX_PAGES_PER_POLL; high === undefined; step *= 2) {
		const probe = low + step;
		if (probe > 100_000) {
			throw new NodeOperationError(ctx.getNode(), 'The Stamped points ledger does not end', {
				description: `No page up to ${probe} reached the entries already emitted; nothing was emitted and the watermark was kept.`,
			});
		}
		if (ends(await read(probe))) high = probe;
		else low = probe;
	}
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		if (ends(await read(middle))) high = middle;
		else low = middle;
	}
	const collected: TimedRecord[] = [];
	for (let number = Math.max(0, high - MAX_PAGES_PER_POLL + 1), extra = 0; ; number++) {
		const answer = await read(number);
		collected.push(...answer.records);
		if (number < high) continue;
		if (ends(answer)) return collected;
		if (++extra > MAX_RESTARTS) {
			throw new NodeOperationError(
				ctx.getNode(),
				'The Stamped points ledger kept changing while it was read',
				{
					description: 'Nothing was emitted and the watermark was kept; the next poll tries again.',
				},
			);
		}
	}
}

/** The version whose list an event reads: the one whose profile names it. */
function versionServing(event: string): StampedVersion {
	const version = STAMPED_VERSIONS.find(
		(candidate) => STAMPED_PROFILES[candidate].pollEvent === event,
	);
	if (!version) throw new Error(`No Stamped API version serves the polling event ${event}`);
	return version;
}

const EVENTS: Array<Omit<PollEvent, 'version'>> = [
	{
		value: 'loyalty.activity_created',
		name: 'Loyalty Activity Created',
		description: 'A new entry in the points ledger: points earned, spent or adjusted',
		source: (ctx, api) => activitiesSource(ctx, api),
	},
	{
		value: 'review.created',
		name: 'Review Created',
		description: 'A new review, with its customer',
		source: reviewsSource,
	},
];

/** The events, sorted by name; each names the one API version that serves it. */
export const POLL_EVENTS: readonly PollEvent[] = EVENTS.map((event) => {
	const version = versionServing(event.value);
	return {
		...event,
		version,
		description: `${event.description} (needs a Stamped API ${version} credential)`,
	};
});
