/**
 * Stamped API v3 (Loyalty 2.0): customers live under `/merchant/shops/{shopId}`, loyalty actions under
 * `/loyalty/shops/{shopId}`; customers are addressed by a string `customerId` that Stamped assigns, found by
 * an exact lookup; lists are paged from 0 and say `morePages` instead of a total.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asJsonObject } from '../../core/operation';
import type { PageContent, Wanted } from '../../core/paging';
import { collectSequentialPages, MAX_PAGE_SIZE, readPage } from '../../core/paging';
import type { ApiClient } from '../../core/request';
import { pathSegmentProblem, toNumber } from '../../core/validation';

/** What a v3 customer can be looked up by; each is also the name of the lookup's query parameter. */
export const LOOKUP_KEYS = ['email', 'customCustomerId', 'shopifyId', 'bigcommerceId'] as const;
export type LookupKey = (typeof LOOKUP_KEYS)[number];

/** The credential's store hash, trimmed; on v2 it is the first path segment, on v3 the shop ID. */
export function storeHashOf(credentials: ICredentialDataDecryptedObject): string {
	const value = credentials.storeHash;
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** Why the store hash cannot go into a URL path ("..", empty, control characters), or undefined. */
export function storeHashProblem(credentials: ICredentialDataDecryptedObject): string | undefined {
	return pathSegmentProblem(storeHashOf(credentials));
}

const shopOf = (credentials: ICredentialDataDecryptedObject) =>
	encodeURIComponent(storeHashOf(credentials));

/** `/merchant/shops/{shopId}{suffix}`; the shop ID is the credential's store hash. */
export function merchantPathFor(
	credentials: ICredentialDataDecryptedObject,
	suffix: string,
): string {
	return `/merchant/shops/${shopOf(credentials)}${suffix}`;
}

export function merchantPath(api: ApiClient, suffix: string): string {
	return merchantPathFor(api.credentials, suffix);
}

/** `/loyalty/shops/{shopId}{suffix}`. */
export function loyaltyPath(api: ApiClient, suffix: string): string {
	return `/loyalty/shops/${shopOf(api.credentials)}${suffix}`;
}

/** `/merchant/shops/{shopId}/customers/{customerId}`: read, update, delete. */
export function customerRecordPath(api: ApiClient, customerId: string): string {
	return merchantPath(api, `/customers/${encodeURIComponent(customerId)}`);
}

/** `/loyalty/shops/{shopId}/customers/{customerId}/{action}`, each further segment URL-encoded. */
export function customerActionPath(
	api: ApiClient,
	customerId: string,
	...action: string[]
): string {
	return loyaltyPath(
		api,
		['', 'customers', customerId, ...action].map((part) => encodeURIComponent(part)).join('/'),
	);
}

/** A customer as Stamped returned it, with its `customerId` read as text (v3 types ids as strings). */
export interface V3Customer {
	customerId: string;
	record: IDataObject;
}

function asCustomer(body: unknown): V3Customer | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const record = body as IDataObject;
	const id = record.customerId;
	if ((typeof id !== 'string' || id === '') && typeof id !== 'number') return undefined;
	return { customerId: String(id), record };
}

/** GET customers/lookup; with `absentOk`, Stamped's 404 resolves to undefined instead of failing. */
async function lookUp(
	api: ApiClient,
	by: LookupKey,
	value: string,
	itemIndex: number,
	absentOk: boolean,
): Promise<V3Customer | undefined> {
	const body = await api.request({
		method: 'GET',
		path: merchantPath(api, '/customers/lookup'),
		qs: { [by]: value },
		idempotent: true,
		...(absentOk ? { absentStatus: 404 } : {}),
		itemIndex,
	});
	return asCustomer(body);
}

/**
 * Looks a customer up by an exact e-mail address or platform ID. Resolves to undefined when Stamped knows no
 * such customer (404, or an answer that holds no customer).
 */
export async function findCustomer(
	api: ApiClient,
	by: LookupKey,
	value: string,
	itemIndex: number,
): Promise<V3Customer | undefined> {
	return await lookUp(api, by, value, itemIndex, true);
}

/**
 * The customer with this e-mail address or platform ID, for operations that act on a customer. An unknown
 * customer fails with Stamped's own 404 message.
 */
export async function requireCustomer(
	api: ApiClient,
	by: LookupKey,
	value: string,
	itemIndex: number,
): Promise<V3Customer> {
	const customer = await lookUp(api, by, value, itemIndex, false);
	if (!customer) {
		throw new NodeOperationError(api.node, `Stamped found no customer with ${by} "${value}"`, {
			itemIndex,
			description:
				'The customer lookup answered without a customer record (no customerId). Nothing was changed.',
		});
	}
	return customer;
}

/**
 * A customer's points balance. v3 keeps the loyalty figures under `activity` (some answers say `loyalty`) and
 * types them as text ("150"); undefined when no readable balance is there.
 */
export function pointsBalanceOf(customer: IDataObject): number | undefined {
	for (const holder of [customer.activity, customer.loyalty, customer]) {
		if (holder && typeof holder === 'object' && !Array.isArray(holder)) {
			const balance = toNumber((holder as IDataObject).totalPoints);
			if (balance !== undefined) return balance;
		}
	}
	return undefined;
}

/**
 * Why a v3 "set" refuses a balance that is not a whole number: the adjustment (target minus balance) would be
 * fractional, and a fractional number of points is never sent. Rounding would leave the balance off the target
 * without saying so, so the node refuses instead, before anything is changed.
 */
export function fractionalBalanceError(
	api: ApiClient,
	balance: number,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		api.node,
		`Stamped reports a balance of ${balance} points, not a whole number, so it cannot be set exactly`,
		{
			itemIndex,
			description:
				'A set would have to send a fractional adjustment, which this node never sends (nor rounds). Nothing was changed. Use Add or Subtract with whole points instead.',
		},
	);
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

const isPageObject = (value: unknown): value is IDataObject =>
	value !== null &&
	typeof value === 'object' &&
	!Array.isArray(value) &&
	('morePages' in value || 'more_pages' in value || 'page' in value);

/**
 * One page of a v3 list. The reference types the order and product lists' answer as an array of page objects,
 * the others as one page object: both are read, and an array of several page objects (which the reference does
 * not explain) is refused rather than guessed at.
 */
export function readV3Page(body: unknown): PageContent {
	if (Array.isArray(body) && body.length > 0 && body.every(isPageObject)) {
		if (body.length === 1) return readPage(body[0]);
		return {
			records: [],
			problem: `the answer is a list of ${body.length} page objects, where one was expected`,
		};
	}
	return readPage(body);
}

/**
 * `adjust-points`: moves the balance by a signed amount and answers the activity it recorded. Never re-sent
 * after a failure that may have applied it (v3 has no idempotency key), so points are never moved twice.
 */
export async function adjustPoints(
	api: ApiClient,
	customerId: string,
	points: number,
	reason: string | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	const body = await api.request({
		method: 'POST',
		path: customerActionPath(api, customerId, 'adjust-points'),
		body: { points, ...(reason !== undefined ? { reason } : {}) },
		idempotent: false,
		itemIndex,
	});
	return asJsonObject(body);
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
