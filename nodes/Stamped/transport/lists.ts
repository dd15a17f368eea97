/**
 * The Stamped list readers, side by side: v2's offset-paged lists (read by the export beside this file), v3's
 * lists paged by `morePages`, and the two small lists the node reads whole (v2 tiers, v3 rewards).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PageContent, Wanted } from '../../core/paging';
import { collectSequentialPages, MAX_PAGE_SIZE, readPage } from '../../core/paging';
import type { ApiClient } from '../../core/request';
import { describeAnswer } from './index';
import type { OffsetExportResult } from './offsetExport';
import { exportOffsetPages } from './offsetExport';
import { loyaltyPath, readV3Page } from './v3';

/** Concurrency used when the node's option is not set. */
export const DEFAULT_CONCURRENCY = 4;

interface ListRequest {
	path: string;
	qs?: IDataObject;
	wanted: Wanted;
	concurrency: number;
	key(record: IDataObject): string;
	itemIndex: number;
	/** The query parameter that sets the page size: `limit` (the default) or, on the dashboard lists, `take`. */
	pageSizeParameter?: string;
	/**
	 * The key the records come under, e.g. `results`. When set, an answer that holds neither a list there nor a
	 * bare list fails, naming what arrived, instead of reading as an empty page (which would end the list early).
	 */
	recordsKey?: string;
	/** Turns each entry of the list into the record output (and keyed), e.g. to unwrap `{review, customer}`. */
	toRecord?(entry: IDataObject): IDataObject;
	/** How the records are named in messages, e.g. "reviews". */
	what?: string;
}

/** A v2 page's records, read under `recordsKey` when the list names one. */
function recordsUnder(api: ApiClient, body: unknown, list: ListRequest, page: number): PageContent {
	const content = readPage(body);
	if (!list.recordsKey) return content;
	const { total } = content;
	const holdsList =
		Array.isArray(body) ||
		(body !== null &&
			typeof body === 'object' &&
			Array.isArray((body as IDataObject)[list.recordsKey]));
	if (!holdsList) {
		throw new NodeOperationError(
			api.node,
			`Stamped answered page ${page} of the ${list.what ?? 'list'} with something unexpected`,
			{
				itemIndex: list.itemIndex,
				description: `Expected a list under "${list.recordsKey}" (or a bare list), got ${describeAnswer(body)}. Nothing was output.`,
			},
		);
	}
	const entries = Array.isArray(body)
		? body
		: ((body as IDataObject)[list.recordsKey] as unknown[]);
	const kept = entries.filter(
		(entry): entry is IDataObject =>
			entry !== null && typeof entry === 'object' && !Array.isArray(entry),
	);
	return { records: list.toRecord ? kept.map((entry) => list.toRecord!(entry)) : kept, total };
}

/**
 * A Stamped list (`page` from 1, a page size up to 100, `{data, total}` or `{results, total}`), read with
 * Return All or a Limit.
 */
export async function readStampedList(
	api: ApiClient,
	list: ListRequest,
): Promise<OffsetExportResult> {
	const sizeParameter = list.pageSizeParameter ?? 'limit';
	return await exportOffsetPages({
		wanted: list.wanted,
		pageSize: MAX_PAGE_SIZE,
		concurrency: list.concurrency,
		key: list.key,
		fetchPage: async (page, size, onRateLimited) => {
			const body = await api.request({
				method: 'GET',
				path: list.path,
				qs: { ...list.qs, page, [sizeParameter]: size },
				idempotent: true,
				itemIndex: list.itemIndex,
				onRateLimited,
			});
			// The whole reading, its problem included: an answer without a list must fail the export, not end it.
			return recordsUnder(api, body, list, page);
		},
	});
}

/** The program's tiers (`GET /{storeHash}/loyalty/tiers` on API v2): `{tiers: [...]}`, a bare list or another envelope. */
export async function readTiers(api: ApiClient, itemIndex?: number): Promise<IDataObject[]> {
	const body = await api.request<IDataObject>({
		method: 'GET',
		path: '/loyalty/tiers',
		idempotent: true,
		itemIndex,
	});
	return Array.isArray(body?.tiers) ? (body.tiers as IDataObject[]) : readPage(body).records;
}

interface V3ListRequest {
	path: string;
	/** Filters sent with every page; a list is sent as a repeated parameter (`tags=a&tags=b`), as v3's reference describes. */
	qs?: IDataObject;
	wanted: Wanted;
	/** What makes a record unique, e.g. its `customerId`. */
	identify(record: IDataObject): unknown;
	/** The item the list is read for; none when it fills a dropdown. */
	itemIndex?: number;
}

/**
 * A v3 list (`page` from 0, `limit` up to 100, `{morePages, <records>}`, no total), read one page after
 * another while `morePages` is true, or until the Limit is reached.
 */
export async function readV3List(api: ApiClient, list: V3ListRequest): Promise<IDataObject[]> {
	return await collectSequentialPages(
		list.wanted,
		MAX_PAGE_SIZE,
		async (page, limit) =>
			readV3Page(
				await api.request({
					method: 'GET',
					path: list.path,
					qs: { ...list.qs, page, limit },
					arrayFormat: 'repeat',
					idempotent: true,
					itemIndex: list.itemIndex,
				}),
			),
		list.identify,
	);
}

/**
 * What tells rewards apart. Stamped's rewards report can hold one reward rule several times (once per coupon
 * issued), so the rule's `rewardId` alone would drop records; records with none of these are all kept.
 */
function rewardIdentity(reward: IDataObject): string | undefined {
	const parts = [reward.rewardId, reward.activityId, reward.couponCode, reward.customerId];
	return parts.some((part) => part !== undefined && part !== null)
		? JSON.stringify(parts)
		: undefined;
}

/** `GET /loyalty/shops/{shopId}/rewards`, paged by `morePages`. */
export async function readRewards(
	api: ApiClient,
	wanted: Wanted,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await readV3List(api, {
		path: loyaltyPath(api, '/rewards'),
		wanted,
		identify: rewardIdentity,
		itemIndex,
	});
}
