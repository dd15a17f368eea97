/**
 * The contract itself: derived from Stamped's published v3 reference (all 26 operations, up to date with the two
 * OpenAPI files kept in the repository, test/contract/openapi/stamped-v3/), and the check every unit test's v3
 * traffic goes through (test/harness/contract-guard.ts) catches each kind of difference, naming the operation.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { FakeApi } from '../fake-api/server';
import {
	STAMPED_V3_PRIVATE_KEY,
	STAMPED_V3_SHOP_ID,
	V3_CAMPAIGNS,
	V3_EARNING_RULES,
} from '../fake-api/stamped-v3';
import { expectContractViolations } from '../harness/contract-guard';
import { answerProblems, contract, matchOperation, requestProblems } from './check';

const ROOT = path.resolve(__dirname, '../..');
const REFERENCE = path.resolve(__dirname, 'openapi/stamped-v3');

describe("the contract derived from Stamped's v3 reference", () => {
	test('holds all 26 operations, each once', () => {
		expect(contract.operationCount).toBe(26);
		expect(contract.operations).toHaveLength(26);
		const keys = contract.operations.map((operation) => `${operation.method} ${operation.path}`);
		expect(new Set(keys).size).toBe(26);
		expect(
			contract.operations.filter((operation) => operation.file === 'merchant-data.json'),
		).toHaveLength(18);
		expect(
			contract.operations.filter((operation) => operation.file === 'loyalty-operations.json'),
		).toHaveLength(8);
	});

	test('was derived from the files the digest names (SHA-256)', () => {
		expect(contract.sources).toEqual({
			'merchant-data.json': 'a7d865685622fa1ff0ce3e34aee036a13be12818f695275b5e445c66dd715d1e',
			'loyalty-operations.json': '800b54de74e3c6e8dde6656a2dc6d55d0555d728f9b34e1e658dd0b97ab20261',
		});
	});

	test('is what `npm run contract:derive` makes of the reference kept in the repository', () => {
		for (const file of Object.keys(contract.sources)) {
			const digest = createHash('sha256')
				.update(fs.readFileSync(path.join(REFERENCE, file)))
				.digest('hex');
			expect({ file, digest }).toEqual({ file, digest: contract.sources[file] });
		}
		const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'contract-')), 'contract.json');
		execFileSync(process.execPath, ['scripts/derive-v3-contract.mjs', REFERENCE, out], {
			cwd: ROOT,
		});
		expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(contract);
	});

	test('names its source, with the same digests, beside the files', () => {
		const source = fs.readFileSync(path.join(REFERENCE, 'SOURCE.md'), 'utf8');
		for (const digest of Object.values(contract.sources)) expect(source).toContain(digest);
		expect(source).toMatch(/commit `3fbcc84d4db04f35f3db5e7ddcf0b409288116a1`/);
		expect(source).toMatch(/Copied into this repository on \d{4}-\d{2}-\d{2}/);
	});

	test('keeps what the digest lists: paths, query parameters, bodies, answers', () => {
		const byId = Object.fromEntries(contract.operations.map((entry) => [entry.operationId, entry]));
		expect(byId.filterOrders.query).toEqual({});
		expect(byId.filterOrders.answer).toEqual({ array: { ref: 'PaginatedOrders' } });
		expect(Object.keys(byId.filterProducts.query)).toEqual([
			'shopifyId',
			'bigcommerceId',
			'customProductId',
			'publishedScope',
			'status',
			'title',
			'vendor',
			'type',
			'handle',
			'tags',
		]);
		expect(byId.lookupOrder.query).toEqual({
			customOrderId: 'string',
			shopifyId: 'string',
			bigcommerceId: 'string',
		});
		expect(byId.updateOrder.body).toEqual({ ref: 'OrderCartRequest' });
		expect(byId['loyalty-trigger-activity']).toMatchObject({
			method: 'POST',
			path: '/api/v3/loyalty/shops/{shopId}/customers/{customerId}/trigger-activity',
			query: { ruleId: 'string', title: 'string' },
		});
		expect(byId['loyalty-trigger-activity'].body).toBeUndefined();
		expect(byId.deleteProduct.answer).toEqual({ object: { softDelete: 'boolean' } });
		expect(byId['adjust-points'].body).toEqual({
			object: { points: 'number', reason: 'string' },
		});
	});
});

const segments = (suffix: string) => suffix.split('/').filter(Boolean);
const request = (
	method: string,
	suffix: string,
	more: Partial<Parameters<typeof requestProblems>[0]> = {},
) => ({
	method,
	segments: segments(suffix),
	queryAll: {},
	headers: { 'stamped-api-key': 'key' },
	body: undefined,
	...more,
});

describe('the request check', () => {
	test.each([
		[
			'an unknown path',
			request('GET', '/merchant/shops/s/orders/o/items'),
			/no operation of Stamped's v3 reference has this path/,
		],
		[
			'a method the path lacks',
			request('PUT', '/merchant/shops/s/orders/o'),
			/updateOrder|declares DELETE, GET, PATCH on this path, not PUT/,
		],
		[
			'an undeclared query parameter',
			request('GET', '/merchant/shops/s/orders/lookup', { queryAll: { orderNumber: ['1'] } }),
			/^lookupOrder .*: query parameter "orderNumber" is not declared/,
		],
		[
			'a filter the orders list lacks',
			request('GET', '/merchant/shops/s/orders', { queryAll: { status: ['paid'] } }),
			/^filterOrders .*"status" is not declared/,
		],
		[
			'a number that is not one',
			request('GET', '/merchant/shops/s/customers', { queryAll: { pointsMin: ['ten'] } }),
			/^filterCustomers .*"pointsMin" is not a number/,
		],
		[
			'page on a list that answers no page object',
			request('GET', '/merchant/shops/s/orders/o', { queryAll: { page: ['0'] } }),
			/^getOrder .*"page" is not declared/,
		],
		[
			'an undeclared body field',
			request('POST', '/merchant/shops/s/orders', {
				body: { customOrderId: '1', orderNumber: '1' },
			}),
			/^createOrder .*body\.orderNumber: not a declared field/,
		],
		[
			'a number where the reference types text',
			request('POST', '/merchant/shops/s/orders', {
				body: { cart: { lineItems: [{ quantity: 2 }] } },
			}),
			/^createOrder .*body\.cart\.lineItems\[0\]\.quantity: expected a string, got number 2/,
		],
		[
			'text where the reference types a list',
			request('POST', '/merchant/shops/s/products', { body: { tags: 'a,b' } }),
			/^createProduct .*body\.tags: expected an array/,
		],
		[
			'a body on a call that takes none',
			request('POST', '/loyalty/shops/s/customers/c/trigger-activity', { body: { ruleId: 'r' } }),
			/^loyalty-trigger-activity .*a body/,
		],
		[
			'no body where one is declared',
			request('PATCH', '/merchant/shops/s/products/p'),
			/^updateProduct .*no body/,
		],
		[
			'no stamped-api-key',
			request('GET', '/merchant/shops/s/products/p', { headers: {} }),
			/^getProduct .*no stamped-api-key/,
		],
		[
			"tags in n8n's indexed style",
			request('GET', '/merchant/shops/s/products', { queryAll: { 'tags[0]': ['a'] } }),
			/^filterProducts .*"tags\[0\]" is not declared/,
		],
	])('finds %s', (_, sent, expected) => {
		const problems = requestProblems(sent);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(expected);
	});

	test.each([
		[
			'a lookup before the templated path',
			request('GET', '/merchant/shops/s/products/lookup', {
				queryAll: { customProductId: ['p1'] },
			}),
		],
		[
			'page and limit on a merchant list (quirk 2)',
			request('GET', '/merchant/shops/s/orders', { queryAll: { page: ['2'], limit: ['100'] } }),
		],
		[
			'tags repeated (quirk 12)',
			request('GET', '/merchant/shops/s/products', { queryAll: { tags: ['a', 'b'] } }),
		],
		[
			'points as a number (declared number)',
			request('POST', '/loyalty/shops/s/customers/c/adjust-points', {
				body: { points: 5, reason: 'r' },
			}),
		],
		[
			'points as numeric text in the query (declared string)',
			request('POST', '/loyalty/shops/s/customers/c/redeem-reward/r1', {
				queryAll: { points: ['100'] },
			}),
		],
		[
			'string numbers in a cart',
			request('PATCH', '/merchant/shops/s/orders/o', {
				body: { lineItems: [{ quantity: '2', price: '9.50' }], shopPriceTotal: '19.00' },
			}),
		],
	])('accepts %s', (_, sent) => {
		expect(requestProblems(sent)).toEqual([]);
	});
});

describe('the answer check', () => {
	const getOrder = request('GET', '/merchant/shops/s/orders/o');
	const orders = request('GET', '/merchant/shops/s/orders');
	test.each([
		[
			'a field of the wrong type',
			getOrder,
			200,
			{ orderId: { id: 1 } },
			/^getOrder .*answer\.orderId: expected a string/,
		],
		['a list where the reference has an object', getOrder, 200, [], /answer: expected an object/],
		['an error without message', getOrder, 404, { error: 'gone' }, /error body: no "message"/],
		['an undeclared status', getOrder, 409, { message: 'x' }, /answered 409/],
		[
			'records that are not records',
			orders,
			200,
			{ page: 0, orders: ['x'] },
			/answer\.orders\[0\]: expected an object/,
		],
		[
			'several page objects',
			orders,
			200,
			[{ orders: [] }, { orders: [] }],
			/an array of 2 page objects/,
		],
		[
			'a delete without softDelete as a boolean',
			request('DELETE', '/merchant/shops/s/orders/o'),
			200,
			{ softDelete: 'maybe' },
			/softDelete: expected a boolean/,
		],
	])('finds %s', (_, sent, status, body, expected) => {
		const problems = answerProblems(sent, status, body);
		expect(problems.length).toBeGreaterThan(0);
		expect(problems.join('\n')).toMatch(expected);
	});

	test.each([
		[
			'a bare page object for filterOrders (quirk 3)',
			orders,
			200,
			{ page: 0, limit: 25, morePages: false, subset: false, orders: [] },
		],
		[
			'a one-element array of page objects (as declared)',
			orders,
			200,
			[{ page: 0, morePages: false, orders: [{ orderId: 'o1' }] }],
		],
		[
			'numbers where the reference types text, and extra fields (quirks 4, 6)',
			getOrder,
			200,
			{ orderId: 'o', cartStates: [{ shopPriceTotal: 12.5 }], extra: 1 },
		],
		[
			'401 on a loyalty call (quirk 5)',
			request('POST', '/loyalty/shops/s/customers/c/adjust-points'),
			401,
			{ message: 'Unauthorized' },
		],
	])('accepts %s', (_, sent, status, body) => {
		expect(answerProblems(sent, status, body)).toEqual([]);
	});
});

describe('the fake API serves every operation of the reference', () => {
	let api: FakeApi;
	beforeAll(async () => {
		api = await new FakeApi().start();
	});
	afterAll(async () => await api.stop());
	beforeEach(() => api.reset());

	test('all 26, each answering 200 with the declared shape (the contract guard checks each answer)', async () => {
		const v3 = api.stampedV3;
		const jane = v3.insert({ email: 'jane@example.com', points: 2000, customCustomerId: 'c-jane' });
		const bob = v3.insert({ email: 'bob@example.com' });
		const product = v3.insertProduct({ customProductId: 'p-1', title: 'Mug' });
		const doomed = v3.insertProduct({ customProductId: 'p-2', title: 'Cup' });
		v3.placeOrder(jane, {
			customOrderId: 'o-1',
			cart: { financialStatus: 'paid', shopPriceTotal: '20' },
		});
		const [order] = [...v3.orders.values()];
		const shop = `/merchant/shops/${STAMPED_V3_SHOP_ID}`;
		const loyalty = `/loyalty/shops/${STAMPED_V3_SHOP_ID}`;
		const json = (body: unknown) => ({
			body: JSON.stringify(body),
			headers: { 'Content-Type': 'application/json' },
		});
		const calls: Array<[string, string, RequestInit?]> = [
			['GET', `${shop}/customers?email=ja&page=0&limit=10`],
			['POST', `${shop}/customers`, json({ email: 'new@example.com', tags: ['a'] })],
			['GET', `${shop}/customers/lookup?email=jane%40example.com`],
			['GET', `${shop}/customers/${jane.customerId}`],
			['PATCH', `${shop}/customers/${jane.customerId}`, json({ firstName: 'Jane' })],
			[
				'POST',
				`${shop}/orders`,
				json({
					customerId: jane.customerId,
					customOrderId: 'o-2',
					cart: {
						lineItems: [{ customProductId: 'p-1', quantity: '1', price: '10.00' }],
						financialStatus: 'paid',
						shopPriceTotal: '10.00',
					},
					tags: ['web'],
				}),
			],
			['GET', `${shop}/orders?page=0&limit=10`],
			['GET', `${shop}/orders/lookup?customOrderId=o-1`],
			['GET', `${shop}/orders/${order.orderId}`],
			[
				'PATCH',
				`${shop}/orders/${order.orderId}`,
				json({ financialStatus: 'refunded', shopPriceTotal: '0' }),
			],
			[
				'POST',
				`${shop}/products`,
				json({ customProductId: 'p-3', title: 'Plate', variants: [{ price: '5.00' }] }),
			],
			['GET', `${shop}/products?title=Mu&tags=a&tags=b&page=0&limit=10`],
			['GET', `${shop}/products/lookup?customProductId=p-1`],
			['GET', `${shop}/products/${product.productId}`],
			['PATCH', `${shop}/products/${product.productId}`, json({ title: 'Big mug' })],
			['DELETE', `${shop}/products/${doomed.productId}`],
			[
				'POST',
				`${loyalty}/customers/${jane.customerId}/adjust-points`,
				json({ points: 10, reason: 'test' }),
			],
			[
				'POST',
				`${loyalty}/customers/${jane.customerId}/adjust-vip-tier`,
				json({ tierName: 'Gold' }),
			],
			[
				'POST',
				`${loyalty}/activities?email=jane%40example.com&campaignId=${Object.keys(V3_CAMPAIGNS)[0]}`,
			],
			['GET', `${loyalty}/activities?page=0&limit=25`],
			['POST', `${loyalty}/customers/${jane.customerId}/redeem-reward/rwd-5off`],
			['GET', `${loyalty}/rewards?page=0&limit=25`],
			[
				'POST',
				`${loyalty}/customers/${jane.customerId}/trigger-activity?ruleId=${Object.keys(V3_EARNING_RULES)[0]}&title=Signed%20up`,
			],
			['POST', `${loyalty}/customers/${jane.customerId}/void-coupon/LOYAL-0001`],
			['DELETE', `${shop}/orders/${order.orderId}`],
			['DELETE', `${shop}/customers/${bob.customerId}`],
		];
		const statuses: string[] = [];
		for (const [method, suffix, init] of calls) {
			const response = await fetch(`${api.stampedV3Url}${suffix}`, {
				method,
				...init,
				headers: { 'stamped-api-key': STAMPED_V3_PRIVATE_KEY, ...init?.headers },
			});
			statuses.push(`${method} ${suffix.split('?')[0]} ${response.status}`);
		}
		expect(statuses.filter((line) => !line.endsWith(' 200'))).toEqual([]);
		// Every operation of the contract was called once.
		const called = api
			.requests()
			.map(
				(entry) =>
					matchOperation(entry.method, entry.path.split('/').filter(Boolean)).operation
						?.operationId,
			);
		expect(new Set(called).size).toBe(26);
		expect(called).not.toContain(undefined);
		expect(api.contractViolations).toEqual([]);
	});
});

describe('the fake API records what the reference does not declare', () => {
	let api: FakeApi;
	beforeAll(async () => {
		api = await new FakeApi().start();
	});
	afterAll(async () => await api.stop());

	test('for the contract guard to fail the test with', async () => {
		const response = await fetch(
			`${api.stampedV3Url}/merchant/shops/${STAMPED_V3_SHOP_ID}/customers/lookup?email=a@b.c&orderNumber=1`,
			{ headers: { 'stamped-api-key': STAMPED_V3_PRIVATE_KEY } },
		);
		expect(response.status).toBe(404);
		expectContractViolations(api, [
			/^lookupCustomer .*query parameter "orderNumber" is not declared/,
		]);
	});
});
