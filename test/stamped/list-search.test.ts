/**
 * The Stamped node's "From List" pickers (node version 2), called through n8n-core's real LoadOptionsContext as
 * the editor calls them: the search text, n8n's pagination token, empty answers, Stamped's errors (its own
 * message, no credential value), and the bounds of a search Stamped cannot do itself.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
	TIERS,
} from '../fake-api/stamped-v2';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID } from '../fake-api/stamped-v3';
import { listSearch } from '../harness/list-search';
import { expectNoSecrets, secretForms, visibleText } from '../harness/secrets';
import { api, jane, useStampedApi } from './support';

useStampedApi();

const SECRETS = secretForms(
	STAMPED_PUBLIC_KEY,
	STAMPED_PRIVATE_KEY,
	STAMPED_V3_PRIVATE_KEY,
	`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`,
);
const v2 = (): IDataObject => ({
	publicKey: STAMPED_PUBLIC_KEY,
	privateKey: STAMPED_PRIVATE_KEY,
	storeHash: STAMPED_STORE_HASH,
	baseUrl: api.stampedUrl,
});
const v3 = (): IDataObject => ({
	apiVersion: 'v3',
	privateKey: STAMPED_V3_PRIVATE_KEY,
	storeHash: STAMPED_V3_SHOP_ID,
	baseUrl: api.stampedV3Url,
});

async function search(
	method: string,
	credential: IDataObject,
	filter?: string,
	paginationToken?: string,
) {
	const outcome = await listSearch({
		node: 'stamped',
		method,
		credential: ['stampedApi', credential as never],
		parameters: { resource: 'customer', operation: 'get' },
		path: 'parameters.email',
		filter,
		paginationToken,
	});
	expectNoSecrets(visibleText([], outcome.error), SECRETS);
	return outcome;
}

const sent = () => api.requests().map((request) => ({ path: request.path, query: request.query }));

describe('Customers (by e-mail)', () => {
	test('v3: the search text goes to Stamped as its e-mail filter; each customer shown by e-mail and name', async () => {
		const { result } = await search('searchCustomers', v3(), 'jane');
		expect(result).toEqual({
			results: [{ name: 'jane@example.com (Jane)', value: 'jane@example.com' }],
		});
		expect(sent()).toEqual([
			{
				path: `/merchant/shops/${STAMPED_V3_SHOP_ID}/customers`,
				query: { email: 'jane', page: '0', limit: '100' },
			},
		]);
	});

	test("v3: pages follow n8n's pagination token while morePages says so", async () => {
		api.stampedV3.seedCustomers(230);
		const first = await search('searchCustomers', v3());
		expect(first.result?.results).toHaveLength(100);
		expect(first.result?.paginationToken).toMatch(/^1:[0-9a-f]{16}$/);
		const second = await search('searchCustomers', v3(), undefined, first.result?.paginationToken);
		expect(second.result?.paginationToken).toMatch(/^2:[0-9a-f]{16}$/);
		const last = await search('searchCustomers', v3(), undefined, second.result?.paginationToken);
		expect(last.result?.results).toHaveLength(31);
		expect(last.result?.paginationToken).toBeUndefined();
		const all = [first, second, last].flatMap((page) => page.result!.results.map((r) => r.value));
		expect(new Set(all).size).toBe(231);
		expect(sent().map((request) => request.query.page)).toEqual(['0', '1', '2']);
	});

	test('v2: Stamped cannot search its customer list, so the typed text filters the pages read', async () => {
		api.stamped.seedCustomers(150);
		const { result } = await search('searchCustomers', v2(), 'customer00149');
		expect(result?.results).toEqual([
			{ name: 'customer00149@example.com (First149)', value: 'customer00149@example.com' },
		]);
		// Pages from 1, 100 at a time, until the customer turned up; the token names the page after them.
		const pages = sent().map((request) => request.query);
		expect(pages).toEqual(pages.map((_, index) => ({ page: String(index + 1), limit: '100' })));
		if (result?.paginationToken !== undefined)
			expect(result.paginationToken).toMatch(new RegExp(`^${pages.length + 1}:`));
	});

	test('v2: a search that finds nothing reads at most 5 pages per call, then hands n8n a token for more', async () => {
		api.stamped.seedCustomers(800);
		const { result } = await search('searchCustomers', v2(), 'nobody-has-this');
		expect(result).toEqual({ results: [], paginationToken: expect.stringMatching(/^6:/) });
		expect(api.requests()).toHaveLength(5);
	});

	test('an empty list gives no entries and no token', async () => {
		api.stampedV3.customers.clear();
		const { result, error } = await search('searchCustomers', v3());
		expect(error).toBeUndefined();
		expect(result).toEqual({ results: [] });
	});

	test('a server that ignores the page number: the page answered again ends the list, no endless scrolling', async () => {
		api.stampedV3.seedCustomers(230);
		api.hostile = { ignorePaging: true };
		const first = await search('searchCustomers', v3());
		expect(first.result?.results).toHaveLength(100);
		const second = await search('searchCustomers', v3(), undefined, first.result?.paginationToken);
		expect(second.result).toEqual({ results: [] });
	});

	test('a bare page number as the token is read too (no digest to compare)', async () => {
		api.stampedV3.seedCustomers(230);
		const { result } = await search('searchCustomers', v3(), undefined, '2');
		expect(result?.results).toHaveLength(31);
		expect(api.requests()[0].query.page).toBe('2');
	});

	test('a token that is not a page number of ours starts at the first page', async () => {
		for (const token of ['abc', '-1', '1e3', '99999999', '../2', '2:zz', '2:' + 'a'.repeat(17)]) {
			api.reset();
			const { result } = await search('searchCustomers', v3(), undefined, token);
			expect(result?.results).toHaveLength(1);
			expect(api.requests()[0].query.page).toBe('0');
		}
	});
});

describe('Reviews (recent, searched by Stamped)', () => {
	test("the search text goes to Stamped's own review search; each review shown by stars, author and text", async () => {
		const { result } = await search('searchReviews', v2(), 'Review 12');
		expect(sent()).toEqual([
			{
				path: `/${STAMPED_STORE_HASH}/dashboard/reviews`,
				query: { search: 'Review 12', page: '1', take: '100' },
			},
		]);
		expect(result?.results.map((entry) => entry.value)).toEqual(
			expect.arrayContaining(['rev12', 'rev120']),
		);
		expect(result?.results.find((entry) => entry.value === 'rev12')?.name).toMatch(
			/^3★ .*Review 12 \(rev12\)$/,
		);
	});

	test('without search text the list pages through n8n’s token (130 reviews: two pages)', async () => {
		const first = await search('searchReviews', v2());
		expect(first.result?.results).toHaveLength(100);
		expect(first.result?.paginationToken).toMatch(/^2:[0-9a-f]{16}$/);
		const second = await search('searchReviews', v2(), undefined, first.result?.paginationToken);
		expect(second.result?.results).toHaveLength(30);
		expect(second.result?.paginationToken).toBeUndefined();
	});

	test('a v3 credential is told reviews are listed by v2, and nothing is sent', async () => {
		const { error } = await search('searchReviews', v3());
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			'Reviews are listed by Stamped API v2, but the selected credential is for Stamped API v3',
		);
		expect(api.requests()).toHaveLength(0);
	});
});

describe('Rewards and tiers', () => {
	test('rewards (v3): each reward rule once, by title, filtered by the typed text', async () => {
		api.stampedV3.seedRewards(6, jane());
		expect((await search('searchRewards', v3())).result).toEqual({
			results: [
				{ name: '$5 off (rwd-5off)', value: 'rwd-5off' },
				{ name: '$1 off per 100 points (rwd-variable)', value: 'rwd-variable' },
			],
		});
		expect((await search('searchRewards', v3(), 'PER 100')).result?.results).toEqual([
			{ name: '$1 off per 100 points (rwd-variable)', value: 'rwd-variable' },
		]);
	});

	test('tiers (v2): the tier names with the points each needs, filtered by the typed text', async () => {
		const { result } = await search('searchTiers', v2());
		expect(result?.results).toEqual(
			TIERS.map((tier) => ({
				name: tier.name,
				value: tier.name,
				description: `From ${tier.minPoints} points`,
			})),
		);
		expect(result?.paginationToken).toBeUndefined();
		const gold = await search('searchTiers', v2(), 'gol');
		expect(gold.result?.results.map((entry) => entry.value)).toEqual(['Gold']);
	});

	test('rewards need a v3 credential and tiers a v2 one; nothing is sent otherwise', async () => {
		expect((await search('searchRewards', v2())).error?.message).toMatch(/by Stamped API v3, but/);
		expect((await search('searchTiers', v3())).error?.message).toMatch(/by Stamped API v2, but/);
		expect(api.requests()).toHaveLength(0);
	});
});

describe('Orders and products (v3)', () => {
	beforeEach(() => {
		const v3api = api.stampedV3;
		v3api.orders.clear();
		v3api.products.clear();
		for (let i = 0; i < 120; i++) {
			v3api.orders.set(`ord_${i}`, {
				orderId: `ord_${i}`,
				customOrderId: `#${1000 + i}`,
				datePlatformCreated: '2026-03-01T10:00:00Z',
			} as never);
			v3api.products.set(`prd_${i}`, {
				productId: `prd_${i}`,
				title: i === 7 ? 'Mountain Boot' : `Sock ${i}`,
			} as never);
		}
	});

	test('orders: the answer, an array holding one page object as the reference types it, is read and paged', async () => {
		const first = await search('searchOrders', v3());
		expect(first.result?.results[0]).toEqual({
			name: 'Order #1000 · 2026-03-01 (ord_0)',
			value: 'ord_0',
		});
		expect(first.result?.paginationToken).toMatch(/^1:[0-9a-f]{16}$/);
		const second = await search('searchOrders', v3(), undefined, first.result?.paginationToken);
		expect(second.result?.results).toHaveLength(20);
		expect(second.result?.paginationToken).toBeUndefined();
		const found = await search('searchOrders', v3(), '#1105');
		expect(found.result?.results.map((entry) => entry.value)).toEqual(['ord_105']);
	});

	test('products: filtered by title or ID; the request carries no filter the reference leaves unexplained', async () => {
		const { result } = await search('searchProducts', v3(), 'mountain');
		expect(result?.results).toEqual([{ name: 'Mountain Boot (prd_7)', value: 'prd_7' }]);
		expect(sent()[0]).toEqual({
			path: `/merchant/shops/${STAMPED_V3_SHOP_ID}/products`,
			query: { page: '0', limit: '100' },
		});
	});
});

describe("Stamped's errors", () => {
	test.each([
		['searchCustomers', v3, 'stampedV3', '/customers'],
		['searchReviews', v2, 'stamped', '/dashboard/reviews'],
		['searchRewards', v3, 'stampedV3', '/rewards'],
		['searchTiers', v2, 'stamped', '/loyalty/tiers'],
		['searchOrders', v3, 'stampedV3', '/orders'],
		['searchProducts', v3, 'stampedV3', '/products'],
	] as const)(
		"%s shows Stamped's own message, with the key it echoes masked",
		async (method, credential, vendor, path) => {
			const key = vendor === 'stamped' ? STAMPED_PRIVATE_KEY : STAMPED_V3_PRIVATE_KEY;
			api.inject({
				vendor,
				path,
				times: 10,
				kind: 500,
				body: { message: `Index rebuilding for key ${key}` },
			});
			const { result, error } = await search(method, credential());
			expect(result).toBeUndefined();
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toBe('Index rebuilding for key [redacted]');
			expect(error?.httpCode).toBe('500');
		},
	);

	test('a wrong key: the 401 message, and the key appears nowhere', async () => {
		const { error } = await search('searchCustomers', { ...v3(), privateKey: 'wrong-key-4711' });
		expect(error?.message).toBe('Unauthorized: invalid stamped-api-key');
		expect(visibleText([], error)).not.toContain('wrong-key-4711');
	});

	test('an answer that holds no list is an error naming the call, not an empty picker', async () => {
		api.inject({
			vendor: 'stampedV3',
			path: '/customers',
			times: 1,
			kind: 200,
			body: { customers: 'soon' },
		});
		const { error } = await search('searchCustomers', v3());
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			`The answer to GET /merchant/shops/${STAMPED_V3_SHOP_ID}/customers could not be read as a list`,
		);
	});
});
