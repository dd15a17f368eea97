/**
 * Stamped customer upsert: v2 sends every field in one POST; v3 looks the e-mail up and PATCHes or creates, and
 * never re-sends a create after an ambiguous failure.
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
	v2Path,
} from '../support';

useStampedApi();

describe('customer upsert on v2', () => {
	test('upsert sends every field of the data model', async () => {
		const { items } = await stampedV2({
			resource: 'customer',
			operation: 'upsert',
			email: 'new@example.com',
			additionalFields: {
				firstName: 'New',
				lastName: 'Customer',
				customerId: 'shopify-123',
				points: 40,
				pointsExpiry: '2026-12-31T00:00:00',
				tier: 'Silver',
				totalSpend: 99.5,
				totalOrders: 3,
				tags: ['vip', 'newsletter'],
			},
		});
		expect(api.requests()[0]).toMatchObject({
			method: 'POST',
			path: v2Path('/customers'),
			body: {
				email: 'new@example.com',
				firstName: 'New',
				lastName: 'Customer',
				customerId: 'shopify-123',
				points: 40,
				pointsExpiry: '2026-12-31',
				tier: 'Silver',
				totalSpend: 99.5,
				totalOrders: 3,
				tags: ['vip', 'newsletter'],
			},
		});
		expect(items[0].json).toMatchObject({
			email: 'new@example.com',
			tier: 'Silver',
			totalOrders: 3,
		});
	});

	test('upsert updates the existing customer (no duplicate) and takes tags as comma-separated text', async () => {
		await stampedV2({
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
			additionalFields: { lastName: 'Doe', tags: '={{ "a, b ,c" }}' },
		});
		expect(api.requests()[0].body).toEqual({
			email: 'jane@example.com',
			lastName: 'Doe',
			tags: ['a', 'b', 'c'],
		});
		expect(api.stamped.customers.size).toBe(1);
		expect(api.stamped.customers.get('jane@example.com')).toMatchObject({
			firstName: 'Jane',
			lastName: 'Doe',
		});
	});

	test.each([
		[
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { pointsExpiry: 'next tuesday' },
			},
			'Invalid "Points Expiry" in item 0: "next tuesday" is not a date (use ISO 8601, e.g. 2026-12-31)',
		],
		[
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { pointsExpiry: '2026-02-30' },
			},
			'Invalid "Points Expiry" in item 0: "2026-02-30" is not a date (use ISO 8601, e.g. 2026-12-31)',
		],
		[
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { totalSpend: '={{ "lots" }}' },
			},
			'Invalid "Total Spend" in item 0: "lots" is not a number',
		],
		[
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { totalOrders: 2.5 },
			},
			'Invalid "Total Orders" in item 0: "2.5" is not a whole number',
		],
		[
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { points: -5 },
			},
			'Invalid "Points" in item 0: -5 is out of range (at least 0)',
		],
	])('%j is refused before anything is sent', async (parameters, message) => {
		await expectRefusedBeforeSending(stampedV2, parameters, message);
	});
});

describe('customer upsert on v3', () => {
	test('upsert of a known e-mail PATCHes that customer with the fields v3 keeps (customer ID as customCustomerId)', async () => {
		const { items } = await stampedV3({
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
			additionalFields: {
				lastName: 'Doe',
				customerId: 'shop-jane-2',
				tags: '={{ "vip, newsletter" }}',
			},
		});
		expect(api.requests()).toMatchObject([
			lookupOfJane,
			{
				method: 'PATCH',
				path: merchant(`/customers/${jane().customerId}`),
				body: { lastName: 'Doe', customCustomerId: 'shop-jane-2', tags: ['vip', 'newsletter'] },
			},
		]);
		expect(items[0].json).toMatchObject({
			email: 'jane@example.com',
			firstName: 'Jane',
			lastName: 'Doe',
			customCustomerId: 'shop-jane-2',
		});
		expect(api.stampedV3.customers.size).toBe(1);
	});

	test('upsert of a new e-mail creates the customer', async () => {
		const { items } = await stampedV3({
			resource: 'customer',
			operation: 'upsert',
			email: 'new@example.com',
			additionalFields: {
				firstName: 'New',
				lastName: 'Customer',
				customerId: 'shop-new',
				tags: ['a'],
			},
		});
		expect(summary()).toEqual([
			`GET ${merchant('/customers/lookup')} 404`,
			`POST ${merchant('/customers')} 200`,
		]);
		expect(api.requests()[1].body).toEqual({
			email: 'new@example.com',
			firstName: 'New',
			lastName: 'Customer',
			customCustomerId: 'shop-new',
			tags: ['a'],
		});
		expect(items[0].json).toMatchObject({
			email: 'new@example.com',
			customerId: expect.stringMatching(/^cus_/),
		});
		expect(api.stampedV3.customers.size).toBe(2);
	});

	test('upsert of a known e-mail with nothing to change only reads', async () => {
		const { items } = await stampedV3({
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
		});
		expect(api.requests()).toHaveLength(1);
		expect(items[0].json).toMatchObject({ email: 'jane@example.com' });
	});

	test('fields v3 does not keep with a customer (points, tier, totals, expiry) are refused, never dropped', async () => {
		const { error } = await stampedV3({
			resource: 'customer',
			operation: 'upsert',
			email: 'new@example.com',
			additionalFields: {
				firstName: 'New',
				points: 40,
				tier: 'Gold',
				totalSpend: 10,
				totalOrders: 2,
				pointsExpiry: '2026-12-31',
			},
		});
		expect(error?.message).toContain('Invalid "Points" in item 0');
		expect(error?.message).toContain('use Point > Update instead');
		expect(api.requests()).toEqual([]);
	});

	test('a create that failed after Stamped applied it is not re-sent: a lookup finds the customer and the fields are PATCHed', async () => {
		api.inject({
			vendor: 'stampedV3',
			kind: 502,
			times: 1,
			phase: 'after',
			method: 'POST',
			path: '/customers',
		});
		const { items, error } = await stampedV3({
			resource: 'customer',
			operation: 'upsert',
			email: 'new@example.com',
			additionalFields: { firstName: 'New' },
		});
		expect(error).toBeUndefined();
		expect(summary()).toEqual([
			`GET ${merchant('/customers/lookup')} 404`,
			`POST ${merchant('/customers')} 502`,
			`GET ${merchant('/customers/lookup')} 200`,
			`PATCH ${merchant(`/customers/${api.stampedV3.byEmail('new@example.com')!.customerId}`)} 200`,
		]);
		expect(items[0].json).toMatchObject({ email: 'new@example.com', firstName: 'New' });
		expect(api.stampedV3.customers.size).toBe(2);
	});

	test('a dropped connection on create is treated the same way', async () => {
		api.inject({
			vendor: 'stampedV3',
			kind: 'drop',
			times: 1,
			phase: 'after',
			method: 'POST',
			path: '/customers',
		});
		const { error } = await stampedV3({
			resource: 'customer',
			operation: 'upsert',
			email: 'new@example.com',
		});
		expect(error).toBeUndefined();
		expect(api.requests({ method: 'POST' })).toHaveLength(1);
		expect(api.stampedV3.customers.size).toBe(2);
	});

	test('a create that failed before Stamped applied it is not re-sent either; the error says the lookup found nothing', async () => {
		api.inject({
			vendor: 'stampedV3',
			kind: 500,
			times: 1,
			phase: 'before',
			method: 'POST',
			path: '/customers',
		});
		const { error } = await stampedV3({
			resource: 'customer',
			operation: 'upsert',
			email: 'new@example.com',
		});
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toContain('Not retried');
		expect(error?.description).toContain(
			'A lookup afterwards found no customer with this e-mail address.',
		);
		expect(api.requests({ method: 'POST' })).toHaveLength(1);
		expect(api.stampedV3.customers.size).toBe(1);
	});

	test('a refused create (4xx) is final: no second lookup', async () => {
		api.inject({
			vendor: 'stampedV3',
			kind: 400,
			times: 1,
			method: 'POST',
			path: '/customers',
			body: { message: 'email domain not allowed' },
		});
		const { error } = await stampedV3({
			resource: 'customer',
			operation: 'upsert',
			email: 'new@example.com',
		});
		expect(error?.message).toBe('email domain not allowed');
		expect(api.requests()).toHaveLength(2);
	});

	test('a PATCH is retried after a 5xx (it is safe to repeat)', async () => {
		api.inject({ vendor: 'stampedV3', kind: 503, times: 1, phase: 'after', method: 'PATCH' });
		const { error } = await stampedV3({
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
			additionalFields: { lastName: 'Doe' },
		});
		expect(error).toBeUndefined();
		expect(api.requests({ method: 'PATCH' }).map((request) => request.status)).toEqual([503, 200]);
	});

	test.each([
		[
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { firstName: ' ' },
			},
			'Invalid "First Name" in item 0: it is empty',
		],
	])('%j is refused before anything is sent', async (parameters, message) => {
		await expectRefusedBeforeSending(stampedV3, parameters, message);
	});
});
