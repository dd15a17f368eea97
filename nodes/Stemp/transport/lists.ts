import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeAnswer } from '../../core/operation';
import type { PageContent, Wanted } from '../../core/paging';
import {
	IncompleteListError,
	MAX_PAGE_SIZE,
	PAGES_AT_ONCE,
	pageFingerprint,
	readList,
	readPage,
} from '../../core/paging';
import type { ApiClient } from '../../core/request';

const isRecord = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * One page of a stemp list. stemp's OpenAPI file answers paged reads with Spring's PagedModel, which keeps its
 * figures apart from the records (`{content, page: {size, number, totalElements, totalPages}}`); they are read as
 * if they sat beside `content`, so that a total or a page count the answer gives is held against what arrived.
 * Spring's flat Page (`users/search`), bare arrays and the other envelopes are read as they come.
 */
export function readStempPage(body: unknown): PageContent {
	if (isRecord(body) && isRecord(body.page) && Array.isArray(body.content)) {
		const { totalElements, totalPages, number } = body.page;
		return readPage({ ...body, totalElements, totalPages, number });
	}
	return readPage(body);
}

/**
 * A paged stemp list (0-based `page`, `size` up to 100), read with Return All or a Limit, every record once or a
 * loud error. Paged answers (any envelope) are read by the core's paging engine (`readList`) in order, the next
 * pages asked for ahead, up to PAGES_AT_ONCE at a time (halved after a 429), and checked like every list read
 * ahead (see `readInOrder`); an API counting pages from 1 is still read whole. A bare array is the one case
 * that needs more care: stemp's OpenAPI file declares `GET /users` as a plain array of every user, with no paging,
 * while its documentation pages it. So when a full array comes back and more are wanted, page 1 decides: empty
 * (the list is complete), the same records again (a server that sends the whole list whatever is asked: complete
 * when it also ignores the size, else a server that ignores only the page number, which fails), or the next
 * records (a paged array, walked on until a short or empty page).
 */
export async function readStempList(
	api: ApiClient,
	path: string,
	wanted: Wanted,
	itemIndex: number,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	const cap = wanted.returnAll ? Infinity : wanted.limit;
	const size = Math.min(MAX_PAGE_SIZE, cap);
	const fetch = async (
		page: number,
		pageSize = size,
		paging: { onRateLimited?: () => void; stillNeeded?: () => boolean } = {},
	) =>
		await api.request({
			method: 'GET',
			path,
			qs: { ...qs, page, size: pageSize },
			idempotent: true,
			itemIndex,
			...paging,
		});
	const first = await fetch(0);
	if (Array.isArray(first) && first.length >= size && first.every(isRecord))
		return await readArrayPages(first as IDataObject[], cap, size, fetch);
	let firstUnused = true;
	const { records } = await readList(
		{
			firstPage: 0,
			pageSize: MAX_PAGE_SIZE,
			pagesAhead: PAGES_AT_ONCE,
			key: (record) =>
				record.id === undefined || record.id === null ? undefined : String(record.id),
			fetchPage: async (page, pageSize, onRateLimited, stillNeeded) => {
				if (page === 0 && firstUnused && pageSize === size) {
					firstUnused = false;
					return readStempPage(first);
				}
				return readStempPage(await fetch(page, pageSize, { onRateLimited, stillNeeded }));
			},
		},
		wanted,
	);
	return records;
}

/** The rest of a list whose first page was a full bare array (see `readStempList`). */
async function readArrayPages(
	first: IDataObject[],
	cap: number,
	size: number,
	fetch: (page: number, pageSize?: number) => Promise<unknown>,
): Promise<IDataObject[]> {
	if (first.length >= cap) return first.slice(0, cap);
	const collected: IDataObject[] = [];
	const seen = new Set<unknown>();
	const add = (records: IDataObject[]) => {
		for (const record of records) {
			const id = record.id;
			if (id !== undefined && id !== null) {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			if (collected.length < cap) collected.push(record);
		}
	};
	const fail = (reason: string) => new IncompleteListError(collected.length, undefined, reason);
	const asRecords = (body: unknown, page: number): IDataObject[] => {
		if (!Array.isArray(body) || !body.every(isRecord))
			throw fail(
				`page ${page} is not a list of records like page 0 (it is ${describeAnswer(body)})`,
			);
		return body as IDataObject[];
	};
	add(first);
	const firstPrint = pageFingerprint(first);
	const second = asRecords(await fetch(1), 1);
	if (second.length === 0) return collected;
	if (pageFingerprint(second) === firstPrint) {
		// The same answer for page 1: the whole list when the server ignores the size as well (more than asked
		// came back, or a smaller page comes back just as large), else a server that ignores only the page.
		if (first.length > size) return collected;
		const probe = size > 1 ? await fetch(0, size - 1) : undefined;
		if (Array.isArray(probe) && pageFingerprint(probe as IDataObject[]) === firstPrint)
			return collected;
		throw fail('page 1 repeated records already read, so the API seems to ignore the page number');
	}
	// A paged array: page 0's length is the server's page size (it may have sent more than asked).
	const pageSize = first.length;
	const prints = new Set([firstPrint]);
	let records = second;
	for (let page = 1; ; page++) {
		const print = pageFingerprint(records);
		if (prints.has(print))
			throw fail(
				`page ${page} repeated records already read, so the API seems to ignore the page number`,
			);
		prints.add(print);
		add(records);
		if (collected.length >= cap || records.length < pageSize) return collected;
		records = asRecords(await fetch(page + 1), page + 1);
		if (records.length === 0) return collected;
	}
}

/**
 * A stemp list answered whole in one call (rewards, reward tiers, redemptions, templates, the webhook outbox):
 * a bare array, or an object holding it under `key` (`{passes: [...]}`). An answer that holds no list, or says it
 * is one page of more, is an error naming the call: never an empty or short list that looks complete.
 */
export async function readWholeList(
	api: ApiClient,
	path: string,
	itemIndex: number | undefined,
	{ qs, key }: { qs?: IDataObject; key?: string } = {},
): Promise<IDataObject[]> {
	const body = await api.request({ method: 'GET', path, qs, idempotent: true, itemIndex });
	const keyed = key !== undefined && isRecord(body) && key in body ? body[key] : body;
	const page = readStempPage(keyed);
	const more = page.more === true || (page.total !== undefined && page.total > page.records.length);
	if (page.problem || more) {
		throw new NodeOperationError(
			api.node,
			`The answer to GET ${path} could not be read as a list`,
			{
				itemIndex,
				description: `${page.problem ? `${page.problem[0].toUpperCase()}${page.problem.slice(1)}` : `It is one page of ${page.total ?? 'more'} records, and stemp declares this list unpaged`} (stemp answered ${describeAnswer(body)}). Nothing was output; check the Base URL in the credential.`,
			},
		);
	}
	return page.records;
}
