/**
 * Stamped orders on v3 (the reference's createOrder, getOrder, lookupOrder, filterOrders, updateOrder,
 * deleteOrder): the bodies as the reference types them (figures as text), checks before anything is sent,
 * Stamped's errors, paging, and creates that happen exactly once.
 */
import {
	api,
	expectRefusedBeforeSending,
	jane,
	lookupOfJane,
	merchant,
	stampedV2,
	stampedV3,
	summary,
	useStampedApi,
} from '../support';

useStampedApi();

const create = (more: Record<string, unknown> = {}) => ({
	resource: 'order',
	operation: 'create',
	email: 'jane@example.com',
	orderId: 'web-1001',
	lineItems:
		'[{"productId": "beans-espresso", "variantId": "beans-espresso-1kg", "title": "Espresso Beans", "sku": "ESP-1KG", "quantity": 2, "price": 24}]',
	additionalFields: {
		currency: 'USD',
		totalPrice: 52.5,
		subtotalPrice: 48,
		discountTotal: 0,
		shippingPrice: 4.5,
		taxPrice: 0,
		financialStatus: 'paid',
		fulfillmentStatus: 'unfulfilled',
		tags: ['web', 'first-order'],
	},
	...more,
});

const placeOrder = (customOrderId = 'web-1', total = '30') =>
	api.stampedV3.placeOrder(
		jane(),
		{ customOrderId, cart: { financialStatus: 'paid', shopPriceTotal: total } },
		false,
	);

describe('Order > Create on v3', () => {
	test('finds the customer by e-mail and sends the order as the reference types it: every figure as text', async () => {
		const before = jane().points;
		const { items, error } = await stampedV3(create());
		expect(error).toBeUndefined();
		expect(api.requests()).toMatchObject([
			lookupOfJane,
			{ method: 'POST', path: merchant('/orders') },
		]);
		expect(api.requests()[1].body).toEqual({
			customOrderId: 'web-1001',
			customerId: jane().customerId,
			cart: {
				lineItems: [
					{
						customProductId: 'beans-espresso',
						customVariantId: 'beans-espresso-1kg',
						title: 'Espresso Beans',
						sku: 'ESP-1KG',
						quantity: '2',
						price: '24',
					},
				],
				shopCurrency: 'USD',
				financialStatus: 'paid',
				fulfillmentStatus: 'unfulfilled',
				shopPriceTotal: '52.5',
				shopPriceSubTotal: '48',
				shopPriceDiscountTotal: '0',
				shopPriceShipping: '4.5',
				shopPriceTax: '0',
			},
			tags: ['web', 'first-order'],
		});
		// Stamped's purchase rule, not the workflow, awarded the points.
		expect(jane().points).toBe(before + 52);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			customOrderId: 'web-1001',
			customerId: jane().customerId,
		});
		expect(items[0].json.orderId).toMatch(/^ord_/);
		expect(items[0].json).not.toHaveProperty('resolvedByLookup');
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test("line items given by an expression as an array, and under the reference's own names", async () => {
		await stampedV3(
			create({
				lineItems:
					'={{ [{ customProductId: "p1", name: "Mug", quantity: "1", price: "9.90", taxable: true, giftCard: "false" }] }}',
				additionalFields: {},
			}),
		);
		expect(api.requests()[1].body).toEqual({
			customOrderId: 'web-1001',
			customerId: jane().customerId,
			cart: {
				lineItems: [
					{
						customProductId: 'p1',
						name: 'Mug',
						quantity: '1',
						price: '9.90',
						taxable: 'true',
						giftCard: 'false',
					},
				],
			},
		});
	});

	test.each([
		[{ orderId: '  ' }, 'Invalid "Order ID" in item 0: it is empty'],
		[{ orderId: '={{ {"id": 1} }}' }, 'Invalid "Order ID" in item 0: it is an object, not a text'],
		[{ email: 'jane' }, 'Invalid "Email" in item 0: "jane" is not a valid e-mail address'],
		[
			{ lineItems: '[{"productId": "p1",' },
			'Invalid "Line Items" in item 0: it is not valid JSON (expected an array such as [{"productId": "123", "quantity": 1, "price": 9.5}])',
		],
		[
			{ lineItems: '{"productId": "p1"}' },
			'Invalid "Line Items" in item 0: it must be an array of line items (objects)',
		],
		[
			{ lineItems: '["p1"]' },
			'Invalid "Line Items[0]" in item 0: each line item must be an object',
		],
		[
			{ lineItems: '[{"productId": "p1", "colour": "red"}]' },
			'Invalid "Line Items[0]" in item 0: "colour" is not a field of a line item (it has productId, variantId, customProductId, customVariantId, title, name, variantTitle, sku, quantity, price, fulfillmentStatus, giftCard, taxable)',
		],
		[
			{ lineItems: '[{"productId": {"id": "p1"}}]' },
			'Invalid "Line Items[0].productId" in item 0: it is an object, not a text',
		],
		[
			{ lineItems: '[{"quantity": 1.5}]' },
			'Invalid "Line Items[0].quantity" in item 0: "1.5" is not a whole number',
		],
		[
			{ lineItems: '[{"price": "12,50"}]' },
			'Invalid "Line Items[0].price" in item 0: "12,50" is not a number',
		],
		[
			{ lineItems: '[{"price": -1}]' },
			'Invalid "Line Items[0].price" in item 0: -1 is out of range (at least 0)',
		],
		[
			{ lineItems: '[{"productId": "a", "customProductId": "b"}]' },
			'Invalid "Line Items[0]" in item 0: it gives customProductId twice, with different values (productId and variantId are sent as customProductId and customVariantId)',
		],
		[
			{ additionalFields: { totalPrice: 'lots' } },
			'Invalid "Total Price" in item 0: "lots" is not a number',
		],
		[
			{ additionalFields: { currency: { code: 'USD' } } },
			'Invalid "Currency" in item 0: it is an object, not a text',
		],
		[
			{ additionalFields: { tags: [{ a: 1 }] } },
			'Invalid "Tags" in item 0: "[{"a":1}]" is not a list of texts',
		],
	])('%j is refused before anything is sent', async (override, message) => {
		await expectRefusedBeforeSending(stampedV3, create(override), message);
	});

	test("an unknown customer is Stamped's 404, and no order is sent", async () => {
		const { error } = await stampedV3(create({ email: 'nobody@example.com' }));
		expect(error?.message).toBe('Customer not found');
		expect(error?.httpCode).toBe('404');
		expect(api.requests({ method: 'POST' })).toHaveLength(0);
	});

	test("Stamped's 400 (an order id it has already) is quoted, and not retried", async () => {
		placeOrder('web-1001');
		const { error } = await stampedV3(create());
		expect(error?.message).toBe('An order with customOrderId web-1001 already exists');
		expect(error?.httpCode).toBe('400');
		// A 400 is a clear answer: nothing was created, so there is no lookup and no second attempt.
		expect(api.requests({ method: 'POST' })).toHaveLength(1);
		expect(api.requests({ path: '/orders/lookup' })).toHaveLength(0);
	});

	test('Continue On Fail: a refused item becomes an error item, the others run', async () => {
		const { items } = await stampedV3(create({ orderId: '={{ $json.id }}' }), {
			input: [{ id: 'a-1' }, { id: '' }, { id: 'a-3' }],
			continueOnFail: true,
		});
		expect(items.map((item) => item.json.customOrderId ?? item.json.error)).toEqual([
			'a-1',
			'Invalid "Order ID" in item 1: it is empty',
			'a-3',
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Order > Create happens exactly once', () => {
	test.each([
		['a 5xx after Stamped created it', { kind: 502 as const }],
		['a connection dropped after Stamped created it', { kind: 'drop' as const }],
	])('%s: found by its customOrderId, not sent again, and the output says so', async (_, fault) => {
		const before = jane().points;
		api.inject({
			vendor: 'stampedV3',
			method: 'POST',
			path: '/orders',
			times: 1,
			phase: 'after',
			...fault,
		});
		const { items, error } = await stampedV3(create());
		expect(error).toBeUndefined();
		expect(summary().filter((line) => !line.includes('/customers/lookup'))).toEqual([
			`POST ${merchant('/orders')} ${fault.kind === 'drop' ? 0 : 502}`,
			`GET ${merchant('/orders/lookup')} 200`,
		]);
		expect(api.requests({ path: '/orders/lookup' })[0].query).toEqual({
			customOrderId: 'web-1001',
		});
		expect(api.stampedV3.orders.size).toBe(1);
		expect(jane().points).toBe(before + 52);
		expect(items[0].json).toMatchObject({ customOrderId: 'web-1001', resolvedByLookup: true });
		expect(items[0].json.resolution).toMatch(
			/found by its customOrderId, so the first attempt had created it and it was not sent again/,
		);
	});

	test('a 5xx before Stamped created it: not found by the lookup, so it is sent once more', async () => {
		api.inject({
			vendor: 'stampedV3',
			method: 'POST',
			path: '/orders',
			times: 1,
			phase: 'before',
			kind: 500,
		});
		const { items, error } = await stampedV3(create());
		expect(error).toBeUndefined();
		expect(summary().filter((line) => !line.includes('/customers/lookup'))).toEqual([
			`POST ${merchant('/orders')} 500`,
			`GET ${merchant('/orders/lookup')} 404`,
			`POST ${merchant('/orders')} 200`,
		]);
		expect(api.stampedV3.orders.size).toBe(1);
		expect(items[0].json).toMatchObject({ customOrderId: 'web-1001', resolvedByLookup: false });
		expect(items[0].json.resolution).toMatch(/sent once more and created/);
	});

	test('the second attempt failing too is an error, and there is no third', async () => {
		api.inject({
			vendor: 'stampedV3',
			method: 'POST',
			path: '/orders',
			times: 2,
			phase: 'before',
			kind: 503,
		});
		const { error } = await stampedV3(create());
		expect(error?.httpCode).toBe('503');
		expect(error?.description).toMatch(
			/This was the second attempt: .* It is not sent a third time\./,
		);
		expect(api.requests({ method: 'POST', path: '/orders' })).toHaveLength(2);
		expect(api.stampedV3.orders.size).toBe(0);
	});

	test('a lookup that fails too leaves the outcome unknown: an error saying what to check, nothing re-sent', async () => {
		api.inject({
			vendor: 'stampedV3',
			method: 'POST',
			path: '/orders',
			times: 1,
			phase: 'after',
			kind: 500,
		});
		api.inject({
			vendor: 'stampedV3',
			method: 'GET',
			path: '/orders/lookup',
			times: 10,
			kind: 500,
		});
		const { error } = await stampedV3(create());
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toMatch(
			/Looking the order up by its customOrderId "web-1001" failed too, so whether it was created is unknown/,
		);
		expect(api.requests({ method: 'POST', path: '/orders' })).toHaveLength(1);
	});
});

describe('Order > Get, Update, Delete on v3', () => {
	test.each([
		['stampedId', (id: string) => id, (id: string) => merchant(`/orders/${id}`), {}],
		['customOrderId', () => 'web-7', () => merchant('/orders/lookup'), { customOrderId: 'web-7' }],
	])('Get by %s', async (lookupBy, value, path, query) => {
		const order = placeOrder('web-7');
		const { items } = await stampedV3({
			resource: 'order',
			operation: 'get',
			lookupBy,
			lookupValue: value(order.orderId),
		});
		expect(api.requests()).toMatchObject([{ method: 'GET', path: path(order.orderId), query }]);
		expect(items[0].json).toMatchObject({ orderId: order.orderId, customOrderId: 'web-7' });
	});

	test("Get of an unknown order is Stamped's 404", async () => {
		const { error } = await stampedV3({
			resource: 'order',
			operation: 'get',
			lookupBy: 'shopifyId',
			lookupValue: '42',
		});
		expect(error?.message).toBe('Order not found');
		expect(api.requests()[0].query).toEqual({ shopifyId: '42' });
	});

	test('Get: an answer without an order fails, naming what arrived', async () => {
		api.inject({
			vendor: 'stampedV3',
			path: '/orders/lookup',
			times: 1,
			kind: 200 as never,
			body: { ok: true },
		});
		const { error } = await stampedV3({
			resource: 'order',
			operation: 'get',
			lookupBy: 'customOrderId',
			lookupValue: 'x',
		});
		expect(error?.message).toBe(
			'Stamped\'s answer to the order lookup (customOrderId "x") holds no order',
		);
		expect(error?.description).toMatch(/got an object with "ok"/);
	});

	test.each([
		[
			{ lookupBy: 'stampedId', lookupValue: '..' },
			'Invalid "Lookup Value" in item 0: ".." is not an ID: as part of a URL it would address another endpoint',
		],
		[
			{ lookupBy: 'stampedId', lookupValue: '={{ {"id": 1} }}' },
			'Invalid "Lookup Value" in item 0: it is an object, not a text',
		],
		[
			{ lookupBy: 'customOrderId', lookupValue: '  ' },
			'Invalid "Lookup Value" in item 0: it is empty',
		],
		[
			{ lookupBy: '={{ "orderNumber" }}', lookupValue: '1' },
			'Invalid "Lookup By" in item 0: "orderNumber" is not one of stampedId, customOrderId, shopifyId, bigcommerceId',
		],
	])('Get refuses %j before anything is sent', async (lookup, message) => {
		await expectRefusedBeforeSending(
			stampedV3,
			{ resource: 'order', operation: 'get', ...lookup },
			message,
		);
	});

	test('Update sends the new cart state (OrderCartRequest) and Stamped takes the purchase points back on a refund', async () => {
		const before = jane().points;
		await stampedV3(create());
		expect(jane().points).toBe(before + 52);
		api.log.length = 0;
		const { items, error } = await stampedV3({
			resource: 'order',
			operation: 'update',
			lookupBy: 'customOrderId',
			lookupValue: 'web-1001',
			lineItems: '[]',
			additionalFields: { financialStatus: 'refunded', totalPrice: 0 },
		});
		expect(error).toBeUndefined();
		const [order] = api.stampedV3.orders.values();
		expect(api.requests()).toMatchObject([
			{ method: 'GET', path: merchant('/orders/lookup'), query: { customOrderId: 'web-1001' } },
			{
				method: 'PATCH',
				path: merchant(`/orders/${order.orderId}`),
				body: { lineItems: [], financialStatus: 'refunded', shopPriceTotal: '0' },
			},
		]);
		expect(jane().points).toBe(before);
		expect(items[0].json.cartStates).toHaveLength(2);
	});

	test('Update is not re-sent after a 5xx (Stamped records every cart state)', async () => {
		const order = placeOrder('web-9');
		api.inject({ vendor: 'stampedV3', method: 'PATCH', times: 1, phase: 'after', kind: 500 });
		const { error } = await stampedV3({
			resource: 'order',
			operation: 'update',
			lookupBy: 'stampedId',
			lookupValue: order.orderId,
			lineItems: '[]',
			additionalFields: { financialStatus: 'cancelled' },
		});
		expect(error?.description).toContain('Not retried');
		expect(api.requests({ method: 'PATCH' })).toHaveLength(1);
	});

	test("Update sends no tags: the reference's order update takes a cart state only", async () => {
		const order = placeOrder('web-10');
		await stampedV3({
			resource: 'order',
			operation: 'update',
			lookupBy: 'stampedId',
			lookupValue: order.orderId,
			lineItems: '[]',
			additionalFields: { tags: ['x'], currency: 'EUR' },
		});
		expect(api.requests()[0].body).toEqual({ lineItems: [], shopCurrency: 'EUR' });
	});

	test('Delete answers softDelete; by a lookup key it looks the order up first', async () => {
		const order = placeOrder('web-11');
		const { items } = await stampedV3({
			resource: 'order',
			operation: 'delete',
			lookupBy: 'customOrderId',
			lookupValue: 'web-11',
		});
		expect(summary()).toEqual([
			`GET ${merchant('/orders/lookup')} 200`,
			`DELETE ${merchant(`/orders/${order.orderId}`)} 200`,
		]);
		expect(items[0].json).toEqual({
			orderId: order.orderId,
			customOrderId: 'web-11',
			deleted: true,
			softDelete: true,
		});
		expect(api.stampedV3.orders.size).toBe(0);
	});

	test('Delete retried after a 5xx that deleted it finds it gone: done, once', async () => {
		const order = placeOrder('web-12');
		api.inject({ vendor: 'stampedV3', method: 'DELETE', times: 1, phase: 'after', kind: 500 });
		const { items, error } = await stampedV3({
			resource: 'order',
			operation: 'delete',
			lookupBy: 'stampedId',
			lookupValue: order.orderId,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ orderId: order.orderId, deleted: true });
		expect(api.requests({ method: 'DELETE' }).map((entry) => entry.status)).toEqual([500, 404]);
	});
});

describe('Order > Get Many on v3', () => {
	beforeEach(() => api.stampedV3.seedOrders(250, jane()));

	test('Return All reads every page, each order once, until morePages is false', async () => {
		const { items } = await stampedV3({ resource: 'order', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(250);
		expect(new Set(items.map((item) => item.json.orderId)).size).toBe(250);
		// Page 2 is asked for together with page 3, which lies past the end and is dropped unread.
		expect(api.requests().map((entry) => entry.query)).toEqual([
			{ page: '0', limit: '100' },
			{ page: '1', limit: '100' },
			{ page: '2', limit: '100' },
			{ page: '3', limit: '100' },
		]);
	});

	test('Limit stops early', async () => {
		const { items } = await stampedV3({
			resource: 'order',
			operation: 'getAll',
			returnAll: false,
			limit: 120,
		});
		expect(items).toHaveLength(120);
		expect(api.requests()).toHaveLength(2);
	});

	test("reads a bare page object as well as the reference's array of one", async () => {
		api.stampedV3.merchantListShape = 'object';
		const { items } = await stampedV3({ resource: 'order', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(250);
	});

	test('a server that ignores the page number is a loud error, not a list of repeats', async () => {
		api.hostile = { ignorePaging: true };
		const { error, items } = await stampedV3({
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(
			/could not be read completely: got 100 records; page \d+ repeated records already read/,
		);
	});

	test('pages that come back empty while morePages says more is a loud error', async () => {
		api.hostile = { emptyFromPageIndex: 1 };
		const { error } = await stampedV3({ resource: 'order', operation: 'getAll', returnAll: true });
		expect(error?.message).toMatch(
			/page 1 came back empty \(twice\) although the API said more pages follow/,
		);
	});

	test('an answer of several page objects is refused, not guessed at', async () => {
		api.inject({
			vendor: 'stampedV3',
			path: '/orders',
			times: 1,
			kind: 200 as never,
			body: [
				{ page: 0, orders: [] },
				{ page: 1, orders: [] },
			],
		});
		const { error } = await stampedV3({ resource: 'order', operation: 'getAll', returnAll: true });
		expect(error?.message).toMatch(/a list of 2 page objects, where one was expected/);
	});
});

describe('orders need API v3 (but Create, which API v2 offers too)', () => {
	test.each(['get', 'getAll', 'update', 'delete'])(
		'%s with a v2 credential is refused before any request',
		async (operation) => {
			const { error } = await stampedV2({
				...create(),
				operation,
				lookupBy: 'stampedId',
				lookupValue: 'o1',
				returnAll: true,
			});
			expect(error?.message).toMatch(
				/^"Order > [A-Za-z ]+" is offered by Stamped API v3, but the selected credential is for Stamped API v2$/,
			);
			expect(api.requests()).toHaveLength(0);
		},
	);
});
