/** Stamped customers by e-mail (get, delete) and, on v3, by any ID (lookup), in n8n's engine against the fake API. */
import { STAMPED_PRIVATE_KEY, STAMPED_PUBLIC_KEY } from '../../fake-api/stamped-v2';
import type { Version } from '../support';
import {
	VERSIONS,
	api,
	expectRefusedBeforeSending,
	jane,
	lookupOfJane,
	merchant,
	stampedV2,
	stampedV3,
	useStampedApi,
	v2Path,
} from '../support';

useStampedApi();

/** The request a version's get of an unknown customer fails on, as the error's description names it. */
const unknownGetRequest: Record<Version, () => string> = {
	v2: () => 'GET /customers/nobody%40example.com',
	v3: () => `GET ${merchant('/customers/lookup')}`,
};

describe.each(VERSIONS)('customers on %s', (version, { run }) => {
	test('get of an unknown customer is a 404 NodeApiError with the vendor message', async () => {
		const { error } = await run({
			resource: 'customer',
			operation: 'get',
			email: 'nobody@example.com',
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Customer not found');
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toContain(
			`Stamped answered HTTP 404 to ${unknownGetRequest[version]()}`,
		);
		expect(error?.description).toContain('Store Hash');
	});

	test('delete removes the customer and says so', async () => {
		const customerId = jane().customerId;
		const { items } = await run({
			resource: 'customer',
			operation: 'delete',
			email: 'jane@example.com',
		});
		if (version === 'v2') {
			expect(items[0].json).toEqual({
				email: 'jane@example.com',
				deleted: true,
				success: true,
				message: 'Customer deleted.',
			});
			expect(api.requests()).toMatchObject([
				{ method: 'DELETE', rawPath: v2Path('/customers/jane%40example.com') },
			]);
			expect(api.stamped.customers.size).toBe(0);
		} else {
			expect(items[0].json).toEqual({
				email: 'jane@example.com',
				customerId,
				deleted: true,
				softDelete: true,
			});
			expect(api.requests()).toMatchObject([
				lookupOfJane,
				{ method: 'DELETE', path: merchant(`/customers/${customerId}`) },
			]);
			expect(api.stampedV3.customers.size).toBe(0);
		}
	});

	test('a delete retried after a 5xx that came after the delete succeeds (the 404 means it was done)', async () => {
		api.inject({
			vendor: version === 'v2' ? 'stamped' : 'stampedV3',
			kind: 502,
			times: 1,
			phase: 'after',
			method: 'DELETE',
		});
		const { items, error } = await run({
			resource: 'customer',
			operation: 'delete',
			email: 'jane@example.com',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ email: 'jane@example.com', deleted: true });
		expect(api.requests({ method: 'DELETE' }).map((request) => request.status)).toEqual([502, 404]);
	});

	test('deleting an unknown customer is an error', async () => {
		const { error } = await run({
			resource: 'customer',
			operation: 'delete',
			email: 'nobody@example.com',
		});
		expect(error?.httpCode).toBe('404');
		// v2 deletes by e-mail and gets the 404 back; v3 looks the e-mail up first and sends no DELETE.
		expect(api.requests({ method: 'DELETE' })).toHaveLength(version === 'v2' ? 1 : 0);
	});

	test('an invalid e-mail is refused before anything is sent', async () => {
		await expectRefusedBeforeSending(
			run,
			{ resource: 'customer', operation: 'get', email: 'not-an-email' },
			'Invalid "Email" in item 0: "not-an-email" is not a valid e-mail address',
		);
	});
});

describe('customers on v2', () => {
	test('get reads a customer by URL-encoded e-mail', async () => {
		const { items } = await stampedV2({
			resource: 'customer',
			operation: 'get',
			email: 'jane@example.com',
		});
		expect(items).toEqual([
			{
				json: expect.objectContaining({ email: 'jane@example.com', points: 150, tier: 'Bronze' }),
				pairedItem: { item: 0 },
			},
		]);
		expect(api.requests()[0]).toMatchObject({
			method: 'GET',
			rawPath: v2Path('/customers/jane%40example.com'),
		});
		expect(api.requests()[0].headers.authorization).toBe(
			'Basic ' + Buffer.from(`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`).toString('base64'),
		);
		// Saved before API versions existed (no API Version in node or credential): v2, and no v3 header.
		expect(api.requests()[0].headers).not.toHaveProperty('stamped-api-key');
	});

	test('an e-mail with a plus sign is encoded too', async () => {
		api.stamped.insert({ email: 'a+b@example.com' });
		await stampedV2({ resource: 'customer', operation: 'get', email: 'a+b@example.com' });
		expect(api.requests()[0].rawPath).toBe(v2Path('/customers/a%2Bb%40example.com'));
	});

	test('delete of an invalid e-mail is refused before anything is sent', async () => {
		await expectRefusedBeforeSending(
			stampedV2,
			{ resource: 'customer', operation: 'delete', email: 'a@b' },
			'Invalid "Email" in item 0: "a@b" is not a valid e-mail address',
		);
	});
});

describe('customers on v3', () => {
	test('get looks the e-mail up and returns the record as it arrived (numbers as text stay text)', async () => {
		const { items } = await stampedV3({
			resource: 'customer',
			operation: 'get',
			email: 'jane@example.com',
		});
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					customerId: jane().customerId,
					email: 'jane@example.com',
					activity: expect.objectContaining({ totalPoints: '150', vipTier: 'Bronze' }),
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(api.requests()).toMatchObject([lookupOfJane]);
	});

	test('a lookup answered without a customer record is an error naming what was looked for', async () => {
		api.inject({ vendor: 'stampedV3', kind: 200, times: 1, body: {}, path: '/customers/lookup' });
		const { error } = await stampedV3({
			resource: 'customer',
			operation: 'get',
			email: 'jane@example.com',
		});
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Stamped found no customer with email "jane@example.com"');
	});

	test.each([
		['email', 'jane@example.com'],
		['customCustomerId', 'shop-jane'],
		['shopifyId', '1001'],
		['bigcommerceId', '2002'],
	])('lookup by %s', async (lookupBy, lookupValue) => {
		const { items } = await stampedV3({
			resource: 'customer',
			operation: 'lookup',
			lookupBy,
			lookupValue,
		});
		expect(items[0].json).toMatchObject({
			email: 'jane@example.com',
			customerId: jane().customerId,
		});
		expect(api.requests()).toMatchObject([
			{ method: 'GET', path: merchant('/customers/lookup'), query: { [lookupBy]: lookupValue } },
		]);
	});

	test('lookup of an unknown ID is a 404', async () => {
		const { error } = await stampedV3({
			resource: 'customer',
			operation: 'lookup',
			lookupBy: 'shopifyId',
			lookupValue: '999',
		});
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toBe('Customer not found');
	});

	test.each([
		[
			{ resource: 'customer', operation: 'lookup', lookupBy: 'email', lookupValue: 'jane' },
			'Invalid "Lookup Value" in item 0: "jane" is not a valid e-mail address',
		],
		[
			{ resource: 'customer', operation: 'lookup', lookupBy: 'shopifyId', lookupValue: ' ' },
			'Invalid "Lookup Value" in item 0: it is empty',
		],
		[
			{ resource: 'customer', operation: 'lookup', lookupBy: '={{ "phone" }}', lookupValue: '1' },
			'Invalid "Lookup By" in item 0: "phone" is not one of email, customCustomerId, shopifyId, bigcommerceId, stampedId',
		],
	])('%j is refused before anything is sent', async (parameters, message) => {
		await expectRefusedBeforeSending(stampedV3, parameters, message);
	});
});
