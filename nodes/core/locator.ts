import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
	INodePropertyMode,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PageContent } from './paging';
import { pageFingerprint, readPage } from './paging';

/**
 * Resource locators ("From List" / "By ID" pickers) for the action nodes, vendor-neutral: the version switch
 * that keeps version 1 of a node on its plain fields, the one reader that accepts both shapes, and the bounded
 * paging of a list search through n8n's own pagination token.
 */

/** The first node version whose fields are resource locators; version 1 keeps the plain fields. */
export const LOCATOR_NODE_VERSION = 2;

const onVersion1 = { show: { '@version': [1] } };
const fromLocatorVersion = { show: { '@version': [{ _cnd: { gte: LOCATOR_NODE_VERSION } }] } };

function withShow(property: INodeProperties, show: IDataObject): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...show },
		},
	} as INodeProperties;
}

/** A field that only node version 1 shows (version 2 says the same with a locator's mode). */
export function onNodeVersion1(property: INodeProperties): INodeProperties {
	return withShow(property, onVersion1.show);
}

/** What a field's locator adds to the plain field: its modes, and optionally its own description and hint. */
export interface LocatorDefinition {
	modes: INodePropertyMode[];
	description?: string;
	hint?: string;
}

/**
 * The ONE version switch of a field: the plain field as it is, shown on node version 1, and a resource locator
 * of the same name shown from version 2. An operation lists `...byNodeVersion(field, locator)` where it listed
 * `field`; saved version-1 workflows keep their plain value, and the reader below reads both shapes.
 */
export function byNodeVersion(
	plain: INodeProperties,
	locator: LocatorDefinition,
): INodeProperties[] {
	// A locator takes none of the plain field's placeholder, type options or options.
	const base: Partial<INodeProperties> = { ...plain };
	delete base.placeholder;
	delete base.typeOptions;
	delete base.options;
	const locatorField = {
		...base,
		type: 'resourceLocator',
		default: { mode: locator.modes[0].name, value: '' },
		modes: locator.modes,
		description: locator.description ?? plain.description,
		hint: locator.hint,
	} as INodeProperties;
	if (locatorField.hint === undefined) delete locatorField.hint;
	return [withShow(plain, onVersion1.show), withShow(locatorField, fromLocatorVersion.show)];
}

// A mode is written in two steps (its label, then the rest): n8n's node linter takes every object literal that
// names displayName, name and type for a node parameter that needs a default, and exempts modes only where they
// are written inline under `modes`.
function modeLabel(name: string, displayName: string) {
	return { displayName, name };
}

/** A "From List" mode filled by a node's `listSearch` method; the user can type to search. */
export function listMode(searchListMethod: string, placeholder: string): INodePropertyMode {
	return {
		...modeLabel('list', 'From List'),
		type: 'list',
		placeholder,
		typeOptions: { searchListMethod, searchable: true },
	};
}

/** A typed mode ("By ID", "By Email"...), checked in the editor by `pattern` when one is given. */
export function textMode(
	name: string,
	displayName: string,
	placeholder: string,
	pattern?: { regex: string; errorMessage: string },
): INodePropertyMode {
	return {
		...modeLabel(name, displayName),
		type: 'string',
		placeholder,
		...(pattern ? { validation: [{ type: 'regex' as const, properties: { ...pattern } }] } : {}),
	};
}

/** Whether a value is a resource locator's `{__rl, mode, value}`, as n8n itself tells them. */
function isLocatorValue(value: unknown): value is { __rl: true; mode: unknown; value: unknown } {
	return (
		value !== null &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		'__rl' in value &&
		'mode' in value &&
		'value' in value
	);
}

/**
 * A field's value on every node version, read by n8n itself (`extractValue`): the locator's `value` from
 * version 2 (`{__rl, mode, value}`), the plain value on version 1, and a plain value on version 2 too (a workflow
 * written by hand or by an AI builder), with the locator's mode when it has one. The value is unchecked: the
 * operation's own validation (e-mail, path segment, text) still applies to it. `name` may be a path into a
 * collection (`additionalFields.tier`).
 */
export function readLocatorParameter(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
): { mode: string | undefined; value: unknown } {
	const value: unknown = ctx.getNodeParameter(name, itemIndex, undefined, { extractValue: true });
	const located: unknown = ctx.getNodeParameter(name, itemIndex, undefined);
	const mode =
		isLocatorValue(located) && typeof located.mode === 'string' ? located.mode : undefined;
	return { mode, value };
}

/** One page of a list, as a list search reads it. */
export interface SearchPage {
	records: IDataObject[];
	/** Whether the API says (or the page's fullness suggests) that more pages follow. */
	more: boolean;
}

export interface ListSearch {
	/** n8n's pagination token, as the previous answer gave it: the next page's number, as text. */
	paginationToken?: string;
	/** The API's first page number (0 or 1). */
	firstPage: number;
	fetchPage(page: number): Promise<SearchPage>;
	/** The entry a record is shown as; undefined leaves the record out (no usable value). */
	toItem(record: IDataObject): INodeListSearchItems | undefined;
	/**
	 * The typed search text, for APIs that cannot search: entries are kept when their name or value contains
	 * it (case-insensitive). Omitted when the API searched itself.
	 */
	localFilter?: string;
	/** How many pages one call reads at most while a local filter finds nothing (default 5). */
	maxPagesPerCall?: number;
	/** The deepest page offered (default 50): a list search is a picker, not an export. */
	maxPage?: number;
	/** How long one call may keep reading further pages, in ms (default 10 s); a page started is finished. */
	timeBudgetMs?: number;
}

const DEFAULT_PAGES_PER_CALL = 5;
const DEFAULT_MAX_PAGE = 50;
const DEFAULT_TIME_BUDGET_MS = 10_000;
/** Entries one picker answer (a list search page, a dropdown) shows at most, whatever the API sent. */
export const PICKER_PAGE_SIZE = 100;

/**
 * n8n's pagination token, as `searchList` writes it: the next page's number, how many of its records were shown
 * already (a page longer than PICKER_PAGE_SIZE is shown over several answers), and a digest of the page before
 * it (`3:1f2e…`, `3.100:1f2e…`), so that a server that ignores the page number and answers the same page again
 * is noticed. A token that is not one of ours starts at the first page.
 */
function readToken(
	token: string | undefined,
	firstPage: number,
	maxPage: number,
): { page: number; skip: number; previous?: string } {
	const match =
		token === undefined ? null : /^(\d{1,6})(?:\.(\d{1,6}))?(?::([0-9a-f]{16}))?$/.exec(token);
	const page = match ? Number(match[1]) : NaN;
	if (!match || page < firstPage || page > maxPage) return { page: firstPage, skip: 0 };
	return { page, skip: Number(match[2] ?? 0), previous: match[3] };
}

const tokenOf = (page: number, skip: number, previous: string | undefined) =>
	`${page}${skip > 0 ? `.${skip}` : ''}${previous ? `:${previous}` : ''}`;

const digestOf = (records: IDataObject[]) => pageFingerprint(records).slice(0, 16);

/**
 * One answer of a list search: pages read from the token's page on, entries de-duplicated by value and (for
 * APIs that cannot search) filtered by the typed text, and the next page as the new token while the API says
 * more follow. At most PICKER_PAGE_SIZE entries per answer: a server that sends more records than asked has the
 * rest of its page shown in the next answer. Bounded: at most `maxPagesPerCall` pages and `timeBudgetMs` per
 * call, never past `maxPage`; a page answered again (a server that ignores the page number) ends the list.
 * A failed page throws the client's error, so the editor shows the vendor's (redacted) message.
 */
export async function searchList(search: ListSearch): Promise<INodeListSearchResult> {
	const maxPage = search.maxPage ?? DEFAULT_MAX_PAGE;
	const pagesPerCall = search.localFilter ? (search.maxPagesPerCall ?? DEFAULT_PAGES_PER_CALL) : 1;
	const budget = search.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
	const needle = search.localFilter?.trim().toLowerCase() ?? '';
	const startedAt = Date.now();
	const results: INodeListSearchItems[] = [];
	const seen = new Set<string>();
	let { page, skip, previous } = readToken(search.paginationToken, search.firstPage, maxPage);
	for (let read = 0; ; read++) {
		const { records, more } = await search.fetchPage(page);
		const digest = digestOf(records);
		// The same records as the page before: the server ignores the page number, so the list ends here.
		if (records.length > 0 && digest === previous) return { results };
		for (let position = skip; position < records.length; position++) {
			if (results.length === PICKER_PAGE_SIZE)
				return { results, paginationToken: tokenOf(page, position, previous) };
			const item = search.toItem(records[position]);
			if (!item) continue;
			const key = String(item.value);
			if (seen.has(key)) continue;
			if (needle && !`${item.name}\n${key}`.toLowerCase().includes(needle)) continue;
			seen.add(key);
			results.push(item);
		}
		skip = 0;
		previous = digest;
		const next = page + 1;
		const hasNext = more && records.length > 0 && next <= maxPage;
		if (!hasNext) return { results };
		const keepReading =
			results.length === 0 && read + 1 < pagesPerCall && Date.now() - startedAt < budget;
		if (!keepReading) return { results, paginationToken: tokenOf(next, 0, digest) };
		page = next;
	}
}

/** Whether more pages follow a page: the API's own flag or total where it gives one, else a full page. */
export function morePagesAfter(
	content: { records: unknown[]; more?: boolean; total?: number },
	pageIndex: number,
	pageSize: number,
): boolean {
	if (content.more !== undefined) return content.more;
	if (content.total !== undefined)
		return pageIndex * pageSize + content.records.length < content.total;
	return content.records.length >= pageSize;
}

/**
 * A list answer as a search page, read by `read` (a vendor's envelopes; the usual ones by default). An answer
 * that holds no list is an error naming the call, never an empty picker that looks like "no records".
 */
export function toSearchPage(
	node: INode,
	what: string,
	body: unknown,
	pageIndex: number,
	pageSize: number,
	read: (body: unknown) => PageContent = readPage,
): SearchPage {
	const content = read(body);
	if (content.problem) {
		throw new NodeOperationError(node, `The answer to ${what} could not be read as a list`, {
			description: `${content.problem[0].toUpperCase()}${content.problem.slice(1)}. Type the value in another mode of the field instead.`,
		});
	}
	return { records: content.records, more: morePagesAfter(content, pageIndex, pageSize) };
}
