/**
 * Class 5 of issue 29, numbers and codes: an ID given as a number beyond 2^53 by an expression (already rounded
 * by then) is refused naming the field, in every ID field of both nodes, never sent as another ID; decimals go
 * out in plain notation (0.0000001, never `1e-7`) in JSON bodies, forms and the figures Stamped v3 takes as
 * text; currency codes are checked on v3 as on v2, by one reader.
 */
import type { IDataObject } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import { useFastRetries } from '../harness/fast-retries';
import { stampedV2, stampedV3, stemp } from './support';

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi({
		stamped: { customers: [{ email: 'jane@example.com', points: 100 }] },
		stampedV3: {
			customers: [{ email: 'jane@example.com', points: 5000 }],
			orders: [{ email: 'jane@example.com', customOrderId: 'web-1000', total: 20 }],
		},
		stemp: { users: [{ email: 'jane@example.com', externalId: 'shopify-1001' }] },
	}).start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

/** 2^53 + 1 written in an expression: JavaScript reads it as 9007199254740992, another ID. */
const BEYOND = '={{ 9007199254740993 }}';
const refusal = (field: string) =>
	`Invalid "${field}" in item 0: the number 9007199254740992 is beyond 9007199254740991 and may already have been rounded, so it could not be sent exactly; give it as text (in quotes)`;

type Runner = typeof stampedV2;
const items = (field: string) => `[{"${field}": ${BEYOND.slice(3, -2).trim()}}]`;

describe('an ID given as a number beyond 2^53 is refused, naming the field, before anything is sent', () => {
	test.each<[string, Runner, IDataObject, string]>([
		['stemp Stamp > Get', stemp, { operation: 'get', walletPassId: BEYOND }, 'Wallet Pass ID'],
		['stemp User > Get', stemp, { resource: 'user', operation: 'get', userId: BEYOND }, 'User ID'],
		[
			'stemp User > Create',
			stemp,
			{
				resource: 'user',
				operation: 'create',
				email: 'new@example.com',
				additionalFields: { externalId: BEYOND },
			},
			'External ID',
		],
		[
			'v2 Review > Get',
			stampedV2,
			{ resource: 'review', operation: 'get', reviewId: BEYOND },
			'Review ID',
		],
		[
			'v2 Review > Reply',
			stampedV2,
			{ resource: 'review', operation: 'reply', reviewId: BEYOND, reply: 'Thanks' },
			'Review ID',
		],
		[
			'v2 Review > Get Summary',
			stampedV2,
			{ resource: 'review', operation: 'getSummary', productId: BEYOND },
			'Product ID',
		],
		[
			'v2 Customer > Create or Update',
			stampedV2,
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { customerId: BEYOND },
			},
			'Customer ID',
		],
		[
			'v2 Customer > Create or Update (a tag)',
			stampedV2,
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { tags: `={{ ["vip", ${BEYOND.slice(3, -2).trim()}] }}` },
			},
			'Tags',
		],
		[
			'v2 Order > Create',
			stampedV2,
			{
				resource: 'order',
				operation: 'create',
				email: 'jane@example.com',
				orderNumber: BEYOND,
				items: '[{"productId": "p1"}]',
			},
			'Order Number',
		],
		[
			'v2 Review Request > Create (an item)',
			stampedV2,
			{
				resource: 'reviewRequest',
				operation: 'create',
				email: 'jane@example.com',
				orderNumber: '1042',
				items: items('productId'),
			},
			'Items[0].productId',
		],
		[
			'v3 Reward > Redeem',
			stampedV3,
			{ resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: BEYOND },
			'Reward ID',
		],
		[
			'v3 Coupon > Void',
			stampedV3,
			{ resource: 'coupon', operation: 'void', email: 'jane@example.com', couponCode: BEYOND },
			'Coupon Code',
		],
		[
			'v3 Loyalty Transaction > Trigger Rule',
			stampedV3,
			{
				resource: 'loyaltyTransaction',
				operation: 'triggerRule',
				email: 'jane@example.com',
				ruleId: BEYOND,
			},
			'Rule ID',
		],
		[
			'v3 Loyalty Transaction > Create',
			stampedV3,
			{
				resource: 'loyaltyTransaction',
				operation: 'create',
				email: 'jane@example.com',
				points: 0,
				additionalFields: { campaignId: BEYOND },
			},
			'Campaign ID',
		],
		[
			'v3 Customer > Lookup',
			stampedV3,
			{ resource: 'customer', operation: 'lookup', lookupBy: 'shopifyId', lookupValue: BEYOND },
			'Lookup Value',
		],
		[
			'v3 Order > Get',
			stampedV3,
			{ resource: 'order', operation: 'get', lookupBy: 'bigcommerceId', lookupValue: BEYOND },
			'Lookup Value',
		],
		[
			'v3 Order > Create',
			stampedV3,
			{
				resource: 'order',
				operation: 'create',
				email: 'jane@example.com',
				orderId: BEYOND,
				lineItems: '[]',
			},
			'Order ID',
		],
		[
			'v3 Order > Create (a line item)',
			stampedV3,
			{
				resource: 'order',
				operation: 'create',
				email: 'jane@example.com',
				orderId: 'web-2',
				lineItems: items('productId'),
			},
			'Line Items[0].productId',
		],
		[
			'v3 Product > Create',
			stampedV3,
			{ resource: 'product', operation: 'create', productId: BEYOND, title: 'Beans' },
			'Product ID',
		],
		[
			'v3 Product > Create (a variant)',
			stampedV3,
			{
				resource: 'product',
				operation: 'create',
				productId: 'sku-1',
				title: 'Beans',
				additionalFields: { variants: items('variantId') },
			},
			'Variants[0].variantId',
		],
	])('%s', async (_, run, parameters, field) => {
		const { error } = await run(api, parameters);
		expect(error?.message).toBe(refusal(field));
		expect(api.requests()).toHaveLength(0);
	});

	test('a safe number is still sent as its text', async () => {
		const { error } = await stemp(api, {
			resource: 'user',
			operation: 'create',
			email: 'new@example.com',
			additionalFields: { externalId: '={{ 9007199254740991 }}' },
		});
		expect(error).toBeUndefined();
		expect(api.requests()[0].body).toMatchObject({ externalId: '9007199254740991' });
	});
});

describe('decimals are sent in plain notation', () => {
	test('v3 Order > Create: totals and line-item prices as plain decimal text', async () => {
		const { error } = await stampedV3(api, {
			resource: 'order',
			operation: 'create',
			email: 'jane@example.com',
			orderId: 'web-2',
			lineItems: '={{ [{ "productId": "p1", "quantity": 1, "price": 0.0000001 }] }}',
			additionalFields: { totalPrice: 0.0000001, taxPrice: 0.00000025 },
		});
		expect(error).toBeUndefined();
		const [order] = api.requests({ method: 'POST', path: '/orders' });
		expect(order.body).toMatchObject({
			cart: {
				shopPriceTotal: '0.0000001',
				shopPriceTax: '0.00000025',
				lineItems: [{ customProductId: 'p1', quantity: '1', price: '0.0000001' }],
			},
		});
	});

	test('v3 Product > Create: a variant price as plain decimal text', async () => {
		const { error } = await stampedV3(api, {
			resource: 'product',
			operation: 'create',
			productId: 'sku-1',
			title: 'Beans',
			additionalFields: { variants: '={{ [{ "variantId": "v1", "price": 0.0000001 }] }}' },
		});
		expect(error).toBeUndefined();
		expect(api.requests({ method: 'POST' })[0].body).toMatchObject({
			variants: [{ customVariantId: 'v1', price: '0.0000001' }],
		});
	});

	test('v3 Loyalty Transaction > Create: the order value in the reason', async () => {
		const { error } = await stampedV3(api, {
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: 'purchase',
			points: 5,
			additionalFields: { orderValue: 0.0000001 },
		});
		expect(error).toBeUndefined();
		expect(api.requests({ method: 'POST' })[0].body).toEqual({
			points: 5,
			reason: 'purchase, order value 0.0000001',
		});
	});

	test.each<[string, IDataObject, string[]]>([
		[
			'Review Request > Create',
			{
				resource: 'reviewRequest',
				operation: 'create',
				email: 'jane@example.com',
				orderNumber: '1042',
				items: '={{ [{ "productId": "p1", "productPrice": 0.0000001 }] }}',
				additionalFields: { orderTotalPrice: 0.0000001 },
			},
			['"orderTotalPrice":0.0000001', '"productPrice":0.0000001'],
		],
		[
			'Order > Create',
			{
				resource: 'order',
				operation: 'create',
				email: 'jane@example.com',
				orderNumber: '1042',
				items: '[{"productId": "p1"}]',
				additionalFields: { totalPrice: 0.0000001 },
			},
			['"orderTotalPrice":0.0000001', '"orderTotal":0.0000001'],
		],
		[
			'Customer > Create or Update',
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { totalSpend: 0.0000001 },
			},
			['"totalSpend":0.0000001'],
		],
		[
			'Loyalty Transaction > Create',
			{
				resource: 'loyaltyTransaction',
				operation: 'create',
				email: 'jane@example.com',
				type: 'purchase',
				points: 1,
				additionalFields: { orderValue: 0.0000001 },
			},
			['"orderValue":0.0000001'],
		],
	])('v2 %s: JSON numbers written out, never in exponent form', async (_, parameters, written) => {
		const { error } = await stampedV2(api, parameters);
		expect(error).toBeUndefined();
		const [sent] = api.requests({ method: 'POST' });
		for (const text of written) expect(sent.rawBody).toContain(text);
		expect(sent.rawBody).not.toMatch(/\de-\d/);
	});
});

describe('v3 currency codes are checked as v2 checks them', () => {
	test.each<[string, IDataObject]>([
		[
			'Order > Create',
			{
				resource: 'order',
				operation: 'create',
				email: 'jane@example.com',
				orderId: 'web-2',
				lineItems: '[]',
			},
		],
		[
			'Order > Update',
			{
				resource: 'order',
				operation: 'update',
				lookupBy: 'customOrderId',
				lookupValue: 'web-1000',
				lineItems: '[]',
			},
		],
	])(
		'%s: "euro" is refused before anything is sent, "eur" is sent as EUR',
		async (_, parameters) => {
			const refused = await stampedV3(api, {
				...parameters,
				additionalFields: { currency: 'euro' },
			});
			expect(refused.error?.message).toBe(
				'Invalid "Currency" in item 0: "EURO" is not a three-letter currency code',
			);
			expect(api.requests()).toHaveLength(0);
			const sent = await stampedV3(api, { ...parameters, additionalFields: { currency: 'eur' } });
			expect(sent.error).toBeUndefined();
			const write = api.requests().find((request) => request.method !== 'GET')!;
			const cart = (write.body as IDataObject).cart ?? write.body;
			expect(cart).toMatchObject({ shopCurrency: 'EUR' });
		},
	);

	test.each([['E1R'], ['€'], ['US']])(
		'%j is not a currency code on v3 either',
		async (currency) => {
			const { error } = await stampedV3(api, {
				resource: 'order',
				operation: 'create',
				email: 'jane@example.com',
				orderId: 'web-2',
				lineItems: '[]',
				additionalFields: { currency },
			});
			expect(error?.message).toMatch(/^Invalid "Currency" in item 0: /);
			expect(api.requests()).toHaveLength(0);
		},
	);
});
