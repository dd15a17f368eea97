import type { IDataObject } from 'n8n-workflow';

import type { Wanted } from './paging';

export interface OffsetPage {
	records: IDataObject[];
	/** The total the API reported with this page; undefined when it reports none. */
	total?: number;
}

export interface OffsetExport {
	wanted: Wanted;
	pageSize: number;
	/** Most requests in flight at once; lowered automatically when the API answers 429. */
	concurrency: number;
	/** Fetches 1-based page `page` of `size` records; `onRateLimited` must be called on every 429. */
	fetchPage(page: number, size: number, onRateLimited: () => void): Promise<OffsetPage>;
	/** What makes a record unique, e.g. its e-mail; a record whose key was seen before is dropped. */
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
	const read = async (page: number): Promise<PageRead> => {
		requests++;
		const result = await options.fetchPage(page, size, lowerConcurrency);
		totals.push(result.total);
		return { records: result.records, keys: result.records.map(key), total: result.total, sequence: sequence++ };
	};

	/** The page each output record was first read on; what is in here has been output. */
	const pageOf = new Map<string, number>();
	/** Output records per page, and those found later between page p and p + 1. */
	const byPage = new Map<number, IDataObject[]>();
	const between = new Map<number, IDataObject[]>();
	let outputCount = 0;
	const output = (page: number, records: IDataObject[], keys: string[], target: Map<number, IDataObject[]>) => {
		const kept = target.get(page) ?? [];
		records.forEach((record, index) => {
			if (outputCount >= cap || pageOf.has(keys[index])) return;
			pageOf.set(keys[index], page);
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
				while (next < entries.length && outputCount < cap) {
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
	if (first.total !== undefined && first.records.length > 0 && first.records.length < Math.min(size, first.total)) {
		// The API serves smaller pages than asked for; page numbers count in its page size.
		size = first.records.length;
	}
	output(1, first.records, first.keys, byPage);

	if (first.total === undefined) {
		// No total: walk on one page at a time until a short page.
		for (let page = 2, last = first; last.records.length >= size && outputCount < cap; page++) {
			last = await read(page);
			output(page, last.records, last.keys, byPage);
		}
		return { records: [...byPage.values()].flat(), requests, changedDuringExport: false, uncheckedBoundaries: 0 };
	}

	// The other pages, several at a time, output in page order as soon as the pages before them are in.
	const lastPage = Math.ceil(Math.min(first.total, cap) / size);
	let nextToOutput = 2;
	await pool(range(2, lastPage), async (page) => {
		reads.set(page, await read(page));
		for (; reads.has(nextToOutput); nextToOutput++) {
			const pageRead = reads.get(nextToOutput)!;
			output(nextToOutput, pageRead.records, pageRead.keys, byPage);
		}
	});
	const readPages = [...reads.keys()].sort((a, b) => a - b);
	const changed = totals.some((total) => total !== first.total);

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
		const estimate = (page - 1) * size + before.records.length - 1 + (latestTotal - (before.total ?? latestTotal));
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
			const crossing = window.keys.findIndex((recordKey, index) => index >= start && isLater(recordKey));
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
			if (after.keys.some((recordKey) => before.keys.includes(recordKey))) return false; // overlapping pages leave no gap
			return changedBetween(before, after);
		});
		for (const page of boundaries) {
			if (outputCount < cap && !(await recheckBoundary(page))) uncheckedBoundaries++;
		}
	}

	const records: IDataObject[] = [];
	for (const page of readPages) records.push(...(byPage.get(page) ?? []), ...(between.get(page) ?? []));
	return { records, requests, changedDuringExport: changed, uncheckedBoundaries };
}

function range(from: number, to: number): number[] {
	const pages: number[] = [];
	for (let page = from; page <= to; page++) pages.push(page);
	return pages;
}

function lastIndexWhere<T>(entries: T[], predicate: (entry: T) => boolean): number {
	for (let index = entries.length - 1; index >= 0; index--) if (predicate(entries[index])) return index;
	return -1;
}
