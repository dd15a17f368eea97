/**
 * Order > Create on API v2: the order Stamped's Magento plugin sends to POST /orders (Helper/Data.php
 * prepareData), sent once, never again after an ambiguous failure.
 */
import type { IDataObject } from 'n8n-workflow';

import { runStampedOn, storePath, useStampedFake } from '../support';

const fake = useStampedFake();
const createOrder = (
	parameters: IDataObject,
	options: { continueOnFail?: boolean; input?: IDataObject[] } = {},
) =>
	runStampedOn(
		fake(),
		{
			resource: 'order',
			operation: 'create',
			email: 'jane@example.com',
			orderNumber: '100000042',
			items:
				'[{"productId": "12", "productTitle": "Beans", "productPrice": 9.5, "productSKU": "B-1"}]',
			...parameters,
		},
		options,
	);

test("sends the Magento plugin's order shape to POST /orders", async () => {
	const { items, error } = await createOrder({
		additionalFields: {
			customerId: '311',
			firstName: 'Jane',
			lastName: 'Doe',
			location: 'DE',
			currency: 'eur',
			totalPrice: 19,
			orderStatus: 'Processing',
			orderSource: 'magento',
			platform: 'magento',
			orderDate: '2026-03-01 10:00:00',
		},
	});
	expect(error).toBeUndefined();
	const [request] = fake().requests();
	expect(`${request.method} ${request.path}`).toBe(`POST ${storePath('/orders')}`);
	expect(request.body).toEqual({
		customerId: '311',
		email: 'jane@example.com',
		firstName: 'Jane',
		lastName: 'Doe',
		location: 'DE',
		orderNumber: '100000042',
		orderId: '100000042',
		orderCurrencyISO: 'EUR',
		orderTotalPrice: 19,
		orderTotal: 19,
		orderStatus: 'processing',
		orderSource: 'magento',
		platform: 'magento',
		orderDate: '2026-03-01 10:00:00',
		itemsList: [{ productId: '12', productTitle: 'Beans', productPrice: 9.5, productSKU: 'B-1' }],
		userReference: 'jane@example.com',
	});
	expect(items).toEqual([
		{
			json: { orderNumber: '100000042', email: 'jane@example.com', id: 'ord_1', sent: true },
			pairedItem: { item: 0 },
		},
	]);
	expect(fake().stamped.orders).toHaveLength(1);
});

test('a guest order carries no userReference; an Order ID replaces the order number as orderId', async () => {
	await createOrder({ orderId: '42', additionalFields: { guestCheckout: true } });
	const body = fake().requests()[0].body as IDataObject;
	expect(body.userReference).toBeUndefined();
	expect(body).toMatchObject({ orderNumber: '100000042', orderId: '42' });
});

test.each([[500], [502]])(
	'after a %i it is not sent again: the order may have been received',
	async (status) => {
		fake().inject({ kind: status, times: 1, phase: 'after' });
		const { error } = await createOrder({});
		expect(error?.message).toBeDefined();
		expect((error as { description?: string }).description).toMatch(/Not retried/);
		expect(fake().requests()).toHaveLength(1);
		expect(fake().stamped.orders).toHaveLength(1);
	},
);

test('a dropped connection is not retried either', async () => {
	fake().inject({ kind: 'drop', times: 1, phase: 'after' });
	const { error } = await createOrder({});
	expect(error).toBeDefined();
	expect(fake().requests()).toHaveLength(1);
});

test('a 429 (nothing done) is retried and the order sent once', async () => {
	fake().inject({ kind: 429, times: 1 });
	const { error } = await createOrder({});
	expect(error).toBeUndefined();
	expect(fake().requests()).toHaveLength(2);
	expect(fake().stamped.orders).toHaveLength(1);
});

test('several items: one order each, each paired with its item', async () => {
	const { items } = await createOrder(
		{ email: '={{ $json.email }}', orderNumber: '={{ $json.number }}' },
		{
			input: [
				{ email: 'a@example.com', number: '1' },
				{ email: 'b@example.com', number: '2' },
			],
		},
	);
	expect(items.map((item) => [item.json.orderNumber, item.pairedItem])).toEqual([
		['1', { item: 0 }],
		['2', { item: 1 }],
	]);
	expect(fake().stamped.orders.map((order) => order.body.email)).toEqual([
		'a@example.com',
		'b@example.com',
	]);
});

test.each([
	[{ email: 'not-an-email' }, /^Invalid "Email" in item 0/],
	[{ orderNumber: { n: 1 } }, /^Invalid "Order Number" in item 0: it is an object/],
	[{ items: '[]' }, /^Invalid "Items" in item 0: it must be a non-empty array/],
	[{ items: '[{"productTitle": "no id"}]' }, /^Invalid "Items\[0\]\.productId" in item 0/],
	[{ items: '[{"productId": "1", "quantity": 2}]' }, /Stamped does not read "quantity"/],
	[{ additionalFields: { currency: 'euro' } }, /^Invalid "Currency" in item 0/],
	[{ additionalFields: { totalPrice: -1 } }, /^Invalid "Total Price" in item 0/],
	[{ additionalFields: { orderDate: 'yesterday' } }, /^Invalid "Order Date" in item 0/],
	[
		{ additionalFields: { customerId: { id: 1 } } },
		/^Invalid "Customer ID" in item 0: it is an object/,
	],
	[{ additionalFields: { guestCheckout: 'maybe' } }, /^Invalid "Guest Checkout" in item 0/],
])('%j is refused before anything is sent', async (parameters, message) => {
	const { error } = await createOrder(parameters);
	expect(error?.message).toMatch(message);
	expect(fake().log).toHaveLength(0);
});

test('a bad item stops the run before any order is sent', async () => {
	const { error } = await createOrder(
		{ email: '={{ $json.email }}' },
		{ input: [{ email: 'a@example.com' }, { email: 'broken' }] },
	);
	expect(error?.message).toMatch(/^Invalid "Email" in item 1/);
	expect(fake().log).toHaveLength(0);
});
