/**
 * Class 1 of issue 29: a looked-up record must be the one asked, exactly. Against a server whose lookups match
 * loosely (the fake's `lenientLookups` switch: letter case and spaces ignored, a value that begins with the one
 * asked taken for it), every read reports "not found" and every write that a lookup decides sends nothing: no
 * points to another customer, no order "found" in place of the one created, no other product overwritten,
 * archived or deleted. E-mail addresses match regardless of letter case; every ID byte for byte.
 */
import type { IDataObject } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import { STAMPED_V3_SHOP_ID } from '../fake-api/stamped-v3';
import { useFastRetries } from '../harness/fast-retries';
import { stampedV2, stampedV3, stemp } from './support';

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi({
		stamped: {
			customers: [{ email: 'jane@example.com.au', firstName: 'Other Jane', points: 40 }],
			reviews: [
				{
					reviewId: 'rev10',
					email: 'x@example.com',
					rating: 2,
					body: 'Other review',
					productId: 'prod1',
					published: true,
				},
			],
		},
		stampedV3: {
			customers: [
				{
					email: 'jane@example.com.au',
					customCustomerId: 'shop-jane-2',
					shopifyId: '10010',
					bigcommerceId: '20020',
					points: 900,
				},
				{ email: 'buyer@example.com', points: 0 },
			],
			rewards: [{ email: 'jane@example.com.au', rewardId: 'rwd-5off' }],
			orders: [{ email: 'buyer@example.com', customOrderId: '10420', total: 30 }],
			products: [
				{ customProductId: 'SKU-1', shopifyId: '55501', title: 'Another product' },
				{ customProductId: 'sku-10 ', bigcommerceId: '7700', title: 'Yet another product' },
			],
		},
		stemp: { users: [{ email: 'other@example.com', externalId: 'shopify-1001', name: 'Other' }] },
	}).start();
});
afterAll(async () => await api.stop());
beforeEach(() => {
	api.reset();
	api.hostile = { lenientLookups: true };
});
useFastRetries();

const other = () => api.stampedV3.byEmail('jane@example.com.au')!;
const merchant = (suffix: string) => `/merchant/shops/${STAMPED_V3_SHOP_ID}${suffix}`;
const writes = () => api.requests().filter((request) => request.method !== 'GET');

describe('v3 customers: a lookup answering another customer is never taken for the one asked', () => {
	const asked = { email: 'jane@example.com' };
	test.each<[string, IDataObject]>([
		[
			'Point > Update (add)',
			{ resource: 'points', operation: 'update', action: 'add', points: 10 },
		],
		[
			'Point > Update (set)',
			{ resource: 'points', operation: 'update', action: 'set', points: 10 },
		],
		[
			'Loyalty Transaction > Create',
			{ resource: 'loyaltyTransaction', operation: 'create', points: 5 },
		],
		[
			'Loyalty Transaction > Trigger Rule',
			{ resource: 'loyaltyTransaction', operation: 'triggerRule', ruleId: 'rule-newsletter' },
		],
		['Reward > Redeem', { resource: 'reward', operation: 'redeem', rewardId: 'rwd-5off' }],
		['Coupon > Void', { resource: 'coupon', operation: 'void', couponCode: 'SANDBOX-0001' }],
		['Tier > Set', { resource: 'tier', operation: 'set', tierName: 'Gold' }],
		['Customer > Delete', { resource: 'customer', operation: 'delete' }],
		[
			'Customer > Create or Update',
			{ resource: 'customer', operation: 'upsert', additionalFields: { firstName: 'Jane' } },
		],
		[
			'Order > Create',
			{ resource: 'order', operation: 'create', orderId: 'web-1', lineItems: '[]' },
		],
	])('%s: nothing is written, and the error says whose record came back', async (_, parameters) => {
		const before = JSON.stringify(other());
		const { error } = await stampedV3(api, { ...parameters, ...asked });
		expect(error?.message).toMatch(
			/^Stamped( found no customer with email "jane@example\.com"|'s lookup of the customer with email "jane@example\.com" answered another customer \(email "jane@example\.com\.au"\))$/,
		);
		expect(error?.description).toContain('email "jane@example.com.au", not "jane@example.com"');
		expect(error?.description).toMatch(/Nothing was changed|nothing was created or changed/);
		expect(writes()).toEqual([]);
		expect(JSON.stringify(other())).toBe(before);
		expect(api.stampedV3.orders.size).toBe(1);
	});

	test('Customer > Get: another customer is "not found", not output', async () => {
		const { items, error } = await stampedV3(api, {
			resource: 'customer',
			operation: 'get',
			...asked,
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('Stamped found no customer with email "jane@example.com"');
	});

	test.each([
		['customCustomerId', 'shop-jane'],
		['shopifyId', '1001'],
		['bigcommerceId', '2002'],
		['stampedId', 'cus_0000'],
	])(
		'Customer > Lookup by %s "%s": a longer ID that begins with it is "not found"',
		async (lookupBy, lookupValue) => {
			const { items, error } = await stampedV3(api, {
				resource: 'customer',
				operation: 'lookup',
				lookupBy,
				lookupValue,
			});
			expect(items).toEqual([]);
			expect(error?.message).toBe(`Stamped found no customer with ${lookupBy} "${lookupValue}"`);
		},
	);

	test('an e-mail address differing only in letter case is the same customer (the documented rule)', async () => {
		const { items, error } = await stampedV3(api, {
			resource: 'customer',
			operation: 'get',
			email: 'JANE@Example.com.AU',
		});
		expect(error).toBeUndefined();
		expect(items[0].json.customerId).toBe(other().customerId);
	});
});

describe('v3 orders and products: a record with a similar ID is never acted on', () => {
	test('Order > Create after an ambiguous failure: an order "10420" found for "1042" is not taken for it; nothing is sent again', async () => {
		api.inject({ vendor: 'stampedV3', method: 'POST', path: '/orders', kind: 502, times: 1 });
		const { items, error } = await stampedV3(api, {
			resource: 'order',
			operation: 'create',
			email: 'buyer@example.com',
			orderId: '1042',
			lineItems: '[]',
		});
		expect(items).toEqual([]);
		expect(error?.description).toMatch(/whether it was created is unknown/);
		expect(error?.description).toContain(
			'lookup of the order with customOrderId "1042" answered another order (customOrderId "10420")',
		);
		expect(api.requests({ method: 'POST', path: '/orders' })).toHaveLength(1);
	});

	test.each([['sku-1'], ['sku-1 ']])(
		'Product > Create after an ambiguous failure: "SKU-1" or "sku-10 " found for %j is not taken for it',
		async (productId) => {
			api.inject({ vendor: 'stampedV3', method: 'POST', path: '/products', kind: 502, times: 1 });
			const { error } = await stampedV3(api, {
				resource: 'product',
				operation: 'create',
				productId,
				title: 'Mine',
			});
			expect(error?.description).toMatch(/whether it was created is unknown/);
			expect(api.requests({ method: 'POST', path: '/products' })).toHaveLength(1);
			expect([...api.stampedV3.products.values()].map((product) => product.title)).toEqual([
				'Another product',
				'Yet another product',
			]);
		},
	);

	test('Product > Create or Update: another product found for "sku-1" is neither overwritten nor taken for absent', async () => {
		const { error } = await stampedV3(api, {
			resource: 'product',
			operation: 'upsert',
			productId: 'sku-1',
			title: 'Overwritten?',
		});
		expect(error?.message).toBe(
			'Stamped\'s lookup of the product with customProductId "sku-1" answered another product (customProductId "SKU-1")',
		);
		expect(error?.description).toContain('nothing was created or changed');
		expect(writes()).toEqual([]);
		expect([...api.stampedV3.products.values()].map((product) => product.title)).toEqual([
			'Another product',
			'Yet another product',
		]);
	});

	test.each<[string, string, IDataObject]>([
		['order', 'update', { additionalFields: { financialStatus: 'refunded' } }],
		['order', 'delete', {}],
		['product', 'update', { updateFields: { status: 'archived' } }],
		['product', 'delete', {}],
	])(
		'%s > %s by a custom ID: the record with a longer ID is left alone',
		async (resource, operation, more) => {
			const lookupValue = resource === 'order' ? '1042' : 'sku-1';
			const before = JSON.stringify([
				...api.stampedV3.orders.values(),
				...api.stampedV3.products.values(),
			]);
			const { error } = await stampedV3(api, {
				resource,
				operation,
				lookupBy: resource === 'order' ? 'customOrderId' : 'customProductId',
				lookupValue,
				...more,
			});
			expect(error?.message).toBe(
				`Stamped found no ${resource} with ${resource === 'order' ? 'customOrderId' : 'customProductId'} "${lookupValue}"`,
			);
			expect(writes()).toEqual([]);
			expect(
				JSON.stringify([...api.stampedV3.orders.values(), ...api.stampedV3.products.values()]),
			).toBe(before);
		},
	);

	test.each([
		['order', 'stampedId', 'ord_0000'],
		['product', 'shopifyId', '555'],
		['product', 'bigcommerceId', '770'],
		['product', 'customProductId', 'sku-10'],
	])(
		'%s > Get by %s "%s": another record is "not found"',
		async (resource, lookupBy, lookupValue) => {
			const { items, error } = await stampedV3(api, {
				resource,
				operation: 'get',
				lookupBy,
				lookupValue,
			});
			expect(items).toEqual([]);
			expect(error?.message).toBe(`Stamped found no ${resource} with ${lookupBy} "${lookupValue}"`);
			expect(api.requests()).toMatchObject([
				{
					method: 'GET',
					path: merchant(
						lookupBy === 'stampedId' ? `/${resource}s/${lookupValue}` : `/${resource}s/lookup`,
					),
				},
			]);
		},
	);
});

describe('Stamped v2 and stemp', () => {
	test('v2 Customer > Get: another customer answered for the address is "not found"', async () => {
		const { items, error } = await stampedV2(api, {
			resource: 'customer',
			operation: 'get',
			email: 'jane@example.com',
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('Stamped found no customer with email "jane@example.com"');
	});

	test('v2 Review > Get: review "rev10" answered for "rev1" is "not found"', async () => {
		const { items, error } = await stampedV2(api, {
			resource: 'review',
			operation: 'get',
			reviewId: 'rev1',
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('Stamped found no review with ID "rev1"');
	});

	test('stemp User > Get by external ID: the user "shopify-1001" answered for "shopify-100" is "not found"', async () => {
		const { items, error } = await stemp(api, {
			resource: 'user',
			operation: 'get',
			userId: 'shopify-100',
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('stemp found no user with the ID "shopify-100"');
		expect(error?.description).toContain('externalId "shopify-1001"');
	});

	test('stemp User > Update: a change stemp applied to another user is reported, not output as this user', async () => {
		const { items, error } = await stemp(api, {
			resource: 'user',
			operation: 'update',
			userId: 'shopify-100',
			updateFields: { name: 'Jane' },
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^stemp applied the change for "shopify-100" to another user/);
	});

	test("stemp User > Get by stemp's own ID, exactly: found", async () => {
		api.hostile = {};
		const [user] = api.stemp.users.values();
		const { items, error } = await stemp(api, {
			resource: 'user',
			operation: 'get',
			userId: user.id,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.externalId).toBe('shopify-1001');
	});
});
