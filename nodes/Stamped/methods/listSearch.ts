import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type { SearchPage } from '../../core/locator';
import { searchList, toSearchPage } from '../../core/locator';
import { MAX_PAGE_SIZE } from '../../core/paging';
import type { ApiClient } from '../../core/request';
import { openStampedApi, STAMPED_CREDENTIAL } from '../transport';
import { readTiers } from '../transport/lists';
import { loyaltyPath, merchantPath } from '../transport/v3';
import type { StampedProfile, StampedVersion } from '../transport/version';
import { profileOf, requireVersion } from '../transport/version';

/**
 * The Stamped node's "From List" pickers (resource locators from node version 2). Each reads one page per
 * call, from the page n8n's pagination token names; where Stamped cannot search, the typed text filters what
 * was read (a few pages per call at most). A failed call throws the client's NodeApiError: the editor shows
 * Stamped's own message, with every credential value masked.
 */

/**
 * Opens the API for a picker, reading the credential's version once (as the router does); a picker that needs
 * one API version refuses another before anything is sent.
 */
async function openFor(
	ctx: ILoadOptionsFunctions,
	version: StampedVersion | undefined,
	what: string,
): Promise<{ api: ApiClient; profile: StampedProfile }> {
	const credentials = await ctx.getCredentials(STAMPED_CREDENTIAL);
	const profile =
		version === undefined
			? profileOf(credentials)
			: requireVersion(ctx.getNode(), credentials, version, {
					what: `${what} are listed`,
					instead: 'type the value in another mode of the field',
				});
	return { api: await openStampedApi(ctx, credentials), profile };
}

const text = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/** A page of a Stamped list: `page` and a page size sent in the query, filters beside them. */
async function fetchPage(
	api: ApiClient,
	profile: StampedProfile,
	path: string,
	qs: IDataObject,
	page: number,
	sizeParameter = 'limit',
): Promise<SearchPage> {
	const body = await api.request({
		method: 'GET',
		path,
		qs: { ...qs, page, [sizeParameter]: MAX_PAGE_SIZE },
		idempotent: true,
	});
	const { firstPage, readPage } = profile.lists;
	return toSearchPage(api.node, `GET ${path}`, body, page - firstPage, MAX_PAGE_SIZE, readPage);
}

function customerItem(record: IDataObject): INodeListSearchItems | undefined {
	const email = text(record.email);
	if (!email) return undefined;
	const name = [text(record.firstName), text(record.lastName)].filter(Boolean).join(' ');
	return { name: name ? `${email} (${name})` : email, value: email };
}

/**
 * Customers, picked by e-mail (their key in Stamped), from the customer list of the credential's version. Where
 * it can search (v3, by the start of the address) the typed text is sent; the pages read are filtered by it too.
 */
export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { api, profile } = await openFor(this, undefined, 'Customers');
	const search = filter?.trim() ?? '';
	const { path, searchBy } = profile.customers;
	const qs = search && searchBy ? { [searchBy]: search } : {};
	return await searchList({
		paginationToken,
		firstPage: profile.lists.firstPage,
		fetchPage: async (page) => await fetchPage(api, profile, path(api.credentials), qs, page),
		toItem: customerItem,
		// Where Stamped searches, it matches the start of the address; the text anywhere in it (or the name) is kept.
		localFilter: search,
	});
}

function reviewItem(entry: IDataObject): INodeListSearchItems | undefined {
	const nested =
		entry.review !== null && typeof entry.review === 'object' && !Array.isArray(entry.review);
	const review = nested ? (entry.review as IDataObject) : entry;
	const id = text(review.id ?? review.reviewId);
	if (!id) return undefined;
	const stars = text(review.rating);
	const words = text(review.title) || text(review.body);
	const about = [
		stars ? `${stars}★` : '',
		text(review.author) || text(review.email),
		words.length > 60 ? `${words.slice(0, 57)}…` : words,
	]
		.filter(Boolean)
		.join(' · ');
	return { name: about ? `${about} (${id})` : id, value: id };
}

/** Recent reviews from the dashboard list (API v2), searched by Stamped's own full-text search. */
export async function searchReviews(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { api, profile } = await openFor(this, 'v2', 'Reviews');
	const search = filter?.trim() ?? '';
	return await searchList({
		paginationToken,
		firstPage: profile.lists.firstPage,
		fetchPage: async (page) =>
			await fetchPage(api, profile, '/dashboard/reviews', search ? { search } : {}, page, 'take'),
		toItem: reviewItem,
	});
}

/**
 * A v3 list that cannot be searched (pages from 0, `{morePages, <records>}`; orders and products come as an
 * array holding the page object), filtered by the typed text.
 */
async function searchV3List(
	ctx: ILoadOptionsFunctions,
	what: string,
	pathOf: (api: ApiClient) => string,
	toItem: (record: IDataObject) => INodeListSearchItems | undefined,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const { api, profile } = await openFor(ctx, 'v3', what);
	const path = pathOf(api);
	return await searchList({
		paginationToken,
		firstPage: profile.lists.firstPage,
		fetchPage: async (page) => await fetchPage(api, profile, path, {}, page),
		toItem,
		localFilter: filter,
	});
}

/** An entry named by its title and ID, e.g. "$5 off (rwd-5off)"; none without an ID. */
const titled =
	(idField: string) =>
	(record: IDataObject): INodeListSearchItems | undefined => {
		const id = text(record[idField]);
		if (!id) return undefined;
		const title = text(record.title);
		return { name: title && title !== id ? `${title} (${id})` : id, value: id };
	};

/** The rewards found in the shop's rewards report (API v3), each reward rule once. */
export async function searchRewards(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const path = (api: ApiClient) => loyaltyPath(api, '/rewards');
	return await searchV3List(this, 'Rewards', path, titled('rewardId'), filter, paginationToken);
}

/** The program's VIP tiers (API v2 keeps the list; one call, no pages), by name. */
export async function searchTiers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { api } = await openFor(this, 'v2', 'Tiers');
	return await searchList({
		// One answer holds every tier; a long list is still shown a picker page at a time.
		paginationToken,
		firstPage: 0,
		fetchPage: async () => ({ records: await readTiers(api), more: false }),
		toItem: (tier) => {
			const name = text(tier.name);
			if (!name) return undefined;
			const points = text(tier.minPoints ?? tier.points);
			return { name, value: name, ...(points ? { description: `From ${points} points` } : {}) };
		},
		localFilter: filter,
	});
}

/**
 * Orders (API v3 `GET /merchant/shops/{shopId}/orders`, which declares no filter), matched by their IDs. The
 * value is Stamped's `orderId`.
 */
export async function searchOrders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const path = (api: ApiClient) => merchantPath(api, '/orders');
	return await searchV3List(this, 'Orders', path, orderItem, filter, paginationToken);
}

function orderItem(order: IDataObject): INodeListSearchItems | undefined {
	const id = text(order.orderId);
	if (!id) return undefined;
	const label = text(order.customOrderId) || text(order.shopifyId) || text(order.bigcommerceId);
	const created = text(order.datePlatformCreated).slice(0, 10);
	const about = [label ? `Order ${label}` : 'Order', created].filter(Boolean).join(' · ');
	return { name: `${about} (${id})`, value: id };
}

/**
 * Products (API v3 `GET /merchant/shops/{shopId}/products`), matched by title and IDs. Its `title` filter is
 * declared without saying how it matches (a whole title would hide products while the user is still typing),
 * so it is not sent. The value is Stamped's `productId`.
 */
export async function searchProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const path = (api: ApiClient) => merchantPath(api, '/products');
	return await searchV3List(this, 'Products', path, titled('productId'), filter, paginationToken);
}

export const stampedListSearch = {
	searchCustomers,
	searchReviews,
	searchRewards,
	searchTiers,
	searchOrders,
	searchProducts,
};
