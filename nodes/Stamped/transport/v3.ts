/**
 * Stamped API v3 (Loyalty 2.0): customers live under `/merchant/shops/{shopId}`, loyalty actions under
 * `/loyalty/shops/{shopId}`; customers are addressed by a string `customerId` that Stamped assigns, found by
 * an exact lookup; lists are paged from 0 and say `morePages` instead of a total.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { notTheRecordAsked, sameKey } from '../../core/match';
import { asJsonObject, describeAnswer } from '../../core/operation';
import type { ApiClient } from '../../core/request';
import { mayHaveBeenApplied } from '../../core/request';
import { pathSegmentProblem } from '../../core/validation';

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

/** What a customer is found by: a lookup key, or Stamped's own id (read at `customers/{customerId}`). */
export type CustomerLookupBy = LookupKey | 'stampedId';

/** The field of the record that must hold the value a lookup asked for (see `sameKey`). */
const customerKeyOf = (by: CustomerLookupBy) => (by === 'stampedId' ? 'customerId' : by);

/**
 * `GET customers/lookup`, or `GET customers/{customerId}` for Stamped's id. With `absentOk`, Stamped's own
 * not-found resolves to undefined instead of failing. An answer that is not the customer asked (another
 * customer, or no customer) is never taken for it (see `notTheRecordAsked`).
 */
async function lookUp(
	api: ApiClient,
	by: CustomerLookupBy,
	value: string,
	itemIndex: number,
	absentOk: boolean,
): Promise<V3Customer | undefined> {
	const body = await api.request({
		method: 'GET',
		...(by === 'stampedId'
			? { path: customerRecordPath(api, value) }
			: { path: merchantPath(api, '/customers/lookup'), qs: { [by]: value } }),
		idempotent: true,
		...(absentOk ? { absentStatus: 404 } : {}),
		itemIndex,
	});
	if (body === undefined && absentOk) return undefined;
	const key = customerKeyOf(by);
	const customer = asCustomer(body);
	if (!customer || !sameKey(value, body, key))
		throw notTheRecordAsked(api, 'customer', { by, value, key }, body, itemIndex, absentOk);
	return customer;
}

/**
 * Looks a customer up by an exact e-mail address or platform ID. Resolves to undefined only when Stamped's own
 * not-found proves there is no such customer; an answer that holds another customer, or none, fails: whether
 * the customer exists is then unknown.
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
 * The customer with this e-mail address, platform ID or Stamped id, for operations that read or act on a
 * customer. An unknown customer fails with Stamped's own 404 message; an answer that holds another customer (or
 * none) fails as "not found", before anything is changed.
 */
export async function requireCustomer(
	api: ApiClient,
	by: CustomerLookupBy,
	value: string,
	itemIndex: number,
): Promise<V3Customer> {
	return (await lookUp(api, by, value, itemIndex, false))!;
}

/**
 * Orders and products, the merchant records other than customers: each has Stamped's own id (`orderId`,
 * `productId`) and can be looked up by the shop's own id or a platform id (`GET .../lookup?<key>=`).
 */
export const MERCHANT_RECORDS = {
	order: {
		collection: 'orders',
		idField: 'orderId',
		ownIdField: 'customOrderId',
		lookupKeys: ['customOrderId', 'shopifyId', 'bigcommerceId'],
	},
	product: {
		collection: 'products',
		idField: 'productId',
		ownIdField: 'customProductId',
		lookupKeys: ['customProductId', 'shopifyId', 'bigcommerceId'],
	},
} as const;
export type MerchantRecordKind = keyof typeof MERCHANT_RECORDS;
/** `stampedId` is Stamped's own id (read at `{collection}/{id}`); the others are the lookup's query parameters. */
export type RecordLookupBy =
	| 'stampedId'
	| (typeof MERCHANT_RECORDS)[MerchantRecordKind]['lookupKeys'][number];

/** `/merchant/shops/{shopId}/{orders|products}`, with Stamped's id as a further (encoded) segment when given. */
export function merchantRecordPath(api: ApiClient, kind: MerchantRecordKind, id?: string): string {
	const { collection } = MERCHANT_RECORDS[kind];
	return merchantPath(
		api,
		id === undefined ? `/${collection}` : `/${collection}/${encodeURIComponent(id)}`,
	);
}

/** Stamped's id of an order or product record as text, or undefined when the answer holds none. */
export function recordIdOf(kind: MerchantRecordKind, record: unknown): string | undefined {
	if (!record || typeof record !== 'object' || Array.isArray(record)) return undefined;
	const id = (record as IDataObject)[MERCHANT_RECORDS[kind].idField];
	return (typeof id === 'string' && id !== '') || typeof id === 'number' ? String(id) : undefined;
}

/**
 * An order or product by Stamped's id (`GET {collection}/{id}`) or a lookup key (`GET {collection}/lookup`).
 * With `absentOk`, Stamped's own not-found resolves to undefined; otherwise it fails with Stamped's message. An
 * answer that is not the record asked (another record, or none: its key must hold exactly the value asked, see
 * `sameKey`) fails, naming what arrived, rather than pass for the record.
 */
export async function findRecord(
	api: ApiClient,
	kind: MerchantRecordKind,
	by: RecordLookupBy,
	value: string,
	itemIndex: number,
	absentOk = false,
): Promise<{ id: string; record: IDataObject } | undefined> {
	const body = await api.request({
		method: 'GET',
		path:
			by === 'stampedId'
				? merchantRecordPath(api, kind, value)
				: merchantPath(api, `/${MERCHANT_RECORDS[kind].collection}/lookup`),
		...(by === 'stampedId' ? {} : { qs: { [by]: value } }),
		idempotent: true,
		...(absentOk ? { absentStatus: 404 } : {}),
		itemIndex,
	});
	if (body === undefined && absentOk) return undefined;
	const id = recordIdOf(kind, body);
	if (id === undefined && !absentOk) {
		throw new NodeOperationError(
			api.node,
			`Stamped's answer to the ${kind} lookup (${by} "${value}") holds no ${kind}`,
			{
				itemIndex,
				description: `Expected a ${kind} with its ${MERCHANT_RECORDS[kind].idField}, got ${describeAnswer(body)}. Nothing was changed.`,
			},
		);
	}
	const key = by === 'stampedId' ? MERCHANT_RECORDS[kind].idField : by;
	if (id === undefined || !sameKey(value, body, key))
		throw notTheRecordAsked(api, kind, { by, value, key }, body, itemIndex, absentOk);
	return { id, record: body as IDataObject };
}

/** How a create ended: sent once, found after an ambiguous failure, or sent again once the lookup found nothing. */
export type CreateOutcome = 'created' | 'foundByLookup' | 'createdAfterLookup';

/**
 * Creates an order or product exactly once. v3 has no idempotency key, so a create that fails in a way the
 * server may have acted on (5xx, timeout, a connection dropped after sending) is never sent again blindly: the
 * record is looked up by the shop's own id (`customOrderId` / `customProductId`). Found: the first attempt went
 * through, and that record is the result. Not found: nothing was created, so one more attempt is safe; if that
 * one fails too, the error says so and nothing is sent again. A lookup that fails itself leaves the outcome
 * unknown: the create's error is thrown, saying what to check.
 */
export async function createExactlyOnce(
	api: ApiClient,
	kind: MerchantRecordKind,
	body: IDataObject,
	itemIndex: number,
): Promise<{ record: IDataObject; outcome: CreateOutcome; firstError?: string }> {
	const { ownIdField } = MERCHANT_RECORDS[kind];
	const ownId = String(body[ownIdField]);
	const send = async () =>
		asJsonObject(
			await api.request({
				method: 'POST',
				path: merchantRecordPath(api, kind),
				body,
				idempotent: false,
				itemIndex,
			}),
		);
	let failure: unknown;
	try {
		return { record: await send(), outcome: 'created' };
	} catch (error) {
		failure = error;
	}
	if (!mayHaveBeenApplied(failure)) throw failure;
	const firstError = (failure as Error).message;
	let found: { record: IDataObject } | undefined;
	try {
		found = await findRecord(api, kind, ownIdField, ownId, itemIndex, true);
	} catch (lookupError) {
		throw withNote(
			failure,
			`Looking the ${kind} up by its ${ownIdField} "${ownId}" failed too, so whether it was created is unknown (${(lookupError as Error).message}): it was not sent again; look it up (Get, by ${ownIdField}) before running this item again.`,
		);
	}
	if (found) return { record: found.record, outcome: 'foundByLookup', firstError };
	let secondFailure: unknown;
	try {
		return { record: await send(), outcome: 'createdAfterLookup', firstError };
	} catch (error) {
		secondFailure = error;
	}
	throw withNote(
		secondFailure,
		`This was the second attempt: the first failed (${firstError}) and no ${kind} with the ${ownIdField} "${ownId}" existed afterwards. It is not sent a third time.`,
	);
}

/** Adds a sentence to an error's description (what the node did after the failure, what to check). */
function withNote(error: unknown, note: string): unknown {
	const described = error as { description?: string | null };
	described.description = [described.description, note].filter(Boolean).join(' ');
	return error;
}

/** Stamped's id of the record: the value itself, or found by the lookup (Stamped's 404 when there is none). */
async function recordIdFor(
	api: ApiClient,
	kind: MerchantRecordKind,
	by: RecordLookupBy,
	value: string,
	itemIndex: number,
): Promise<string> {
	return by === 'stampedId' ? value : (await findRecord(api, kind, by, value, itemIndex))!.id;
}

/**
 * `PATCH {collection}/{id}` with `body` (the same fields sent twice leave the record as once, so it is retried
 * like a read), for a record that may have been deleted since it was seen: undefined when Stamped's own
 * not-found proves it gone (any other 404 fails, saying it proves nothing).
 */
export async function updateIfPresent(
	api: ApiClient,
	kind: MerchantRecordKind,
	id: string,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const answer = await api.request({
		method: 'PATCH',
		path: merchantRecordPath(api, kind, id),
		body,
		idempotent: true,
		absentStatus: 404,
		itemIndex,
	});
	return answer === undefined ? undefined : asJsonObject(answer);
}

/**
 * `PATCH {collection}/{id}` with `body`, after finding Stamped's id when the record is named otherwise.
 * `idempotent`: whether the same PATCH sent twice leaves the record as once (then a 5xx is retried).
 */
export async function updateRecord(
	api: ApiClient,
	kind: MerchantRecordKind,
	lookup: { by: RecordLookupBy; value: string },
	body: IDataObject,
	itemIndex: number,
	idempotent: boolean,
): Promise<IDataObject> {
	const id = await recordIdFor(api, kind, lookup.by, lookup.value, itemIndex);
	return asJsonObject(
		await api.request({
			method: 'PATCH',
			path: merchantRecordPath(api, kind, id),
			body,
			idempotent,
			itemIndex,
		}),
	);
}

/**
 * `DELETE {collection}/{id}`, after finding Stamped's id when the record is named otherwise. Stamped answers
 * `{softDelete}`; a retried delete that finds the record gone means the first attempt went through.
 */
export async function deleteRecord(
	api: ApiClient,
	kind: MerchantRecordKind,
	by: RecordLookupBy,
	value: string,
	itemIndex: number,
): Promise<IDataObject> {
	const id = await recordIdFor(api, kind, by, value, itemIndex);
	const response = await api.request({
		method: 'DELETE',
		path: merchantRecordPath(api, kind, id),
		idempotent: true,
		alreadyDoneStatus: 404,
		itemIndex,
	});
	return {
		[MERCHANT_RECORDS[kind].idField]: id,
		...(by === 'stampedId' ? {} : { [by]: value }),
		deleted: true,
		...asJsonObject(response ?? {}),
	};
}
