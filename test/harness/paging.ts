/**
 * The built paging engine (dist/nodes/core/paging) as the engine tests call it: a list of pages from 0 read in
 * order, and a list of pages from 1 read by its total, as Stamped's v3 and v2 lists are.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PageContent, Wanted } from '../../nodes/core/paging';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const paging =
	require('../../dist/nodes/core/paging') as typeof import('../../nodes/core/paging');

/** Pages from 0, read in order; a record's key is `identify`'s answer (its `id` by default) as text. */
export async function readPagesInOrder(
	wanted: Wanted,
	pageSize: number,
	fetchPage: (page: number, size: number) => Promise<PageContent>,
	identify: (record: IDataObject) => unknown = (record) => record.id,
): Promise<IDataObject[]> {
	const { records } = await paging.readList(
		{
			firstPage: 0,
			pageSize,
			fetchPage: async (page, size) => await fetchPage(page, size),
			key: (record) => {
				const id = identify(record);
				return id === undefined || id === null ? undefined : String(id);
			},
		},
		wanted,
	);
	return records;
}

/** Pages from 1 whose pages tell the total, read `concurrency` pages at a time. */
export async function readPagesByTotal(options: {
	wanted: Wanted;
	pageSize: number;
	concurrency: number;
	key(record: IDataObject): string;
	fetchPage(page: number, size: number, onRateLimited: () => void): Promise<PageContent>;
}) {
	return await paging.readList({ firstPage: 1, ...options }, options.wanted);
}
