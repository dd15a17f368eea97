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
] as const;
const TOTAL_KEYS = ['totalElements', 'total', 'totalCount', 'count', 'total_count'] as const;

/**
 * Reads a page from a bare array or a page object holding its records under one of the usual keys, with or
 * without totals. A response that holds no recognisable list yields no records.
 */
export function readPage(body: unknown): PageContent {
	if (Array.isArray(body)) return { records: body.filter(isRecord) };
	if (!isRecord(body)) return { records: [] };

	const key = RECORD_KEYS.find((candidate) => Array.isArray(body[candidate]));
	const records = key ? (body[key] as unknown[]).filter(isRecord) : [];

	const totalKey = TOTAL_KEYS.find((candidate) => isNumeric(body[candidate]));
	const total = totalKey !== undefined ? Number(body[totalKey]) : undefined;

	let more: boolean | undefined;
	if (typeof body.last === 'boolean') more = !body.last;
	for (const flag of ['hasMore', 'has_more', 'morePages', 'more_pages', 'hasNext']) {
		const value = booleanOf(body[flag]);
		if (value !== undefined) more = value;
	}
	if (more === undefined && isNumeric(body.totalPages) && isNumeric(body.number)) {
		more = Number(body.number) + 1 < Number(body.totalPages);
	}
	return { records, total, more };
}

/**
 * Walks numbered pages one after another until the API says it is done, a page comes back short or empty,
 * or enough records are in. The page size stays the same throughout, so page numbers keep meaning the same
 * offsets. Records seen before (by `identify`) are skipped, and a page with nothing new ends the walk, so a
 * server that ignores the page number cannot make it loop forever. One such page is passed over when the API
 * says more pages follow: an API that counts pages from 1 answers page 0 like page 1, so page 1 repeats it.
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
	let repeatedPages = 0;
	for (let pageIndex = 0; collected.length < cap; pageIndex++) {
		const page = await fetchPage(pageIndex, size);
		let fresh = 0;
		for (const record of page.records) {
			const id = identify(record);
			if (id !== undefined && id !== null) {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			fresh++;
			if (collected.length < cap) collected.push(record);
		}
		repeatedPages = page.records.length > 0 && fresh === 0 ? repeatedPages + 1 : 0;
		const done =
			page.records.length === 0 ||
			(fresh === 0 && (page.more !== true || repeatedPages > 1)) ||
			page.more === false ||
			(page.total !== undefined && (pageIndex + 1) * size >= page.total) ||
			(page.more === undefined && page.records.length < size);
		if (done) break;
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
	return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /^\d+$/.test(value));
}
