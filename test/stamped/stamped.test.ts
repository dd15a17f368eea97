import type { IDataObject } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import type { Review } from '../fake-api/stamped-v2';
import { STAMPED_PRIVATE_KEY, STAMPED_PUBLIC_KEY, STAMPED_STORE_HASH } from '../fake-api/stamped-v2';
import { runNode } from '../harness/engine';
import { retryPolicy, useFastRetries } from '../harness/fast-retries';
import { expectNoSecrets, secretForms, visibleText } from '../harness/secrets';

const WEBHOOK_SECRET = 'stamped-webhook-secret-51f0';
const SECRETS = secretForms(STAMPED_PUBLIC_KEY, STAMPED_PRIVATE_KEY, WEBHOOK_SECRET, `${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`);

const reviews: Review[] = Array.from({ length: 130 }, (_, i) => ({
	reviewId: `rev${i}`,
	email: i % 3 === 0 ? 'jane@example.com' : `buyer${i}@example.com`,
	rating: 1 + (i % 5),
	body: `Review ${i}`,
	productId: `prod${i % 7}`,
	published: true,
}));

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi({
		stamped: { customers: [{ email: 'jane@example.com', firstName: 'Jane', points: 150 }], reviews },
	}).start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

/** Leaves exactly `count` generated customers in the store. */
function seedOnly(count: number): void {
	api.stamped.customers.clear();
	api.stamped.seedCustomers(count);
}

async function stamped(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean; privateKey?: string } = {}) {
	const result = await runNode({
		type: 'stamped',
		parameters: parameters as never,
		credentials: {
			stampedApi: {
				publicKey: STAMPED_PUBLIC_KEY,
				privateKey: options.privateKey ?? STAMPED_PRIVATE_KEY,
				storeHash: STAMPED_STORE_HASH,
				baseUrl: api.stampedUrl,
				webhookSecret: WEBHOOK_SECRET,
			},
		},
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
	expectNoSecrets(visibleText(result.items, result.error), SECRETS);
	return result;
}

const path = (suffix: string) => `/${STAMPED_STORE_HASH}${suffix}`;

describe('customers', () => {
	test('get reads a customer by URL-encoded e-mail', async () => {
		const { items } = await stamped({ resource: 'customer', operation: 'get', email: 'jane@example.com' });
		expect(items).toEqual([{ json: expect.objectContaining({ email: 'jane@example.com', points: 150, tier: 'Bronze' }), pairedItem: { item: 0 } }]);
		expect(api.requests()[0]).toMatchObject({ method: 'GET', rawPath: path('/customers/jane%40example.com') });
		expect(api.requests()[0].headers.authorization).toBe(
			'Basic ' + Buffer.from(`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`).toString('base64'),
		);
		// Saved before API versions existed (no API Version in node or credential): v2, and no v3 header.
		expect(api.requests()[0].headers).not.toHaveProperty('stamped-api-key');
	});

	test('an e-mail with a plus sign is encoded too', async () => {
		api.stamped.insert({ email: 'a+b@example.com' });
		await stamped({ resource: 'customer', operation: 'get', email: 'a+b@example.com' });
		expect(api.requests()[0].rawPath).toBe(path('/customers/a%2Bb%40example.com'));
	});

	test('get of an unknown customer is a 404 NodeApiError with the vendor message', async () => {
		const { error } = await stamped({ resource: 'customer', operation: 'get', email: 'nobody@example.com' });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Customer not found');
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toContain('Stamped answered HTTP 404 to GET /customers/nobody%40example.com');
	});

	test('upsert sends every field of the data model', async () => {
		const { items } = await stamped({
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
			path: path('/customers'),
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
		expect(items[0].json).toMatchObject({ email: 'new@example.com', tier: 'Silver', totalOrders: 3 });
	});

	test('upsert updates the existing customer (no duplicate) and takes tags as comma-separated text', async () => {
		await stamped({
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
			additionalFields: { lastName: 'Doe', tags: '={{ "a, b ,c" }}' },
		});
		expect(api.requests()[0].body).toEqual({ email: 'jane@example.com', lastName: 'Doe', tags: ['a', 'b', 'c'] });
		expect(api.stamped.customers.size).toBe(1);
		expect(api.stamped.customers.get('jane@example.com')).toMatchObject({ firstName: 'Jane', lastName: 'Doe' });
	});

	test('delete removes the customer and says so', async () => {
		const { items } = await stamped({ resource: 'customer', operation: 'delete', email: 'jane@example.com' });
		expect(items[0].json).toEqual({ email: 'jane@example.com', deleted: true, success: true, message: 'Customer deleted.' });
		expect(api.requests()[0]).toMatchObject({ method: 'DELETE', rawPath: path('/customers/jane%40example.com') });
		expect(api.stamped.customers.size).toBe(0);
	});

	test('a delete retried after a 5xx that came after the delete succeeds (the 404 means it was done)', async () => {
		api.inject({ vendor: 'stamped', kind: 502, times: 1, phase: 'after', method: 'DELETE' });
		const { items, error } = await stamped({ resource: 'customer', operation: 'delete', email: 'jane@example.com' });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ email: 'jane@example.com', deleted: true });
		expect(api.requests().map((request) => request.status)).toEqual([502, 404]);
	});

	test('deleting an unknown customer is an error', async () => {
		const { error } = await stamped({ resource: 'customer', operation: 'delete', email: 'nobody@example.com' });
		expect(error?.httpCode).toBe('404');
	});
});

describe('customer Return All and Limit', () => {
	const emailsOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.email as string);

	test.each([0, 1, 100, 101, 250])('Return All over %i customers: each once, in Stamped order, pages of 100', async (count) => {
		seedOnly(count);
		const { items } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true });
		const expected = [...api.stamped.customers.values()].reverse().map((customer) => customer.email);
		expect(emailsOf(items)).toEqual(expected);
		// Every page once; with more than one page, the first and the last once more (a change that kept the total).
		const pages = Math.max(1, Math.ceil(count / 100));
		const rereads = pages > 1 ? [1, pages] : [];
		expect(api.requests().map((request) => request.query.limit)).toEqual(Array(pages + rereads.length).fill('100'));
		expect(api.requests().map((request) => Number(request.query.page)).sort((a, b) => a - b)).toEqual(
			[...Array.from({ length: pages }, (_, i) => i + 1), ...rereads].sort((a, b) => a - b),
		);
	});

	test('Return All over 10,000 customers with the default concurrency', async () => {
		seedOnly(10_000);
		api.latencyMs = 10;
		const { items } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(10_000);
		expect(new Set(emailsOf(items)).size).toBe(10_000);
		expect(emailsOf(items)[0]).toBe('customer09999@example.com');
		expect(emailsOf(items)[9_999]).toBe('customer00000@example.com');
		expect(api.requests()).toHaveLength(100 + 2); // the first and last page read again at the end
		expect(api.maxInFlight).toBe(4);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Return All reads the credential once, not once per page', async () => {
		seedOnly(1000);
		const { items, credentialReads } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(1000);
		expect(api.requests()).toHaveLength(10 + 2); // the first and last page read again at the end
		expect(api.requests().every((request) => request.status === 200)).toBe(true);
		expect(credentialReads).toBe(1);
	});

	// The latencies in these concurrency tests leave room for a pause of the test process (garbage collection
	// under a full run) before all requests of a round are sent; a shorter one made them flaky.
	test('the Concurrency option sets how many pages are fetched at once', async () => {
		seedOnly(1000);
		api.latencyMs = 40;
		await stamped({ resource: 'customer', operation: 'getAll', returnAll: true, options: { concurrency: 8 } });
		expect(api.maxInFlight).toBe(8);
	});

	test.each([
		[30, ['30']],
		[100, ['100']],
		[150, ['100', '100']],
	])('Limit %i fetches only the pages it needs', async (limit, pageSizes) => {
		seedOnly(1000);
		const { items } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: false, limit });
		expect(items).toHaveLength(limit);
		expect(api.requests().map((request) => request.query.limit)).toEqual(pageSizes);
	});

	test('customers inserted while the export runs push others past page boundaries; none is lost or doubled', async () => {
		seedOnly(1000);
		const original = [...api.stamped.customers.keys()];
		api.latencyMs = 3;
		let inserted = 0;
		api.stamped.onListPage = (page) => {
			// Newest first: every insert shifts every record behind it by one.
			if (page >= 3 && inserted < 60) for (let i = 0; i < 12; i++) api.stamped.insert({ email: `late${inserted++}@example.com` });
		};
		const { items } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true });
		const emails = emailsOf(items);
		expect(new Set(emails).size).toBe(emails.length);
		const out = new Set(emails);
		expect(original.filter((email) => !out.has(email))).toEqual([]);
		expect(inserted).toBeGreaterThan(0);
	});

	test('customers deleted while the export runs do not make others disappear', async () => {
		seedOnly(800);
		api.latencyMs = 3;
		const deleted = new Set<string>();
		api.stamped.onListPage = (page) => {
			if (page === 4 && deleted.size < 40) {
				for (const email of [...api.stamped.customers.keys()].slice(-40)) {
					api.stamped.customers.delete(email);
					deleted.add(email);
				}
			}
		};
		const { items } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true });
		const out = new Set(emailsOf(items));
		expect(out.size).toBe(items.length);
		const survivors = [...api.stamped.customers.keys()];
		expect(survivors.filter((email) => !out.has(email))).toEqual([]);
		expect(deleted.size).toBe(40);
	});

	test('429 bursts during an export are waited out and every customer arrives (no Retry-After from Stamped)', async () => {
		seedOnly(700);
		api.inject({ vendor: 'stamped', kind: 429, times: 6, path: '/customers' });
		const { items, error } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(700);
		expect(api.requests().filter((request) => request.status === 429)).toHaveLength(6);
		expect(api.requests().every((request) => request.headers['retry-after'] === undefined)).toBe(true);
	});

	test('the concurrency is lowered after a 429', async () => {
		seedOnly(3000);
		api.latencyMs = 20;
		let limited = false;
		api.stamped.onListPage = (page) => {
			if (page === 12 && !limited) {
				limited = true;
				api.inject({ vendor: 'stamped', kind: 429, times: 2, path: '/customers' });
			}
		};
		await stamped({ resource: 'customer', operation: 'getAll', returnAll: true, options: { concurrency: 8 } });
		const listRequests = api.requests({ path: '/customers' });
		expect(Math.max(...listRequests.slice(1, 12).map((request) => request.inFlight))).toBe(8);
		expect(Math.max(...listRequests.slice(-8).map((request) => request.inFlight))).toBeLessThanOrEqual(2);
	});

	test('a requests-per-second ceiling slows the export down but loses nothing', async () => {
		seedOnly(1500);
		api.requestsPerSecond = 40;
		const { items, error } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true, options: { concurrency: 10 } });
		expect(error).toBeUndefined();
		expect(new Set(emailsOf(items)).size).toBe(1500);
		expect(items).toHaveLength(1500);
	});

	test('a page that keeps failing ends the export with an error', async () => {
		seedOnly(300);
		api.inject({ vendor: 'stamped', kind: 500, times: 100, path: '/customers' });
		const { error } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toContain(`after ${retryPolicy.maxAttempts} attempts`);
	});
});

describe('points', () => {
	test.each([
		['add', 50, 200],
		['subtract', 50, 100],
		['set', 999, 999],
	])('%s %i points', async (action, points, balance) => {
		const { items } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action, points });
		expect(api.requests()[0]).toMatchObject({ method: 'POST', path: path('/customers/points'), body: { email: 'jane@example.com', action, points } });
		expect(items[0].json).toMatchObject({ email: 'jane@example.com', points: balance });
	});

	test('the vendor refusing to go below zero is quoted', async () => {
		const { error } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'subtract', points: 151 });
		expect(error?.message).toBe('Insufficient points balance');
		expect(error?.httpCode).toBe('400');
	});

	test('set is retried after a 5xx', async () => {
		api.inject({ vendor: 'stamped', kind: 503, times: 1, phase: 'after', path: '/points' });
		const { error, items } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'set', points: 10 });
		expect(error).toBeUndefined();
		expect(items[0].json.points).toBe(10);
		expect(api.requests()).toHaveLength(2);
	});

	test.each(['add', 'subtract'])('%s is never retried after a 5xx: the points are not applied twice', async (action) => {
		api.inject({ vendor: 'stamped', kind: 500, times: 1, phase: 'after', path: '/points' });
		const { error } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action, points: 10 });
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toContain('Not retried');
		expect(api.requests()).toHaveLength(1);
		expect(api.stamped.customers.get('jane@example.com')!.points).toBe(action === 'add' ? 160 : 140);
	});

	test('add is retried after a 429 (the server did nothing)', async () => {
		api.inject({ vendor: 'stamped', kind: 429, times: 2, path: '/points' });
		const { error, items } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'add', points: 5 });
		expect(error).toBeUndefined();
		expect(items[0].json.points).toBe(155);
		expect(api.requests().map((request) => request.status)).toEqual([429, 429, 200]);
	});

	test('a dropped connection after the change is not retried for add', async () => {
		api.inject({ vendor: 'stamped', kind: 'drop', times: 1, phase: 'after', path: '/points' });
		const { error } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'add', points: 5 });
		expect(error?.name).toBe('NodeApiError');
		expect(api.requests()).toHaveLength(1);
		expect(api.stamped.customers.get('jane@example.com')!.points).toBe(155);
	});
});

describe('loyalty transactions', () => {
	test('a custom transaction with a note', async () => {
		const { items } = await stamped({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: 'custom',
			points: 25,
			additionalFields: { note: 'Referral bonus' },
		});
		expect(api.requests()[0]).toMatchObject({
			method: 'POST',
			path: path('/loyalty/transactions'),
			body: { email: 'jane@example.com', type: 'custom', points: 25, note: 'Referral bonus' },
		});
		expect(items[0].json).toMatchObject({ transactionId: 'txn_001', type: 'custom', points: 25 });
	});

	test('a purchase carries the order value', async () => {
		await stamped({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: 'purchase',
			points: 120,
			additionalFields: { orderValue: 120.5 },
		});
		expect(api.requests()[0].body).toEqual({ email: 'jane@example.com', type: 'purchase', points: 120, orderValue: 120.5 });
	});

	test('any type configured in the program is accepted from an expression', async () => {
		const { items } = await stamped({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: '={{ "birthday" }}',
			points: 10,
		});
		expect(items[0].json).toMatchObject({ type: 'birthday' });
	});

	test('a type the program does not know is quoted from Stamped', async () => {
		const { error } = await stamped({ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', type: '={{ "anniversary" }}', points: 10 });
		expect(error?.message).toBe("Transaction type 'anniversary' is not configured in the loyalty program");
	});

	test('a transaction is never retried after a 5xx', async () => {
		api.inject({ vendor: 'stamped', kind: 504, times: 1, phase: 'after', path: '/loyalty/transactions' });
		const { error } = await stamped({ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', type: 'custom', points: 10 });
		expect(error?.httpCode).toBe('504');
		expect(api.requests()).toHaveLength(1);
		expect(api.stamped.transactions).toHaveLength(1);
	});
});

describe('tiers and reviews', () => {
	test('tiers: one item per tier', async () => {
		const { items } = await stamped({ resource: 'tier', operation: 'getAll' });
		expect(items.map((item) => item.json)).toEqual([
			{ name: 'Bronze', minPoints: 0 },
			{ name: 'Silver', minPoints: 500 },
			{ name: 'Gold', minPoints: 1500 },
		]);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(api.requests()[0]).toMatchObject({ method: 'GET', path: path('/loyalty/tiers') });
	});

	test('reviews: Return All over several pages', async () => {
		const { items } = await stamped({ resource: 'review', operation: 'getAll', returnAll: true });
		expect(items.map((item) => item.json.reviewId)).toEqual(reviews.map((review) => review.reviewId));
	});

	test('reviews: filtered by e-mail, with a Limit', async () => {
		const { items } = await stamped({ resource: 'review', operation: 'getAll', returnAll: false, limit: 5, filters: { email: 'jane@example.com' } });
		expect(items).toHaveLength(5);
		expect(items.every((item) => item.json.email === 'jane@example.com')).toBe(true);
		expect(api.requests()[0].query).toEqual({ email: 'jane@example.com', page: '1', limit: '5' });
	});
});

describe('validation happens before anything is sent', () => {
	test.each([
		[{ resource: 'customer', operation: 'get', email: 'not-an-email' }, 'Invalid "Email" in item 0: "not-an-email" is not a valid e-mail address'],
		[{ resource: 'customer', operation: 'delete', email: 'a@b' }, 'Invalid "Email" in item 0: "a@b" is not a valid e-mail address'],
		[{ resource: 'customer', operation: 'upsert', email: 'jane@example.com', additionalFields: { pointsExpiry: 'next tuesday' } }, 'Invalid "Points Expiry" in item 0: "next tuesday" is not a date (use ISO 8601, e.g. 2026-12-31)'],
		[{ resource: 'customer', operation: 'upsert', email: 'jane@example.com', additionalFields: { pointsExpiry: '2026-02-30' } }, 'Invalid "Points Expiry" in item 0: "2026-02-30" is not a date (use ISO 8601, e.g. 2026-12-31)'],
		[{ resource: 'customer', operation: 'upsert', email: 'jane@example.com', additionalFields: { totalSpend: '={{ "lots" }}' } }, 'Invalid "Total Spend" in item 0: "lots" is not a number'],
		[{ resource: 'customer', operation: 'upsert', email: 'jane@example.com', additionalFields: { totalOrders: 2.5 } }, 'Invalid "Total Orders" in item 0: "2.5" is not a whole number'],
		[{ resource: 'customer', operation: 'upsert', email: 'jane@example.com', additionalFields: { points: -5 } }, 'Invalid "Points" in item 0: -5 is out of range (at least 0)'],
		[{ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'add', points: 1.5 }, 'Invalid "Points" in item 0: "1.5" is not a whole number'],
		[{ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'add', points: -1 }, 'Invalid "Points" in item 0: -1 is out of range (at least 0)'],
		[{ resource: 'points', operation: 'update', email: 'jane@example.com', action: '={{ "double" }}', points: 1 }, 'Invalid "Action" in item 0: "double" is not one of add, subtract, set'],
		[{ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', type: 'purchase', points: 10 }, 'Invalid "Order Value" in item 0: a purchase needs the order value'],
		[{ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', type: 'custom', points: 10, additionalFields: { note: 'n'.repeat(513) } }, 'Invalid "Note" in item 0: it is 513 characters long; at most 512 are allowed'],
		[{ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', type: 'custom', points: '={{ "ten" }}' }, 'Invalid "Points" in item 0: "ten" is not a whole number'],
		[{ resource: 'review', operation: 'getAll', returnAll: true, filters: { email: 'jane' } }, 'Invalid "Email" in item 0: "jane" is not a valid e-mail address'],
		[{ resource: 'customer', operation: 'getAll', returnAll: true, options: { concurrency: 50 } }, 'Invalid "Concurrency" in item 0: 50 is out of range (1 to 10)'],
	])('%j', async (parameters, message) => {
		const { error, items } = await stamped(parameters);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(items).toEqual([]);
		expect(api.requests()).toHaveLength(0);
	});

	test('the item index is that of the bad item, and nothing is sent for any item', async () => {
		const { error } = await stamped(
			{ resource: 'points', operation: 'update', email: '={{ $json.email }}', action: 'add', points: 5 },
			{ input: [{ email: 'jane@example.com' }, { email: 'jane@example.com' }, { email: 'broken' }] },
		);
		expect(error?.message).toBe('Invalid "Email" in item 2: "broken" is not a valid e-mail address');
		expect(api.requests()).toHaveLength(0);
	});
});

describe('errors and redaction', () => {
	test('wrong keys: 401 with the vendor message, not retried, nothing leaks', async () => {
		const { error } = await stamped({ resource: 'customer', operation: 'get', email: 'jane@example.com' }, { privateKey: 'wrong-private-key-77' });
		expect(error?.message).toBe('Unauthorized: the API key pair is not valid');
		expect(error?.httpCode).toBe('401');
		expect(error?.description).toContain('Check the API Public Key and API Private Key');
		expect(api.requests()).toHaveLength(1);
		expectNoSecrets(visibleText([], error), secretForms('wrong-private-key-77', `${STAMPED_PUBLIC_KEY}:wrong-private-key-77`));
	});

	test('a vendor message that echoes the keys is redacted', async () => {
		const basic = Buffer.from(`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`).toString('base64');
		api.inject({ vendor: 'stamped', kind: 403, times: 1, body: { message: `key ${STAMPED_PRIVATE_KEY} / Basic ${basic} refused` } });
		const { error } = await stamped({ resource: 'tier', operation: 'getAll' });
		expect(error?.message).toBe('key [redacted] / Basic [redacted] refused');
	});

	test('Continue On Fail: each failing item carries its error, the others go through', async () => {
		const { items, error } = await stamped(
			{ resource: 'customer', operation: 'get', email: '={{ $json.email }}' },
			{ input: [{ email: 'nobody@example.com' }, { email: 'bad' }, { email: 'jane@example.com' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ error: 'Customer not found', httpCode: '404' });
		expect(items[1].json).toMatchObject({ error: 'Invalid "Email" in item 1: "bad" is not a valid e-mail address' });
		expect(items[2].json).toMatchObject({ email: 'jane@example.com', points: 150 });
		expect(api.requests()).toHaveLength(2);
	});

	test('an unknown store hash is a 404 that points at the store hash', async () => {
		const result = await runNode({
			type: 'stamped',
			parameters: { resource: 'tier', operation: 'getAll' },
			credentials: { stampedApi: { publicKey: STAMPED_PUBLIC_KEY, privateKey: STAMPED_PRIVATE_KEY, storeHash: 'other', baseUrl: api.stampedUrl } },
		});
		expect(result.error?.message).toBe('Store not found');
		expect(result.error?.description).toContain('Store Hash');
	});
});

describe('many items', () => {
	test('points for different customers go four at a time, the same customer in order', async () => {
		for (let i = 0; i < 6; i++) api.stamped.insert({ email: `bulk${i}@example.com`, points: 0 });
		api.latencyMs = 15;
		const input = [
			...Array.from({ length: 6 }, (_, i) => ({ email: `bulk${i}@example.com`, action: 'add', points: 10 })),
			{ email: 'bulk0@example.com', action: 'set', points: 3 },
			{ email: 'bulk0@example.com', action: 'add', points: 1 },
		];
		const { items, error } = await stamped(
			{ resource: 'points', operation: 'update', email: '={{ $json.email }}', action: '={{ $json.action }}', points: '={{ $json.points }}' },
			{ input },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.points)).toEqual([10, 10, 10, 10, 10, 10, 3, 4]);
		expect(api.maxInFlight).toBe(4);
		expect(api.stamped.customers.get('bulk0@example.com')!.points).toBe(4);
	});
});
