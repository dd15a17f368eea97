/**
 * Stamped's lists, read by the core's one paging engine in the shape of the credential's version (its first
 * page, whether pages tell the total, its envelopes: see `StampedProfile.lists`), and the two small lists the
 * node reads whole (v2 tiers, v3 rewards).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeAnswer } from '../../core/operation';
import type { PageContent, Wanted } from '../../core/paging';
import { MAX_PAGE_SIZE, PAGES_AT_ONCE, readList } from '../../core/paging';
import type { ApiClient } from '../../core/request';
import { readListUnder, readStampedPage } from './answers';
import { loyaltyPath } from './v3';
import { profileOf } from './version';

/** Concurrency used when the node's option is not set. */
export const DEFAULT_CONCURRENCY = PAGES_AT_ONCE;

interface ListRequest {
	path: string;
	/** Filters sent with every page. */
	qs?: IDataObject;
	wanted: Wanted;
	/** What makes a record unique, e.g. its e-mail or `customerId`; undefined or '' for a record with none. */
	key(record: IDataObject): string | undefined;
	/** The item the list is read for; none when it fills a dropdown. */
	itemIndex?: number;
	/**
	 * Pages asked for at once (DEFAULT_CONCURRENCY unless given): side by side once the first page has told the
	 * total (v2), or ahead while Stamped says more follow (v3).
	 */
	concurrency?: number;
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

/** A page's records, read under `recordsKey` when the list names one. */
function recordsUnder(
	api: ApiClient,
	content: PageContent,
	body: unknown,
	list: ListRequest,
	page: number,
): PageContent {
	if (!list.recordsKey) return content;
	const under = readListUnder(body, list.recordsKey);
	if (!under) {
		throw new NodeOperationError(
			api.node,
			`Stamped answered page ${page} of the ${list.what ?? 'list'} with something unexpected`,
			{
				itemIndex: list.itemIndex,
				description: `Expected a list under "${list.recordsKey}" (or a bare list), got ${describeAnswer(body)}. Nothing was output.`,
			},
		);
	}
	if (under.problem) return under;
	const records = list.toRecord
		? under.records.map((entry) => list.toRecord!(entry))
		: under.records;
	return { records, total: content.total };
}

/**
 * A Stamped list, read with Return All or a Limit: pages of up to 100 from the version's first page, side by
 * side where its pages tell the total (v2), in order while it says more follow, `concurrency` pages asked for
 * ahead (v3).
 */
export async function readStampedList(api: ApiClient, list: ListRequest): Promise<IDataObject[]> {
	const { lists } = profileOf(api.credentials);
	const sizeParameter = list.pageSizeParameter ?? 'limit';
	const concurrency = list.concurrency ?? DEFAULT_CONCURRENCY;
	const { records } = await readList(
		{
			firstPage: lists.firstPage,
			pageSize: MAX_PAGE_SIZE,
			...(lists.tellsTotal ? { concurrency } : { pagesAhead: concurrency }),
			key: list.key,
			fetchPage: async (page, size, onRateLimited, stillNeeded) => {
				const body = await api.request({
					method: 'GET',
					path: list.path,
					qs: { ...list.qs, page, [sizeParameter]: size },
					...(lists.arrayFormat ? { arrayFormat: lists.arrayFormat } : {}),
					idempotent: true,
					itemIndex: list.itemIndex,
					onRateLimited,
					stillNeeded,
				});
				// The whole reading, its problem included: an answer without a list must fail the list, not end it.
				return recordsUnder(api, lists.readPage(body), body, list, page);
			},
		},
		list.wanted,
	);
	return records;
}

/** An ID as a list's key: text, or undefined when the record has none. */
export function idKey(value: unknown): string | undefined {
	return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** The program's tiers (`GET /{storeHash}/loyalty/tiers` on API v2): `{tiers: [...]}`, a bare list or another envelope. */
export async function readTiers(api: ApiClient, itemIndex?: number): Promise<IDataObject[]> {
	const body = await api.request<IDataObject>({
		method: 'GET',
		path: '/loyalty/tiers',
		idempotent: true,
		itemIndex,
	});
	return Array.isArray(body?.tiers) ? (body.tiers as IDataObject[]) : readStampedPage(body).records;
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
	concurrency?: number,
): Promise<IDataObject[]> {
	return await readStampedList(api, {
		path: loyaltyPath(api, '/rewards'),
		wanted,
		concurrency,
		key: rewardIdentity,
		itemIndex,
	});
}
