/**
 * How Stamped's answers are read: its list envelopes (records under the usual keys or under what they hold,
 * `{customers: [...], morePages}`), v3's page objects that the reference types as a one-element array, and what
 * an unexpected answer held, for error messages.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PageContent } from '../../core/paging';
import { readPage, RECORD_KEYS } from '../../core/paging';

/** Stamped's envelopes named after what they hold, besides the usual keys. */
const STAMPED_RECORD_KEYS: readonly string[] = [
	...RECORD_KEYS,
	'customers',
	'activities',
	'rewards',
	'orders',
	'products',
];

/** One page of a Stamped list, whichever envelope it came in (see `readPage`). */
export function readStampedPage(body: unknown): PageContent {
	return readPage(body, STAMPED_RECORD_KEYS);
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
		if (body.length === 1) return readStampedPage(body[0]);
		return {
			records: [],
			problem: `the answer is a list of ${body.length} page objects, where one was expected`,
		};
	}
	return readStampedPage(body);
}

/** Whether an answer is a v3 page object (alone, or as the one element of an array) with a list under `key`. */
export function isV3PageOf(body: unknown, key: string): boolean {
	const page = Array.isArray(body) && body.length === 1 ? body[0] : body;
	return isPageObject(page) && Array.isArray(page[key]) && !readV3Page(body).problem;
}

/**
 * A v2 list that names the key its records come under (`{results: [...]}`), or a bare list: the page, its
 * problem included (entries that are not records), or undefined when the answer holds no list there. The one
 * reading of such a list: its operations and the credential test's probe both take what it takes.
 */
export function readListUnder(body: unknown, key: string): PageContent | undefined {
	const holdsList =
		Array.isArray(body) ||
		(body !== null && typeof body === 'object' && Array.isArray((body as IDataObject)[key]));
	return holdsList ? readPage(body, [key]) : undefined;
}
