/**
 * Class 2 of issue 29: only the vendor's own not-found proves a record absent. A 404 from something else (a
 * gateway's web page, another service's `{"message": "Not Found"}`, an unknown route, a not-found about the
 * shop rather than the record, stemp's bare NOT_FOUND) is injected where the nodes ask whether a record exists:
 * a create is not sent a second time after a 5xx Stamped had applied, Create or Update creates nothing, and a
 * Delete whose retry meets such a 404 does not report `deleted: true`. The vendor's own not-found still counts.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../fake-api/server';
import { FakeApi } from '../fake-api/server';
import { useFastRetries } from '../harness/fast-retries';
import { stampedV2, stampedV3, stemp } from './support';

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi({
		stamped: { customers: [{ email: 'jane@example.com', firstName: 'Jane', points: 150 }] },
		stampedV3: {
			customers: [{ email: 'jane@example.com', customCustomerId: 'shop-jane', points: 150 }],
			orders: [{ email: 'jane@example.com', customOrderId: 'web-1000', total: 20 }],
			products: [{ customProductId: 'sku-1', title: 'Beans' }],
		},
		stemp: { users: [{ email: 'jane@example.com', externalId: 'shopify-1001' }] },
	}).start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

/** 404 answers that do not come from the vendor's record: each proves nothing. */
const STAMPED_FOREIGN_404S: Array<[string, Pick<Fault, 'raw' | 'body'>]> = [
	[
		"a gateway's web page",
		{
			raw: '<html><head><title>404 Not Found</title></head><body><center>nginx</center></body></html>',
		},
	],
	["another service's JSON", { body: { message: 'Not Found' } }],
	[
		'an unknown route',
		{
			body: {
				Message:
					"No HTTP resource was found that matches the request URI 'https://stamped.io/api'.",
			},
		},
	],
	['a not-found about the shop', { body: { message: 'Shop not found' } }],
];
const STEMP_FOREIGN_404S: Array<[string, Pick<Fault, 'raw' | 'body'>]> = [
	["a gateway's web page", { raw: '<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>' }],
	["another service's JSON", { body: { message: 'Not Found' } }],
	[
		"stemp's unknown route",
		{ body: { error: { code: 'NOT_FOUND', message: 'No route for DELETE /users/x' } } },
	],
];

const foreign404 = (fault: Omit<Fault, 'kind' | 'times'>, answer: Pick<Fault, 'raw' | 'body'>) =>
	api.inject({ ...fault, ...answer, kind: 404, times: 1 });

describe.each(STAMPED_FOREIGN_404S)('Stamped, when the answer is %s', (_, answer) => {
	test.each<[string, IDataObject, string]>([
		[
			'Order > Create',
			{
				resource: 'order',
				operation: 'create',
				email: 'jane@example.com',
				orderId: 'web-2000',
				lineItems: '[]',
			},
			'/orders',
		],
		[
			'Product > Create',
			{ resource: 'product', operation: 'create', productId: 'sku-2', title: 'Cups' },
			'/products',
		],
	])(
		'v3 %s: after a 5xx Stamped had applied, a lookup answered so does not get the create sent again',
		async (_, parameters, collection) => {
			api.inject({
				vendor: 'stampedV3',
				method: 'POST',
				path: collection,
				kind: 500,
				times: 1,
				phase: 'after',
			});
			foreign404({ vendor: 'stampedV3', method: 'GET', path: `${collection}/lookup` }, answer);
			const { items, error } = await stampedV3(api, parameters);
			expect(items).toEqual([]);
			expect(error?.description).toMatch(/failed too, so whether it was created is unknown/);
			expect(error?.description).toContain('it was not sent again');
			expect(api.requests({ method: 'POST', path: collection })).toHaveLength(1);
		},
	);

	test('v3 Product > Create or Update: the product that exists is neither created again nor changed', async () => {
		foreign404({ vendor: 'stampedV3', method: 'GET', path: '/products/lookup' }, answer);
		const { items, error } = await stampedV3(api, {
			resource: 'product',
			operation: 'upsert',
			productId: 'sku-1',
			title: 'Beans, again?',
		});
		expect(items).toEqual([]);
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toContain('does not prove the record absent');
		expect(error?.description).toContain('Nothing that depends on it was sent');
		expect(api.requests().filter((request) => request.method !== 'GET')).toEqual([]);
		expect([...api.stampedV3.products.values()].map((product) => product.title)).toEqual(['Beans']);
	});

	test('v3 Customer > Create or Update: no second customer is created', async () => {
		foreign404({ vendor: 'stampedV3', method: 'GET', path: '/customers/lookup' }, answer);
		const { error } = await stampedV3(api, {
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
			additionalFields: { firstName: 'Janet' },
		});
		expect(error?.description).toContain('does not prove the record absent');
		expect(api.requests().filter((request) => request.method !== 'GET')).toEqual([]);
	});

	test.each<[string, 'v2' | 'v3', IDataObject]>([
		[
			'v2 Customer > Delete',
			'v2',
			{ resource: 'customer', operation: 'delete', email: 'jane@example.com' },
		],
		[
			'v3 Customer > Delete',
			'v3',
			{ resource: 'customer', operation: 'delete', email: 'jane@example.com' },
		],
		[
			'v3 Order > Delete',
			'v3',
			{
				resource: 'order',
				operation: 'delete',
				lookupBy: 'customOrderId',
				lookupValue: 'web-1000',
			},
		],
		[
			'v3 Product > Delete',
			'v3',
			{
				resource: 'product',
				operation: 'delete',
				lookupBy: 'customProductId',
				lookupValue: 'sku-1',
			},
		],
	])(
		'%s: a retry answered so after a 5xx is not "deleted: true"; the record is still there',
		async (_, version, parameters) => {
			const vendor = version === 'v2' ? 'stamped' : 'stampedV3';
			api.inject({ vendor, method: 'DELETE', kind: 502, times: 1 });
			foreign404({ vendor, method: 'DELETE' }, answer);
			const run = version === 'v2' ? stampedV2 : stampedV3;
			const { items, error } = await run(api, parameters);
			expect(items).toEqual([]);
			expect(error?.httpCode).toBe('404');
			expect(error?.description).toContain('whether that attempt went through is unknown');
			expect(api.requests({ method: 'DELETE' })).toHaveLength(2);
			expect(api.stamped.customers.size + api.stampedV3.customers.size).toBe(2);
			expect(api.stampedV3.orders.size + api.stampedV3.products.size).toBe(2);
		},
	);
});

describe.each(STEMP_FOREIGN_404S)('stemp, when the answer is %s', (_, answer) => {
	test('User > Delete: a retry answered so after a 5xx is not "deleted: true"; the user is still there', async () => {
		api.inject({ vendor: 'stemp', method: 'DELETE', kind: 502, times: 1 });
		foreign404({ vendor: 'stemp', method: 'DELETE' }, answer);
		const { items, error } = await stemp(api, {
			resource: 'user',
			operation: 'delete',
			userId: 'shopify-1001',
		});
		expect(items).toEqual([]);
		expect(error?.description).toContain('whether that attempt went through is unknown');
		expect(api.stemp.users.size).toBe(1);
	});
});

describe("the vendor's own not-found still proves absence", () => {
	test("v3 Product > Create or Update: Stamped's own 404 for the lookup, so the product is created", async () => {
		const { items, error } = await stampedV3(api, {
			resource: 'product',
			operation: 'upsert',
			productId: 'sku-2',
			title: 'Cups',
		});
		expect(error).toBeUndefined();
		expect(items[0].json.customProductId).toBe('sku-2');
	});

	test('stemp User > Delete: a retry after a 5xx that stemp had applied meets USER_NOT_FOUND: deleted', async () => {
		api.inject({ vendor: 'stemp', method: 'DELETE', kind: 502, times: 1, phase: 'after' });
		const { items, error } = await stemp(api, {
			resource: 'user',
			operation: 'delete',
			userId: 'shopify-1001',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ userId: 'shopify-1001', deleted: true });
	});

	test('v3 Order > Delete: the same with "Order not found"', async () => {
		api.inject({ vendor: 'stampedV3', method: 'DELETE', kind: 502, times: 1, phase: 'after' });
		const { items, error } = await stampedV3(api, {
			resource: 'order',
			operation: 'delete',
			lookupBy: 'customOrderId',
			lookupValue: 'web-1000',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ deleted: true });
		expect(api.stampedV3.orders.size).toBe(0);
	});
});
