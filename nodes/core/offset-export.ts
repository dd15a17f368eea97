import type { IDataObject } from 'n8n-workflow';

import type { Wanted } from './paging';
import { IncompleteListError, MAX_PAGES, pageFingerprint } from './paging';

interface OffsetPage {
	records: IDataObject[];
	/** The total the API reported with this page; undefined when it reports none. */
	total?: number;
	/** Why the answer cannot be read as a page (see `readPage`); the export then fails. */
	problem?: string;
}

interface OffsetExport {
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
 * Reads an offset-paged list whose first page tells the total: the first page alone, then the others several
 * at a time, records output in page order and never twice (by key).
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
export async function exportOffsetPages(options: OffsetExport): Promise<OffsetExportResult> {
	const { wanted, key } = options;
	const cap = wanted.returnAll ? Infinity : wanted.limit;
	let size = Math.min(options.pageSize, cap);
	let concurrency = Math.max(1, Math.floor(options.concurrency));
	const lowerConcurrency = () => {
		concurrency = Math.max(1, Math.floor(concurrency / 2));
	};

	let requests = 0;
	let sequence = 0;
	const totals: Array<number | undefined> = [];
	/** Why reading stopped early, when it did; set once, and then no further page is started. */
	let stopped: string | undefined;
	const fail = (reason: string) => {
		const reported = totals.filter((total): total is number => total !== undefined);
		return new IncompleteListError(
			outputCount,
			reported.length ? Math.min(...reported) : undefined,
			reason,
		);
	};
	const read = async (page: number): Promise<PageRead> => {
		requests++;
		const result = await options.fetchPage(page, size, lowerConcurrency);
		if (result.problem) {
			stopped ??= `page ${page} could not be read: ${result.problem}`;
			throw fail(stopped);
		}
		// A page holding more than its own total leaves room for means the total is wrong, so pages past it may hold
		// records that would never be read.
		const room =
			result.total === undefined ? Infinity : Math.max(0, result.total - (page - 1) * size);
		if (result.records.length > room) {
			stopped ??= `page ${page} held ${result.records.length} records, more than the total of ${result.total} it came with leaves room for (${room})`;
			throw fail(stopped);
		}
		totals.push(result.total);
		const keys = result.records.map(key);
		return {
			records: result.records,
			keys,
			total: result.total,
			sequence: sequence++,
			// Which records, in which order, is what moves a page boundary: the keys tell it where every record
			// has one (a digest of the whole page cost more per page than the rest of the reading).
			fingerprint: keys.every((recordKey) => recordKey !== '')
				? JSON.stringify(keys)
				: pageFingerprint(result.records),
		};
	};

	/** The page each output record was first read on; what is in here has been output. */
	const pageOf = new Map<string, number>();
	/** Output records per page, and those found later between page p and p + 1. */
	const byPage = new Map<number, IDataObject[]>();
	const between = new Map<number, IDataObject[]>();
	let outputCount = 0;
	const output = (
		page: number,
		records: IDataObject[],
		keys: string[],
		target: Map<number, IDataObject[]>,
	) => {
		const kept = target.get(page) ?? [];
		records.forEach((record, index) => {
			if (outputCount >= cap) return;
			if (keys[index] === '') {
				// No key to recognise it by: output as read on its page, never from a re-check (it may be there too).
				if (target === between) return;
			} else {
				if (pageOf.has(keys[index])) return;
				pageOf.set(keys[index], page);
			}
			kept.push(record);
			outputCount++;
		});
		target.set(page, kept);
	};

	/** Runs `task` for every entry with at most `concurrency` in flight, lowering as 429s come in. */
	const pool = async <T>(entries: T[], task: (entry: T) => Promise<void>) => {
		let next = 0;
		let active = 0;
		const worker = async (): Promise<void> => {
			active++;
			try {
				while (next < entries.length && outputCount < cap && stopped === undefined) {
					await task(entries[next++]);
					if (active > concurrency) return;
				}
			} finally {
				active--;
			}
		};
		const workers: Array<Promise<void>> = [];
		for (let i = 0; i < Math.min(concurrency, entries.length); i++) workers.push(worker());
		await Promise.all(workers);
	};

	// The first page alone: it tells the total, and so how many pages follow.
	const reads = new Map<number, PageRead>();
	const first = await read(1);
	reads.set(1, first);
	if (
		first.total !== undefined &&
		first.records.length > 0 &&
		first.records.length < Math.min(size, first.total)
	) {
		// The API serves smaller pages than asked for; page numbers count in its page size.
		size = first.records.length;
	}
	output(1, first.records, first.keys, byPage);

	if (first.total === undefined) {
		// No total: walk on one page at a time until a short page. A full page answered again ends the walk loudly:
		// the server ignores the page number, and how much is missing cannot be told.
		const fingerprints = new Set([first.fingerprint]);
		for (let page = 2, last = first; last.records.length >= size && outputCount < cap; page++) {
			if (page > MAX_PAGES) throw fail(`the API still had more after ${MAX_PAGES} pages`);
			last = await read(page);
			if (last.records.length > 0 && fingerprints.has(last.fingerprint)) {
				throw fail(
					`page ${page} repeated a page already read, so the API seems to ignore the page number`,
				);
			}
			fingerprints.add(last.fingerprint);
			output(page, last.records, last.keys, byPage);
		}
		return {
			records: [...byPage.values()].flat(),
			requests,
			changedDuringExport: false,
			uncheckedBoundaries: 0,
		};
	}

	// The other pages, several at a time, output in page order as soon as the pages before them are in.
	const lastPage = Math.ceil(Math.min(first.total, cap) / size);
	if (lastPage > MAX_PAGES)
		throw fail(
			`its total would take ${lastPage} pages of ${size}, more than the ${MAX_PAGES} read at most`,
		);
	const fingerprints = new Map<string, number>([[first.fingerprint, 1]]);
	let nextToOutput = 2;
	await pool(range(2, lastPage), async (page) => {
		// Empty although its own total says records sit at this offset: read once more (a hiccup, or a real gap?).
		const emptyTooEarly = (pageRead: PageRead) =>
			pageRead.records.length === 0 && (pageRead.total ?? first.total!) > (page - 1) * size;
		let pageRead = await read(page);
		if (emptyTooEarly(pageRead)) pageRead = await read(page);
		const repeats = fingerprints.get(pageRead.fingerprint);
		if (emptyTooEarly(pageRead))
			stopped ??= `page ${page} came back empty (twice) although the total said ${pageRead.total ?? first.total} records`;
		else if (repeats !== undefined && pageRead.records.length > 0)
			stopped ??= `page ${page} repeated page ${repeats}, so the API seems to ignore the page number`;
		if (pageRead.records.length > 0) fingerprints.set(pageRead.fingerprint, page);
		reads.set(page, pageRead);
		for (; reads.has(nextToOutput); nextToOutput++) {
			const inOrder = reads.get(nextToOutput)!;
			output(nextToOutput, inOrder.records, inOrder.keys, byPage);
		}
	});
	if (stopped !== undefined) throw fail(stopped);

	// A change that left the total as it was shows nowhere else: the first and the last page are read again.
	let everyBoundarySuspect = someRecordOnTwoPages(reads);
	const lastRead = Math.max(...reads.keys());
	if (
		wanted.returnAll &&
		lastRead > 1 &&
		!everyBoundarySuspect &&
		totals.every((total) => total === first.total)
	) {
		const [firstAgain, lastAgain] = await Promise.all([read(1), read(lastRead)]);
		everyBoundarySuspect =
			firstAgain.fingerprint !== first.fingerprint ||
			lastAgain.fingerprint !== reads.get(lastRead)!.fingerprint;
	}
	const readPages = [...reads.keys()].sort((a, b) => a - b);
	const changed = everyBoundarySuspect || totals.some((total) => total !== first.total);

	/** Whether the list changed between the reads of `a` and `b`, judging by every total read in between. */
	const changedBetween = (a: PageRead, b: PageRead) => {
		const from = Math.min(a.sequence, b.sequence);
		const to = Math.max(a.sequence, b.sequence);
		return totals.slice(from, to + 1).some((total) => total !== totals[from]);
	};

	/**
	 * Re-reads across the boundary after page `page`: finds where the records output so far end now, and outputs
	 * what follows them up to the first record output from a later page.
	 * Returns false when the read budget ran out first.
	 */
	const recheckBoundary = async (page: number): Promise<boolean> => {
		// Boundaries are re-checked in page order, so everything output so far at or before this page lies
		// before the gap, and everything output from a later page lies after it.
		const isBefore = (recordKey: string) => (pageOf.get(recordKey) ?? Infinity) <= page;
		const isLater = (recordKey: string) => (pageOf.get(recordKey) ?? -Infinity) > page;
		const before = reads.get(page)!;
		const latestTotal = totals[totals.length - 1] ?? first.total!;
		// Where the last record of the page should sit now, if the list moved evenly.
		const estimate =
			(page - 1) * size + before.records.length - 1 + (latestTotal - (before.total ?? latestTotal));
		let current = Math.floor(Math.max(0, estimate) / size) + 1;
		/** The window read just before, when it ended inside the gap and the current one should continue it. */
		let previous: PageRead | undefined;
		for (let budget = MAX_READS_PER_BOUNDARY; budget > 0; budget--) {
			const window = await read(current);
			const anchor = lastIndexWhere(window.keys, isBefore);
			const continues = previous !== undefined && !changedBetween(previous, window);
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
			output(page, window.records.slice(start, end), window.keys.slice(start, end), between);
			if (crossing >= 0 || window.records.length < size) return true;
			current++;
			previous = window;
		}
		return false;
	};

	let uncheckedBoundaries = 0;
	if (changed) {
		const boundaries = readPages.filter((page) => {
			const before = reads.get(page)!;
			const after = reads.get(page + 1);
			if (!after) return before.records.length >= size && outputCount < cap; // the list may go on past the last page read
			if (after.keys.some((recordKey) => recordKey !== '' && before.keys.includes(recordKey)))
				return false; // overlapping pages leave no gap
			return everyBoundarySuspect || changedBetween(before, after);
		});
		for (const page of boundaries) {
			if (outputCount < cap && !(await recheckBoundary(page))) uncheckedBoundaries++;
		}
	}

	if (uncheckedBoundaries > 0) {
		throw fail(
			`the list kept changing while it was read, and ${uncheckedBoundaries} page boundaries could not be checked again`,
		);
	}
	// Nothing changed, by every sign there is: then every record the total counts must be out.
	if (!changed && outputCount < Math.min(cap, first.total)) {
		throw fail(
			'fewer distinct records came than the total counts, although the list did not change',
		);
	}

	const records: IDataObject[] = [];
	for (const page of readPages)
		records.push(...(byPage.get(page) ?? []), ...(between.get(page) ?? []));
	return { records, requests, changedDuringExport: changed, uncheckedBoundaries };
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

function lastIndexWhere<T>(entries: T[], predicate: (entry: T) => boolean): number {
	for (let index = entries.length - 1; index >= 0; index--)
		if (predicate(entries[index])) return index;
	return -1;
}
