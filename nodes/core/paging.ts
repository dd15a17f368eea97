import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** The largest page every list of every vendor here serves. */
export const MAX_PAGE_SIZE = 100;

/** Pages asked for at once unless a list says otherwise (side by side, or ahead: see `PagedList`). */
export const PAGES_AT_ONCE = 4;

/** What Return All / Limit asks for: everything, or at most `limit` records. */
export interface Wanted {
	returnAll: boolean;
	limit: number;
}

/** One page as read from a response, whatever envelope the vendor used. */
export interface PageContent {
	records: IDataObject[];
	/** Total records across all pages, when the response tells. */
	total?: number;
	/** Whether the response says more pages follow (`last: false`, `hasMore`, `morePages`...), when it tells. */
	more?: boolean;
	/** Why this answer cannot be read as a page of the list (no list in it, a negative total...), if it cannot. */
	problem?: string;
}

/** No list is read past this many pages (10 million records at 100 a page): a server that never ends is refused. */
export const MAX_PAGES = 100_000;

/**
 * A list that could not be read completely. Its message says how many records arrived and why the reading
 * stopped; nothing is output, so that a partial list never passes for a complete one.
 */
export class IncompleteListError extends Error {
	constructor(
		readonly received: number,
		readonly expected: number | undefined,
		readonly reason: string,
	) {
		super(
			`The list could not be read completely: got ${received} record${received === 1 ? '' : 's'}${expected !== undefined ? ` of the ${expected} the API reported` : ''}; ${reason}. Nothing was output; run it again, and if it keeps failing, check the Base URL and the API.`,
		);
		this.name = 'IncompleteListError';
	}
}

/** A digest of a page's records, to recognise a page answered again (even one whose records carry no ID). */
export function pageFingerprint(records: IDataObject[]): string {
	return createHash('sha256').update(JSON.stringify(records)).digest('hex');
}

/** The keys a page object usually holds its records under; a vendor adds its own (`readPage`'s `recordKeys`). */
export const RECORD_KEYS: readonly string[] = [
	'content',
	'data',
	'items',
	'results',
	'records',
	'entries',
	'history',
];
const TOTAL_KEYS = ['totalElements', 'total', 'totalCount', 'count', 'total_count'] as const;

/**
 * Reads a page from a bare array or a page object holding its records under one of `recordKeys` (the usual ones
 * unless a vendor names its own, e.g. `{customers: [...], morePages}`), with or without totals. An answer that
 * holds no list, a list with entries that are not records, or a total that is not a count is a `problem`: the
 * records it would yield cannot be trusted to be the page.
 */
export function readPage(body: unknown, recordKeys: readonly string[] = RECORD_KEYS): PageContent {
	if (Array.isArray(body))
		return { records: body.filter(isRecord), problem: notRecordsProblem(body) };
	if (!isRecord(body)) {
		return {
			records: [],
			problem: `the answer holds no list of records (it is ${body === undefined || body === '' ? 'empty' : typeof body})`,
		};
	}

	const key = recordKeys.find((candidate) => Array.isArray(body[candidate]));
	const entries = key ? (body[key] as unknown[]) : [];
	const records = entries.filter(isRecord);

	const totalKey = TOTAL_KEYS.find(
		(candidate) => body[candidate] !== undefined && body[candidate] !== null,
	);
	let total: number | undefined;
	let problem = key ? notRecordsProblem(entries) : undefined;
	if (totalKey !== undefined) {
		const value = body[totalKey];
		const count = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
		if (typeof count === 'number' && Number.isSafeInteger(count) && count >= 0) total = count;
		else problem ??= `its total (${totalKey}: ${JSON.stringify(value)}) is not a count of records`;
	}

	let more: boolean | undefined;
	if (typeof body.last === 'boolean') more = !body.last;
	for (const flag of ['hasMore', 'has_more', 'morePages', 'more_pages', 'hasNext']) {
		const value = booleanOf(body[flag]);
		if (value !== undefined) more = value;
	}
	if (more === undefined && isNumeric(body.totalPages) && isNumeric(body.number)) {
		more = Number(body.number) + 1 < Number(body.totalPages);
	}
	if (!key) {
		const misplaced = recordKeys.find(
			(candidate) => body[candidate] !== undefined && body[candidate] !== null,
		);
		// An empty list may come without its key; anything else that holds no list is not a page.
		if (misplaced) problem = `its "${misplaced}" is not a list of records`;
		else if (total !== 0 && more !== false) problem ??= 'the answer holds no list of records';
	}
	return { records, total, more, ...(problem ? { problem } : {}) };
}

function notRecordsProblem(entries: unknown[]): string | undefined {
	const others = entries.filter((entry) => !isRecord(entry)).length;
	return others > 0
		? `${others} of the ${entries.length} entries in its list are not records`
		: undefined;
}

/** A flag sent as a boolean or, by APIs that type everything as text, as "true" / "false". */
function booleanOf(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	return undefined;
}

function isRecord(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isNumeric(value: unknown): boolean {
	return (
		(typeof value === 'number' && Number.isFinite(value)) ||
		(typeof value === 'string' && /^\d+$/.test(value))
	);
}

/** A numbered list as the paging engine reads it. */
export interface PagedList {
	/** The number of the list's first page (0 or 1). */
	firstPage: number;
	/** The largest page the API serves: the size asked for, unless a Limit asks for less. */
	pageSize: number;
	/**
	 * Fetches page `page` of `size` records; a 429 on it must call `onRateLimited`. `stillNeeded` turns false once
	 * the page is no longer wanted (asked for ahead of a list that has ended): its failures need no retry then.
	 */
	fetchPage(
		page: number,
		size: number,
		onRateLimited: () => void,
		stillNeeded: () => boolean,
	): Promise<PageContent>;
	/**
	 * What makes a record unique (its ID, its e-mail): a record read again under a key already output is dropped.
	 * Undefined or empty for a record with none: it is output as read on its page, every time.
	 */
	key(record: IDataObject): string | undefined;
	/**
	 * Pages read side by side once the first page has told the total. The list is then read by its total, and
	 * checked for records pushed across page boundaries while it was read (see `readByTotal`). Without it, or
	 * without a total, pages are read in order (see `readInOrder`).
	 */
	concurrency?: number;
	/**
	 * Pages requested at once when pages are read in order (1 unless given), halved after a 429: once the second
	 * page has brought records the first did not (the API honours the page number), page N and the next ones
	 * are asked for together, and still taken in order, the first that ends the list ending it; pages asked for
	 * past that end are dropped unread. A list read so is checked for changes made while it was read (see
	 * `readInOrder`).
	 */
	pagesAhead?: number;
}

/** A list read whole (or up to the Limit), every record once. */
export interface ListRead {
	records: IDataObject[];
	requests: number;
	/** Whether the list changed while it was read by its total (page boundaries were then checked again). */
	changedDuringExport: boolean;
	/** Page boundaries that could not be checked again within the read budget (0 when the read is sound). */
	uncheckedBoundaries: number;
}

/**
 * The one paging engine: reads a numbered list (page numbers from `firstPage`, pages of `pageSize`) as Return
 * All or a Limit asks, every record once (by `key`), or fails with an IncompleteListError saying how many records
 * it got and why: it never ends short in silence.
 *
 * The first page alone tells how the rest is read: with a total and `concurrency`, by the total (the pages
 * after the first side by side); otherwise in order until the API says no more follow. A first page shorter
 * than asked while the API says more follow shows the server's own page size: the rest is read in that size,
 * so that page numbers count what the server counts (a server that pages by a smaller size than asked would
 * otherwise skip the records between its pages and the ones asked for).
 */
export async function readList(list: PagedList, wanted: Wanted): Promise<ListRead> {
	return await new ListReading(list, wanted).run();
}

interface PageRead {
	number: number;
	records: IDataObject[];
	/** Each record's key ('' for none). */
	keys: string[];
	total?: number;
	more?: boolean;
	/** Completion order of the read, to tell which reads happened between two others. */
	sequence: number;
	fingerprint: string;
}

/** Reads spent at most on re-checking one page boundary before giving up on it. */
const MAX_READS_PER_BOUNDARY = 12;

/** One reading of a list: its steps in the order `run` takes them, and what they share. */
class ListReading {
	private readonly cap: number;
	private readonly firstPage: number;
	private size: number;
	private concurrency: number;
	/** Pages asked for at once at most when reading in order; halved, like `concurrency`, after every 429. */
	private pagesAhead: number;
	/** Pages asked for at once now: from 2, doubled with every page taken, up to `pagesAhead`. */
	private window = 1;
	private requests = 0;
	private sequence = 0;
	/** Every total reported, in the order the reads completed. */
	private readonly totals: Array<number | undefined> = [];
	/** Why reading stopped early, when it did; set once, and then no further page is started. */
	private stopped: string | undefined;
	private readonly reads = new Map<number, PageRead>();
	/** The page each output record was first read on; what is in here has been output. */
	private readonly pageOf = new Map<string, number>();
	/** Output records per page, and those found later between page p and p + 1. */
	private readonly byPage = new Map<number, IDataObject[]>();
	private readonly between = new Map<number, IDataObject[]>();
	private outputCount = 0;
	/** Pages requested ahead of the one being taken, when pages are read in order. */
	private readonly ahead = new Map<number, Promise<PageRead>>();
	/** Pages asked for before the page ahead of them was taken: either may have been answered first. */
	private readonly askedEarly = new Set<number>();
	/** Whether a page of the list was asked for before the page ahead of it was taken (see `askedEarly`). */
	private readSideBySide = false;
	/** Set once the list has ended (or failed): pages still on their way past its end are not needed. */
	private aheadDropped = false;
	/** The page being taken, when pages are read in order; pages after it may be asked for ahead. */
	private taking = 0;
	/** The next page not asked for yet, and how many asked for ahead have not answered. */
	private nextToAsk = 0;
	private onTheirWay = 0;
	/** Whether a page asked for ahead has said the list ends there (or failed): nothing further is asked for. */
	private endAhead = false;

	constructor(
		private readonly list: PagedList,
		private readonly wanted: Wanted,
	) {
		this.cap = wanted.returnAll ? Infinity : wanted.limit;
		this.firstPage = list.firstPage;
		this.size = Math.min(list.pageSize, this.cap);
		this.concurrency = Math.max(1, Math.floor(list.concurrency ?? 1));
		this.pagesAhead = Math.max(1, Math.floor(list.pagesAhead ?? 1));
	}

	async run(): Promise<ListRead> {
		const first = await this.read(this.firstPage);
		// The server serves smaller pages than asked for: its page numbers count in its own page size.
		const saysMore =
			first.more === true || (first.total !== undefined && first.records.length < first.total);
		if (first.records.length > 0 && first.records.length < this.size && saysMore)
			this.size = first.records.length;
		if (first.total !== undefined && this.list.concurrency !== undefined)
			return await this.readByTotal(first, first.total);
		try {
			return await this.readInOrder(first);
		} finally {
			// Pages asked for past the end are not needed: no retries for them, and their failures are not the list's.
			this.aheadDropped = true;
			await Promise.allSettled(this.ahead.values());
		}
	}

	/** The offset of a page's first record. */
	private offsetOf(page: number): number {
		return (page - this.firstPage) * this.size;
	}

	/**
	 * Pages one after another until the API says no more follow (its flag, its total, or a page shorter than the
	 * page size when it says neither), or the Limit is reached. A page that comes back empty while the API's
	 * figures say records follow is read once more, then fails the list; so does a page that repeats records
	 * already read (a server that ignores the page number; once, on the second page, when the API says more
	 * follow, since an API counting pages from 1 answers page 0 like page 1), and a page shorter than the pages
	 * before it while the API says more follow (the records between it and the next page could be missed).
	 *
	 * With `pagesAhead`, once the second page has brought new records, the next pages are asked for together and
	 * taken in order (see `readAhead`). Pages read side by side may be answered in any order, so a record added
	 * ahead of a page boundary between their answers could fall between the two pages unread: a list read so that
	 * ended by itself is checked like a list read by its total. A record read on two pages, or a first page or
	 * last page that differs when read once more at the end, shows the list moved while it was read; then every
	 * page boundary is checked again (see `recheckBoundary`), and one that cannot be fails the list.
	 */
	private async readInOrder(first: PageRead): Promise<ListRead> {
		const fingerprints = new Set<string>();
		let total: number | undefined;
		const fail = (reason: string) => new IncompleteListError(this.outputCount, total, reason);
		/** Whether the API's own figures say records are still to come. */
		const saysMore = (page: PageRead) =>
			page.more === true || (total !== undefined && this.outputCount < Math.min(total, this.cap));
		/** Whether the API has shown that it honours the page number (a later page brought new records). */
		let paged = false;
		let endedByList = false;
		let page = first;
		for (;;) {
			// The smallest total seen: records added while the list is read (at its front) need not be read.
			if (page.total !== undefined) total = Math.min(total ?? Infinity, page.total);
			if (page.records.length === 0 && saysMore(page)) {
				page = await this.read(page.number); // a hiccup, or a real gap?
				if (page.total !== undefined) total = Math.min(total ?? Infinity, page.total);
			}
			if (page.records.length === 0) {
				if (saysMore(page)) {
					throw fail(
						`page ${page.number} came back empty (twice) although the API ${page.more === true ? 'said more pages follow' : `reported ${total} records`}`,
					);
				}
				endedByList = true;
				break;
			}
			// Short, although the API says more follow after it (its flag, or its total past this page's end).
			const followedByMore =
				page.more ??
				(total !== undefined && this.offsetOf(page.number) + page.records.length < total);
			if (page.records.length < this.size && followedByMore) {
				throw fail(
					`page ${page.number} held ${page.records.length} records, fewer than the ${this.size} a page held before, although the API says more follow: the records between it and the next page could be missed`,
				);
			}
			const repeated = fingerprints.has(page.fingerprint);
			fingerprints.add(page.fingerprint);
			const fresh = repeated ? 0 : this.output(page.number, page.records, page.keys, this.byPage);
			if (fresh === 0) {
				const countsFromOne = page.number === this.firstPage + 1 && page.more === true;
				if (!countsFromOne) {
					if (saysMore(page) || page.records.length >= this.size) {
						throw fail(
							`page ${page.number} repeated records already read, so the API seems to ignore the page number`,
						);
					}
					endedByList = true;
					break;
				}
			} else {
				this.reads.set(page.number, page);
				if (page.number === this.firstPage + 1) paged = true;
				if (this.askedEarly.has(page.number)) this.readSideBySide = true;
				const done =
					page.more === false ||
					(total !== undefined && this.outputCount >= total) ||
					(page.more === undefined && total === undefined && page.records.length < this.size);
				if (done) endedByList = this.outputCount < this.cap || page.more === false;
				if (done || this.outputCount >= this.cap) break;
			}
			const next = page.number + 1;
			if (next - this.firstPage >= MAX_PAGES)
				throw fail(`the API still had more after ${MAX_PAGES} pages`);
			page = await this.readAhead(next, paged);
		}
		if (total !== undefined && this.outputCount < Math.min(total, this.cap)) {
			throw fail('the API said there were no more pages');
		}
		if (endedByList && this.readSideBySide) {
			// The pages asked for past the end first: what follows adds no more requests than Concurrency allows.
			this.aheadDropped = true;
			await Promise.allSettled(this.ahead.values());
			if (await this.movedWhileReadAhead(first)) {
				const unchecked = await this.recheckBoundaries({ everyBoundarySuspect: true });
				if (unchecked > 0) {
					throw fail(
						`the list kept changing while it was read, and ${unchecked} page boundaries could not be checked again`,
					);
				}
			}
		}
		return {
			records: this.collect(),
			requests: this.requests,
			changedDuringExport: false,
			uncheckedBoundaries: 0,
		};
	}

	/**
	 * Page `number`. Once the API has shown it honours the page number (`paged`), the pages after it are asked for
	 * too, to be taken later, in order: up to `window` pages on their way at once (2 at first, twice as many with
	 * every page taken, up to `pagesAhead`, so that a short list asks for few pages past its end), each answer
	 * making room for the next page at once (not only when its turn comes: pages answered together are then not
	 * waited on one after the other), never more than twice the window past the page being taken, nor past what a
	 * Limit needs, nor once a page has said the list ends there.
	 */
	private async readAhead(number: number, paged: boolean): Promise<PageRead> {
		this.window = paged ? Math.min(this.pagesAhead, Math.max(2, this.window * 2)) : 1;
		this.taking = number;
		if (!this.ahead.has(number)) this.ask(number);
		this.askMore();
		const reading = this.ahead.get(number)!;
		this.ahead.delete(number);
		return await reading;
	}

	/** Asks for pages ahead while there is room (see `readAhead`). */
	private askMore(): void {
		const lastNeeded =
			this.cap === Infinity
				? Infinity
				: Math.max(this.taking, this.firstPage + Math.ceil(this.cap / this.size) - 1);
		const last = Math.min(
			this.taking + 2 * this.window - 1,
			lastNeeded,
			this.firstPage + MAX_PAGES - 1,
		);
		while (
			this.window > 1 &&
			!this.endAhead &&
			!this.aheadDropped &&
			this.onTheirWay < this.window &&
			this.nextToAsk <= last
		) {
			this.ask(this.nextToAsk);
		}
	}

	/** Asks for one page, to be taken in its turn. */
	private ask(page: number): void {
		if (page > this.taking) this.askedEarly.add(page);
		this.nextToAsk = Math.max(this.nextToAsk, page + 1);
		this.onTheirWay++;
		const reading = this.read(page, () => !this.aheadDropped);
		reading.then(
			(answer) => {
				this.onTheirWay--;
				// A page that says the list ends there (its flag, its total, or a short page when it says neither): no
				// page after it is asked for.
				const ends =
					answer.more !== undefined
						? !answer.more
						: answer.total !== undefined
							? this.offsetOf(answer.number) + answer.records.length >= answer.total
							: answer.records.length < this.size;
				if (ends) this.endAhead = true;
				this.askMore();
			},
			() => {
				this.onTheirWay--;
				this.endAhead = true; // the list fails when this page's turn comes, if it comes
			},
		);
		// Handled when taken; until then its failure must not count as an unhandled rejection.
		reading.catch(() => undefined);
		this.ahead.set(page, reading);
	}

	/**
	 * Whether a list read with pages ahead moved while it was read: a record read on two pages, or its first page
	 * or its last page with records answered differently when read once more. Records added past the end of the
	 * last page (it only grew) move no page boundary.
	 */
	private async movedWhileReadAhead(first: PageRead): Promise<boolean> {
		if (someRecordOnTwoPages(this.reads)) return true;
		const lastWithRecords = this.reads.get(Math.max(...this.reads.keys()))!;
		const [firstAgain, lastAgain] = await Promise.all([
			this.read(first.number),
			this.read(lastWithRecords.number),
		]);
		const onlyGrew =
			lastAgain.keys.length >= lastWithRecords.keys.length &&
			lastWithRecords.keys.every((key, index) => key !== '' && lastAgain.keys[index] === key);
		return (
			firstAgain.fingerprint !== first.fingerprint ||
			(lastAgain.fingerprint !== lastWithRecords.fingerprint && !onlyGrew)
		);
	}

	/** The records output, in page order, each page followed by what a re-check found after it. */
	private collect(): IDataObject[] {
		const records: IDataObject[] = [];
		for (const page of this.readPages())
			records.push(...(this.byPage.get(page) ?? []), ...(this.between.get(page) ?? []));
		return records;
	}

	/**
	 * A list whose pages tell its total (offset pages): the pages after the first `concurrency` at a time, output
	 * in page order, never twice (by key).
	 *
	 * Offset paging breaks when the list changes while it is read: a record added or removed ahead of a page
	 * shifts the later ones, so a record can be pushed across a page boundary between the reads of the two pages
	 * and never be read. When the totals show that the list changed between the reads of two neighbouring pages
	 * (and the pages do not overlap), the boundary is checked again: the last record of the earlier page is looked
	 * up where it sits now, and the records from there up to the first record of the later page are read. Those
	 * that were not output yet are output after the earlier page. This relies only on records keeping their
	 * relative order, not on where the list changed, so additions and removals anywhere are caught.
	 *
	 * A change that leaves the total as it was (one record removed, one added) shows in no total: with Return All,
	 * the first and the last page are read once more at the end, and a page that differs (or a record read on two
	 * pages) has every boundary checked again. Finally the list must hold at least as many records as the smallest
	 * total the API reported; a read that ends short (an empty page while the total says more, a server that
	 * answers every page alike, an answer that holds no list) fails.
	 */
	private async readByTotal(first: PageRead, total: number): Promise<ListRead> {
		this.reads.set(first.number, first);
		this.output(first.number, first.records, first.keys, this.byPage);
		await this.readOtherPages(first, total);
		const changed = await this.changedWhileRead(first);
		const uncheckedBoundaries = changed.changed ? await this.recheckBoundaries(changed) : 0;
		this.finalCheck(changed.changed, uncheckedBoundaries, total);
		return {
			records: this.collect(),
			requests: this.requests,
			changedDuringExport: changed.changed,
			uncheckedBoundaries,
		};
	}

	/**
	 * The pages after the first, `concurrency` at a time, output in page order as soon as the pages before them
	 * are in. An empty page the total says holds records is read once more; a page that repeats another stops
	 * the read.
	 */
	private async readOtherPages(first: PageRead, total: number): Promise<void> {
		const pages = Math.ceil(Math.min(total, this.cap) / this.size);
		if (pages > MAX_PAGES)
			throw this.fail(
				`its total would take ${pages} pages of ${this.size}, more than the ${MAX_PAGES} read at most`,
			);
		const lastPage = this.firstPage + pages - 1;
		const fingerprints = new Map<string, number>([[first.fingerprint, first.number]]);
		let nextToOutput = first.number + 1;
		await this.pool(range(first.number + 1, lastPage), async (page) => {
			// Empty although its own total says records sit at this offset: read once more (a hiccup, or a real gap?).
			const emptyTooEarly = (pageRead: PageRead) =>
				pageRead.records.length === 0 && (pageRead.total ?? total) > this.offsetOf(page);
			let pageRead = await this.read(page);
			if (emptyTooEarly(pageRead)) pageRead = await this.read(page);
			const repeats = fingerprints.get(pageRead.fingerprint);
			if (emptyTooEarly(pageRead))
				this.stopped ??= `page ${page} came back empty (twice) although the total said ${pageRead.total ?? total} records`;
			else if (repeats !== undefined && pageRead.records.length > 0)
				this.stopped ??= `page ${page} repeated page ${repeats}, so the API seems to ignore the page number`;
			if (pageRead.records.length > 0) fingerprints.set(pageRead.fingerprint, page);
			this.reads.set(page, pageRead);
			for (; this.reads.has(nextToOutput); nextToOutput++) {
				const inOrder = this.reads.get(nextToOutput)!;
				this.output(nextToOutput, inOrder.records, inOrder.keys, this.byPage);
			}
		});
		if (this.stopped !== undefined) throw this.fail(this.stopped);
	}

	/**
	 * Whether the list changed while it was read. A change of total shows in the totals; a change that left the
	 * total as it was shows nowhere else, so with Return All the first and the last page are read again.
	 */
	private async changedWhileRead(
		first: PageRead,
	): Promise<{ changed: boolean; everyBoundarySuspect: boolean }> {
		let everyBoundarySuspect = someRecordOnTwoPages(this.reads);
		const lastRead = Math.max(...this.reads.keys());
		if (
			this.wanted.returnAll &&
			lastRead > first.number &&
			!everyBoundarySuspect &&
			this.totals.every((total) => total === first.total)
		) {
			const [firstAgain, lastAgain] = await Promise.all([
				this.read(first.number),
				this.read(lastRead),
			]);
			everyBoundarySuspect =
				firstAgain.fingerprint !== first.fingerprint ||
				lastAgain.fingerprint !== this.reads.get(lastRead)!.fingerprint;
		}
		const changed = everyBoundarySuspect || this.totals.some((total) => total !== first.total);
		return { changed, everyBoundarySuspect };
	}

	/**
	 * Every page boundary the list may have moved across, checked again (see `recheckBoundary`). Returns how many
	 * could not be checked within the read budget.
	 */
	private async recheckBoundaries({
		everyBoundarySuspect,
	}: {
		everyBoundarySuspect: boolean;
	}): Promise<number> {
		const boundaries = this.readPages().filter((page) => {
			const before = this.reads.get(page)!;
			const after = this.reads.get(page + 1);
			if (!after) return before.records.length >= this.size && this.outputCount < this.cap; // the list may go on past the last page read
			if (after.keys.some((recordKey) => recordKey !== '' && before.keys.includes(recordKey)))
				return false; // overlapping pages leave no gap
			return everyBoundarySuspect || this.changedBetween(before, after);
		});
		let unchecked = 0;
		for (const page of boundaries) {
			if (this.outputCount < this.cap && !(await this.recheckBoundary(page))) unchecked++;
		}
		return unchecked;
	}

	/**
	 * Re-reads across the boundary after page `page`: finds where the records output so far end now, and outputs
	 * what follows them up to the first record output from a later page.
	 * Returns false when the read budget ran out first.
	 */
	private async recheckBoundary(page: number): Promise<boolean> {
		// Boundaries are re-checked in page order, so everything output so far at or before this page lies
		// before the gap, and everything output from a later page lies after it.
		const isBefore = (recordKey: string) => (this.pageOf.get(recordKey) ?? Infinity) <= page;
		const isLater = (recordKey: string) => (this.pageOf.get(recordKey) ?? -Infinity) > page;
		const before = this.reads.get(page)!;
		const latestTotal =
			this.totals[this.totals.length - 1] ?? this.reads.get(this.firstPage)!.total;
		// Where the last record of the page should sit now, if the list moved evenly (as it was, without totals).
		const estimate =
			this.offsetOf(page) +
			before.records.length -
			1 +
			(latestTotal === undefined ? 0 : latestTotal - (before.total ?? latestTotal));
		let current = Math.floor(Math.max(0, estimate) / this.size) + this.firstPage;
		/** The window read just before, when it ended inside the gap and the current one should continue it. */
		let previous: PageRead | undefined;
		for (let budget = MAX_READS_PER_BOUNDARY; budget > 0; budget--) {
			const window = await this.read(current);
			const anchor = lastIndexWhere(window.keys, isBefore);
			let start: number;
			if (anchor >= 0) {
				start = anchor + 1;
			} else if (previous !== undefined && (await this.continues(previous, window))) {
				start = 0;
			} else if (current > this.firstPage) {
				// Nothing here is known to lie before the gap, and the list may have moved since the last read:
				// the gap starts further back.
				current--;
				previous = undefined;
				continue;
			} else {
				start = 0;
			}
			const crossing = window.keys.findIndex(
				(recordKey, index) => index >= start && isLater(recordKey),
			);
			const end = crossing >= 0 ? crossing : window.keys.length;
			this.output(
				page,
				window.records.slice(start, end),
				window.keys.slice(start, end),
				this.between,
			);
			if (crossing >= 0 || window.records.length < this.size) return true;
			current++;
			previous = window;
		}
		return false;
	}

	/**
	 * The list is whole or the read fails. Boundaries left unchecked fail it; so does, when nothing changed by
	 * every sign there is, holding fewer records than the total counts.
	 */
	private finalCheck(changed: boolean, uncheckedBoundaries: number, total: number): void {
		if (uncheckedBoundaries > 0) {
			throw this.fail(
				`the list kept changing while it was read, and ${uncheckedBoundaries} page boundaries could not be checked again`,
			);
		}
		if (!changed && this.outputCount < Math.min(this.cap, total)) {
			throw this.fail(
				'fewer distinct records came than the total counts, although the list did not change',
			);
		}
	}

	/**
	 * One page read and checked: an answer that is no page, or (read by the total) holds more than its total
	 * leaves room for, stops the read.
	 */
	private async read(page: number, stillNeeded: () => boolean = () => true): Promise<PageRead> {
		this.requests++;
		const onRateLimited = () => {
			this.concurrency = Math.max(1, Math.floor(this.concurrency / 2));
			this.pagesAhead = Math.max(1, Math.floor(this.pagesAhead / 2));
		};
		const result = await this.list.fetchPage(page, this.size, onRateLimited, stillNeeded);
		if (result.problem) {
			this.stopped ??= `page ${page} could not be read: ${result.problem}`;
			throw this.fail(`page ${page} could not be read: ${result.problem}`);
		}
		// A page holding more than its own total leaves room for means the total is wrong, so pages past it may hold
		// records that would never be read.
		const room =
			result.total === undefined || this.list.concurrency === undefined
				? Infinity
				: Math.max(0, result.total - this.offsetOf(page));
		if (result.records.length > room) {
			this.stopped ??= `page ${page} held ${result.records.length} records, more than the total of ${result.total} it came with leaves room for (${room})`;
			throw this.fail(this.stopped);
		}
		this.totals.push(result.total);
		const keys = result.records.map((record) => this.list.key(record) ?? '');
		return {
			number: page,
			records: result.records,
			keys,
			total: result.total,
			more: result.more,
			sequence: this.sequence++,
			// Which records, in which order, is what moves a page boundary: the keys tell it where every record
			// has one (a digest of the whole page cost more per page than the rest of the reading).
			fingerprint: keys.every((recordKey) => recordKey !== '')
				? JSON.stringify(keys)
				: pageFingerprint(result.records),
		};
	}

	/**
	 * Outputs a page's records (or, into `between`, those a re-check found), each key once, up to the cap.
	 * Returns how many it output.
	 */
	private output(
		page: number,
		records: IDataObject[],
		keys: string[],
		target: Map<number, IDataObject[]>,
	): number {
		const kept = target.get(page) ?? [];
		const before = this.outputCount;
		records.forEach((record, index) => {
			if (this.outputCount >= this.cap) return;
			if (keys[index] === '') {
				// No key to recognise it by: output as read on its page, never from a re-check (it may be there too).
				if (target === this.between) return;
			} else {
				if (this.pageOf.has(keys[index])) return;
				this.pageOf.set(keys[index], page);
			}
			kept.push(record);
			this.outputCount++;
		});
		target.set(page, kept);
		return this.outputCount - before;
	}

	/** Runs `task` for every page with at most `concurrency` in flight, lowering as 429s come in. */
	private async pool(pages: number[], task: (page: number) => Promise<void>): Promise<void> {
		let next = 0;
		let active = 0;
		const worker = async (): Promise<void> => {
			active++;
			try {
				while (next < pages.length && this.outputCount < this.cap && this.stopped === undefined) {
					await task(pages[next++]);
					if (active > this.concurrency) return;
				}
			} finally {
				active--;
			}
		};
		const workers: Array<Promise<void>> = [];
		for (let i = 0; i < Math.min(this.concurrency, pages.length); i++) workers.push(worker());
		await Promise.all(workers);
	}

	/**
	 * Whether `window`, read after `previous` (the page before it), starts where `previous` ended: the list did
	 * not move between the two reads. Judged by the totals read in between; a list that tells no total has
	 * `previous` read once more: the same records in the same order show that nothing moved across the boundary
	 * between them while `window` was read.
	 */
	private async continues(previous: PageRead, window: PageRead): Promise<boolean> {
		if (previous.total !== undefined || window.total !== undefined)
			return !this.changedBetween(previous, window);
		return (await this.read(previous.number)).fingerprint === previous.fingerprint;
	}

	/** Whether the list changed between the reads of `a` and `b`, judging by every total read in between. */
	private changedBetween(a: PageRead, b: PageRead): boolean {
		const from = Math.min(a.sequence, b.sequence);
		const to = Math.max(a.sequence, b.sequence);
		return this.totals.slice(from, to + 1).some((total) => total !== this.totals[from]);
	}

	private readPages(): number[] {
		return [...this.reads.keys()].sort((a, b) => a - b);
	}

	private fail(reason: string): IncompleteListError {
		const reported = this.totals.filter((total): total is number => total !== undefined);
		return new IncompleteListError(
			this.outputCount,
			reported.length ? Math.min(...reported) : undefined,
			reason,
		);
	}
}

/** Whether a record (with a key) was read on two different pages: the list moved between their reads. */
function someRecordOnTwoPages(reads: Map<number, PageRead>): boolean {
	const pageOfKey = new Map<string, number>();
	for (const [page, pageRead] of reads) {
		for (const recordKey of pageRead.keys) {
			if (recordKey === '') continue;
			const seenOn = pageOfKey.get(recordKey);
			if (seenOn !== undefined && seenOn !== page) return true;
			pageOfKey.set(recordKey, page);
		}
	}
	return false;
}

function range(from: number, to: number): number[] {
	const pages: number[] = [];
	for (let page = from; page <= to; page++) pages.push(page);
	return pages;
}

function lastIndexWhere(keys: string[], predicate: (recordKey: string) => boolean): number {
	for (let index = keys.length - 1; index >= 0; index--) if (predicate(keys[index])) return index;
	return -1;
}
