import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/** The largest page every list of both vendors serves (Stamped v2 and v3, stemp). */
export const MAX_PAGE_SIZE = 100;

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

const RECORD_KEYS = [
	'content',
	'data',
	'items',
	'results',
	'records',
	'entries',
	'history',
	// Envelopes named after what they hold, e.g. `{customers: [...], morePages}`.
	'customers',
	'activities',
	'rewards',
	'orders',
	'products',
] as const;
const TOTAL_KEYS = ['totalElements', 'total', 'totalCount', 'count', 'total_count'] as const;

/**
 * Reads a page from a bare array or a page object holding its records under one of the usual keys, with or
 * without totals. An answer that holds no list, a list with entries that are not records, or a total that is
 * not a count is a `problem`: the records it would yield cannot be trusted to be the page.
 */
export function readPage(body: unknown): PageContent {
	if (Array.isArray(body))
		return { records: body.filter(isRecord), problem: notRecordsProblem(body) };
	if (!isRecord(body)) {
		return {
			records: [],
			problem: `the answer holds no list of records (it is ${body === undefined || body === '' ? 'empty' : typeof body})`,
		};
	}

	const key = RECORD_KEYS.find((candidate) => Array.isArray(body[candidate]));
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
		const misplaced = RECORD_KEYS.find(
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

/**
 * Walks numbered pages one after another until the API says it is done, a page comes back short or empty,
 * or enough records are in. The page size stays the same throughout, so page numbers keep meaning the same
 * offsets. Records seen before (by `identify`) are skipped; a record without an ID is kept every time it is
 * read on a new page. The walk never ends short in silence: when the API's own figures (a total, or "more
 * pages follow") say records are missing and an empty page read again stays empty, when a page repeats one
 * already read (a server that ignores the page number), or when an answer holds no list, it fails with an
 * IncompleteListError. One repeated page is passed over when the API says more pages follow: an API that
 * counts pages from 1 answers page 0 like page 1, so page 1 repeats it.
 */
export async function collectSequentialPages(
	wanted: Wanted,
	maxPageSize: number,
	fetchPage: (pageIndex: number, size: number) => Promise<PageContent>,
	identify: (record: IDataObject) => unknown = (record) => record.id,
): Promise<IDataObject[]> {
	const cap = wanted.returnAll ? Infinity : wanted.limit;
	const size = Math.min(maxPageSize, cap);
	const collected: IDataObject[] = [];
	const seen = new Set<unknown>();
	const pagesRead = new Set<string>();
	let total: number | undefined;
	const fail = (reason: string) => new IncompleteListError(collected.length, total, reason);
	const read = async (pageIndex: number) => {
		const page = await fetchPage(pageIndex, size);
		if (page.problem) throw fail(`page ${pageIndex} could not be read: ${page.problem}`);
		// The smallest total seen: records added while the list is read (at its front) need not be read.
		if (page.total !== undefined) total = Math.min(total ?? Infinity, page.total);
		return page;
	};
	/** Whether the API's own figures say records are still to come. */
	const saysMore = (page: PageContent) =>
		page.more === true || (total !== undefined && collected.length < Math.min(total, cap));

	for (let pageIndex = 0; collected.length < cap; pageIndex++) {
		if (pageIndex >= MAX_PAGES) throw fail(`the API still had more after ${MAX_PAGES} pages`);
		let page = await read(pageIndex);
		if (page.records.length === 0 && saysMore(page)) page = await read(pageIndex); // a hiccup, or a real gap?
		if (page.records.length === 0) {
			if (saysMore(page)) {
				throw fail(
					`page ${pageIndex} came back empty (twice) although the API ${page.more === true ? 'said more pages follow' : `reported ${total} records`}`,
				);
			}
			break;
		}

		const fingerprint = pageFingerprint(page.records);
		const repeated = pagesRead.has(fingerprint);
		pagesRead.add(fingerprint);
		let fresh = 0;
		for (const record of repeated ? [] : page.records) {
			const id = identify(record);
			if (id !== undefined && id !== null) {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			fresh++;
			if (collected.length < cap) collected.push(record);
		}
		if (fresh === 0) {
			const countsFromOne = pageIndex === 1 && page.more === true;
			if (countsFromOne) continue;
			if (saysMore(page) || page.records.length >= size) {
				throw fail(
					`page ${pageIndex} repeated records already read, so the API seems to ignore the page number`,
				);
			}
			break;
		}
		const done =
			page.more === false ||
			(total !== undefined && collected.length >= total) ||
			(page.more === undefined && total === undefined && page.records.length < size);
		if (done) break;
	}
	if (total !== undefined && collected.length < Math.min(total, cap)) {
		throw fail('the API said there were no more pages');
	}
	return collected;
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
