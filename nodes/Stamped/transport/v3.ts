/**
 * Stamped API v3 (Loyalty 2.0): customers live under `/merchant/shops/{shopId}`, loyalty actions under
 * `/loyalty/shops/{shopId}`; customers are addressed by a string `customerId` that Stamped assigns, found by
 * an exact lookup; lists are paged from 0 and say `morePages` instead of a total.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiClient } from '../../core/request';
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
