import { NodeOperationError } from 'n8n-workflow';

import { describeAnswer } from './operation';
import type { ApiClient } from './request';
import { decimalText } from './validation';

/**
 * Whether a record an API answered to a lookup is the one asked for. A lookup (by e-mail address, by an ID) is
 * trusted only as far as its answer proves it: the record must carry the key asked, holding the value asked.
 *
 * - E-mail addresses (the key `email`) match regardless of letter case: `Jane@Example.com` is
 *   `jane@example.com`, as the vendors' own lookups treat addresses and as the package keys customers
 *   everywhere else. Nothing else is forgiven: no spaces trimmed on the answer's side, no other address rewritten.
 * - Every other key (a vendor's own IDs, the shop's custom IDs, Shopify and BigCommerce IDs, external IDs)
 *   matches byte for byte: the same letters in the same case, no spaces trimmed, no prefix. A
 *   number in the answer matches the same number written out, while it is exact (at most 2^53 - 1).
 *
 * The value asked is compared as the node sends it (the node trims what the user typed before sending it).
 */
export function sameKey(asked: string, record: unknown, key: string): boolean {
	const held = keyText(record, key);
	if (held === undefined) return false;
	return key === 'email' ? held.toLowerCase() === asked.toLowerCase() : held === asked;
}

/** The value a record holds under `key`, as text: a string, or an exact number written out; else undefined. */
export function keyText(record: unknown, key: string): string | undefined {
	if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
	const value = (record as Record<string, unknown>)[key];
	if (typeof value === 'string') return value;
	if (
		typeof value === 'number' &&
		Number.isFinite(value) &&
		Math.abs(value) <= Number.MAX_SAFE_INTEGER
	)
		return decimalText(value);
	return undefined;
}

/** What a record holds under `key`, for messages: the value quoted, or that it holds none. */
export function describeKey(record: unknown, key: string): string {
	const held = keyText(record, key);
	return held === undefined ? `no ${key}` : `${key} ${JSON.stringify(held)}`;
}

/**
 * Why a lookup's answer is not taken for the record asked: it holds another record, or none. `absentOk` says
 * the caller would have acted on "no such record" (a create): then the answer proves neither, and the outcome
 * is unknown; otherwise the record is not found. Either way nothing further is sent.
 */
export function notTheRecordAsked(
	api: Pick<ApiClient, 'node' | 'vendor'>,
	what: string,
	lookup: { by: string; value: string; key: string },
	body: unknown,
	itemIndex: number,
	absentOk: boolean,
): NodeOperationError {
	const { by, value, key } = lookup;
	const held = keyText(body, key);
	const answered =
		held === undefined
			? `Its answer holds no ${what} with a ${key} (${describeAnswer(body)})`
			: `Its answer is a ${what} with ${describeKey(body, key)}, not "${value}"`;
	const rule =
		key === 'email'
			? 'an e-mail address must match exactly, apart from letter case'
			: 'an ID must match exactly: same letters and case, no spaces, no prefix';
	const outcome = absentOk
		? `It does not prove either that this ${what} exists or that it does not, so nothing was created or changed: check the ${what} in ${api.vendor.name} before running this item again.`
		: 'Nothing was changed.';
	return new NodeOperationError(
		api.node,
		absentOk
			? `${api.vendor.name}'s lookup of the ${what} with ${by} "${value}" answered ${held === undefined ? `no ${what}` : `another ${what} (${describeKey(body, key)})`}`
			: `${api.vendor.name} found no ${what} with ${by} "${value}"`,
		{
			itemIndex,
			description: `${answered}: a lookup is trusted only for the record asked (${rule}). ${outcome}`,
		},
	);
}
