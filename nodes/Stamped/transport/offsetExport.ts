import type { IDataObject } from 'n8n-workflow';

import type { Wanted } from '../../core/paging';
import { IncompleteListError, MAX_PAGES, pageFingerprint } from '../../core/paging';

interface OffsetPage {
	records: IDataObject[];
	/** The total the API reported with this page; undefined when it reports none. */
	total?: number;
	/** Why the answer cannot be read as a page (see `readPage`); the export then fails. */
	problem?: string;
}

interface OffsetExportOptions {
	wanted: Wanted;
	pageSize: number;
	/** Most requests in flight at once; lowered automatically when the API answers 429. */
	concurrency: number;
	/** Fetches 1-based page `page` of `size` records; `onRateLimited` must be called on every 429. */
	fetchPage(page: number, size: number, onRateLimited: () => void): Promise<OffsetPage>;
	/**
	 * What makes a record unique, e.g. its e-mail; a record whose key was seen before is dropped. A record whose
	 * key is empty (a customer without an e-mail) is never dropped: each is output once, as read on its page.
	 */
	key(record: IDataObject): string;
}

export interface OffsetExportResult {
	records: IDataObject[];
	requests: number;
	/** Whether the list changed while it was read (page boundaries were then checked again). */
	changedDuringExport: boolean;
	/** Page boundaries that could not be checked again within the read budget (0 when the export is sound). */
	uncheckedBoundaries: number;
}

interface PageRead {
	records: IDataObject[];
	keys: string[];
	total?: number;
	/** Completion order of the read, to tell which reads happened between two others. */
	sequence: number;
	fingerprint: string;
}

/** Reads spent at most on re-checking one page boundary before giving up on it. */
const MAX_READS_PER_BOUNDARY = 12;

/**
 * Reads a Stamped v2 list (offset pages whose first page tells the total): the first page alone, then the others
 * several at a time, records output in page order and never twice (by key).
 *
 * Offset paging breaks when the list changes while it is read: a record added or removed ahead of a page shifts
 * the later ones, so a record can be pushed across a page boundary between the reads of the two pages and never
 * be read. When the totals show that the list changed between the reads of two neighbouring pages (and the
 * pages do not overlap), the boundary is checked again: the last record of the earlier page is looked up where
 * it sits now, and the records from there up to the first record of the later page are read. Those that were
 * not output yet are output after the earlier page. This relies only on records keeping their relative order,
 * not on where the list changed, so additions and removals anywhere are caught.
 *
 * A change that leaves the total as it was (one record removed, one added) shows in no total: with Return All,
 * the first and the last page are read once more at the end, and a page that differs (or a record read on two
 * pages) has every boundary checked again. Finally the export must hold at least as many records as the smallest
 * total the API reported; an export that ends short (an empty page while the total says more, a server that
 * answers every page alike, an answer that holds no list, a negative total) fails with an IncompleteListError
 * saying how many records it got and why, rather than succeeding with part of the list.
 */
export async function exportOffsetPages(options: OffsetExportOptions): Promise<OffsetExportResult> {
	return await new OffsetExport(options).run();
}

/** One export: its steps in the order `run` takes them, and what they share. */
class OffsetExport {
	private readonly cap: number;
	private size: number;
	private concurrency: number;
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

	constructor(private readonly options: OffsetExportOptions) {
		this.cap = options.wanted.returnAll ? Infinity : options.wanted.limit;
		this.size = Math.min(options.pageSize, this.cap);
		this.concurrency = Math.max(1, Math.floor(options.concurrency));
	}

	async run(): Promise<OffsetExportResult> {
		const first = await this.readFirstPage();
		if (first.total === undefined) return await this.walkWithoutTotal(first);
		await this.readOtherPages(first, first.total);
		const changed = await this.changedWhileRead(first);
		const uncheckedBoundaries = changed.changed ? await this.recheckBoundaries(changed) : 0;
		this.finalCheck(changed.changed, uncheckedBoundaries, first.total);
		const records: IDataObject[] = [];
		for (const page of this.readPages())
			records.push(...(this.byPage.get(page) ?? []), ...(this.between.get(page) ?? []));
		return {
			records,
			requests: this.requests,
			changedDuringExport: changed.changed,
			uncheckedBoundaries,
		};
	}

	/** Step 1: the first page alone. It tells the total, and so how many pages follow. */
	private async readFirstPage(): Promise<PageRead> {
		const first = await this.read(1);
		this.reads.set(1, first);
		if (
			first.total !== undefined &&
			first.records.length > 0 &&
			first.records.length < Math.min(this.size, first.total)
		) {
			// The API serves smaller pages than asked for; page numbers count in its page size.
			this.size = first.records.length;
		}
		this.output(1, first.records, first.keys, this.byPage);
		return first;
	}

	/**
	 * Without a total: one page at a time until a short page. A full page answered again ends the walk loudly:
	 * the server ignores the page number, and how much is missing cannot be told.
	 */
	private async walkWithoutTotal(first: PageRead): Promise<OffsetExportResult> {
		const fingerprints = new Set([first.fingerprint]);
		for (
			let page = 2, last = first;
			last.records.length >= this.size && this.outputCount < this.cap;
			page++
		) {
			if (page > MAX_PAGES) throw this.fail(`the API still had more after ${MAX_PAGES} pages`);
			last = await this.read(page);
			if (last.records.length > 0 && fingerprints.has(last.fingerprint)) {
				throw this.fail(
					`page ${page} repeated a page already read, so the API seems to ignore the page number`,
				);
			}
			fingerprints.add(last.fingerprint);
			this.output(page, last.records, last.keys, this.byPage);
		}
		return {
			records: [...this.byPage.values()].flat(),
			requests: this.requests,
			changedDuringExport: false,
			uncheckedBoundaries: 0,
		};
	}

	/**
	 * Step 2: the other pages, `concurrency` at a time, output in page order as soon as the pages before them are
	 * in. An empty page the total says holds records is read once more; a page that repeats another stops the export.
	 */
	private async readOtherPages(first: PageRead, total: number): Promise<void> {
		const lastPage = Math.ceil(Math.min(total, this.cap) / this.size);
		if (lastPage > MAX_PAGES)
			throw this.fail(
				`its total would take ${lastPage} pages of ${this.size}, more than the ${MAX_PAGES} read at most`,
			);
		const fingerprints = new Map<string, number>([[first.fingerprint, 1]]);
		let nextToOutput = 2;
		await this.pool(range(2, lastPage), async (page) => {
			// Empty although its own total says records sit at this offset: read once more (a hiccup, or a real gap?).
			const emptyTooEarly = (pageRead: PageRead) =>
				pageRead.records.length === 0 && (pageRead.total ?? total) > (page - 1) * this.size;
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
	 * Step 3: whether the list changed while it was read. A change of total shows in the totals; a change that left
	 * the total as it was shows nowhere else, so with Return All the first and the last page are read again.
	 */
	private async changedWhileRead(
		first: PageRead,
	): Promise<{ changed: boolean; everyBoundarySuspect: boolean }> {
		let everyBoundarySuspect = someRecordOnTwoPages(this.reads);
		const lastRead = Math.max(...this.reads.keys());
		if (
			this.options.wanted.returnAll &&
			lastRead > 1 &&
			!everyBoundarySuspect &&
			this.totals.every((total) => total === first.total)
		) {
			const [firstAgain, lastAgain] = await Promise.all([this.read(1), this.read(lastRead)]);
			everyBoundarySuspect =
				firstAgain.fingerprint !== first.fingerprint ||
				lastAgain.fingerprint !== this.reads.get(lastRead)!.fingerprint;
		}
		const changed = everyBoundarySuspect || this.totals.some((total) => total !== first.total);
		return { changed, everyBoundarySuspect };
	}

	/**
	 * Step 4: every page boundary the list may have moved across, checked again (see `recheckBoundary`). Returns
	 * how many could not be checked within the read budget.
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
		const latestTotal = this.totals[this.totals.length - 1] ?? this.reads.get(1)!.total!;
		// Where the last record of the page should sit now, if the list moved evenly.
		const estimate =
			(page - 1) * this.size +
			before.records.length -
			1 +
			(latestTotal - (before.total ?? latestTotal));
		let current = Math.floor(Math.max(0, estimate) / this.size) + 1;
		/** The window read just before, when it ended inside the gap and the current one should continue it. */
		let previous: PageRead | undefined;
		for (let budget = MAX_READS_PER_BOUNDARY; budget > 0; budget--) {
			const window = await this.read(current);
			const anchor = lastIndexWhere(window.keys, isBefore);
			const continues = previous !== undefined && !this.changedBetween(previous, window);
			let start: number;
			if (anchor >= 0) {
				start = anchor + 1;
			} else if (continues) {
				start = 0;
			} else if (current > 1) {
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
	 * Step 5: the export holds the whole list or fails. Boundaries left unchecked fail it; so does, when nothing
	 * changed by every sign there is, holding fewer records than the total counts.
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

	/** One page read and checked: an answer that is no page, or holds more than its total leaves room for, stops the export. */
	private async read(page: number): Promise<PageRead> {
		this.requests++;
		const result = await this.options.fetchPage(page, this.size, () => {
			this.concurrency = Math.max(1, Math.floor(this.concurrency / 2));
		});
		if (result.problem) {
			this.stopped ??= `page ${page} could not be read: ${result.problem}`;
			throw this.fail(this.stopped);
		}
		// A page holding more than its own total leaves room for means the total is wrong, so pages past it may hold
		// records that would never be read.
		const room =
			result.total === undefined ? Infinity : Math.max(0, result.total - (page - 1) * this.size);
		if (result.records.length > room) {
			this.stopped ??= `page ${page} held ${result.records.length} records, more than the total of ${result.total} it came with leaves room for (${room})`;
			throw this.fail(this.stopped);
		}
		this.totals.push(result.total);
		const keys = result.records.map((record) => this.options.key(record));
		return {
			records: result.records,
			keys,
			total: result.total,
			sequence: this.sequence++,
			// Which records, in which order, is what moves a page boundary: the keys tell it where every record
			// has one (a digest of the whole page cost more per page than the rest of the reading).
			fingerprint: keys.every((recordKey) => recordKey !== '')
				? JSON.stringify(keys)
				: pageFingerprint(result.records),
		};
	}

	/** Outputs a page's records (or, into `between`, those a re-check found), each key once, up to the cap. */
	private output(
		page: number,
		records: IDataObject[],
		keys: string[],
		target: Map<number, IDataObject[]>,
	): void {
		const kept = target.get(page) ?? [];
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
