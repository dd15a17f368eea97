/**
 * The Stamped node on API v3 (Loyalty 2.0), run in n8n's engine against the fake v3 API: every operation, its
 * validation and errors, paging by `morePages`, numbers sent as text, retries, and no credential value anywhere.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import { STAMPED_PRIVATE_KEY, STAMPED_PUBLIC_KEY, STAMPED_STORE_HASH } from '../fake-api/stamped-v2';
import type { StampedV3Options } from '../fake-api/stamped-v3';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID, StampedV3 } from '../fake-api/stamped-v3';
import { loadPackage, runNode } from '../harness/engine';
import { retryPolicy, useFastRetries } from '../harness/fast-retries';
import { expectNoSecrets, secretForms, visibleText } from '../harness/secrets';

const WEBHOOK_SECRET = 'stamped-webhook-secret-v3-77ab';
// A v2 public key left in the credential is hidden for v3, so n8n does not even hand it to the node; it must
// not be sent or shown either.
const SECRETS = secretForms(
	STAMPED_V3_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	WEBHOOK_SECRET,
	`${STAMPED_PUBLIC_KEY}:${STAMPED_V3_PRIVATE_KEY}`,
);

const JANE = { email: 'jane@example.com', firstName: 'Jane', points: 150, customCustomerId: 'shop-jane', shopifyId: '1001', bigcommerceId: '2002' };

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi({ stamped: { customers: [{ email: JANE.email, firstName: JANE.firstName }] }, stampedV3: { customers: [JANE] } }).start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

/** Replaces the fake v3 API with one configured differently (numbers, envelope keys), keeping Jane. */
function configure(options: StampedV3Options): void {
	api.stampedV3 = new StampedV3({ customers: [JANE], ...options });
}

interface RunOptions {
	input?: IDataObject[];
	continueOnFail?: boolean;
	privateKey?: string;
	credentials?: IDataObject;
}

async function stamped(parameters: IDataObject, options: RunOptions = {}) {
	const result = await runNode({
		type: 'stamped',
		parameters: { apiVersion: 'v3', ...parameters } as never,
		credentials: {
			stampedApi: {
				apiVersion: 'v3',
				publicKey: STAMPED_PUBLIC_KEY,
				privateKey: options.privateKey ?? STAMPED_V3_PRIVATE_KEY,
				storeHash: STAMPED_V3_SHOP_ID,
				baseUrl: api.stampedV3Url,
				webhookSecret: WEBHOOK_SECRET,
				...(options.credentials ?? {}),
			} as never,
		},
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
	expectNoSecrets(visibleText(result.items, result.error), SECRETS);
	return result;
}

const merchant = (suffix: string) => `/merchant/shops/${STAMPED_V3_SHOP_ID}${suffix}`;
const loyalty = (suffix: string) => `/loyalty/shops/${STAMPED_V3_SHOP_ID}${suffix}`;
const jane = () => api.stampedV3.byEmail('jane@example.com')!;
const lookupOfJane = { method: 'GET', path: merchant('/customers/lookup'), query: { email: 'jane@example.com' } };
const summary = () => api.requests().map((request) => `${request.method} ${request.path} ${request.status}`);

describe('authentication and the API version', () => {
	test('v3 sends the private key in stamped-api-key and no Authorization header', async () => {
		const { error } = await stamped({ resource: 'customer', operation: 'get', email: 'jane@example.com' });
		expect(error).toBeUndefined();
		const [request] = api.requests();
		expect(request.vendor).toBe('stampedV3');
		expect(request.headers['stamped-api-key']).toBe(STAMPED_V3_PRIVATE_KEY);
		expect(request.headers.authorization).toBeUndefined();
	});

	const v2Credential = () => ({ apiVersion: 'v2', privateKey: STAMPED_PRIVATE_KEY, storeHash: STAMPED_STORE_HASH, baseUrl: api.stampedUrl });

	test.each([
		['v2 (its default)', undefined, 'v3', 'stampedV3'],
		['v3', 'v3', 'v2', 'stamped'],
	])('a node set to %s runs a shared operation on its %s credential, with a hint saying so', async (_label, nodeVersion, credentialVersion, vendor) => {
		const { error, items, hints } = await stamped(
			{ apiVersion: nodeVersion, resource: 'customer', operation: 'get', email: 'jane@example.com' },
			{ credentials: credentialVersion === 'v2' ? v2Credential() : {} },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(api.requests().map((request) => request.vendor)).toEqual([vendor]);
		const nodeSays = nodeVersion ?? 'v2';
		expect(hints.map((hint) => hint.message)).toEqual([
			expect.stringContaining(`set to Stamped API ${nodeSays}, but its credential is for API ${credentialVersion}: the operation ran on API ${credentialVersion}`),
		]);
	});

	test('a node whose API Version matches its credential leaves no hint', async () => {
		const { error, hints } = await stamped({ resource: 'customer', operation: 'get', email: 'jane@example.com' });
		expect(error).toBeUndefined();
		expect(hints).toEqual([]);
	});

	test.each([
		['v3', 'review', 'getAll', '"Review > Get Many" is offered by Stamped API v2'],
		['v3', 'tier', 'getAll', '"Tier > Get Many" is offered by Stamped API v2'],
		['v2', 'customer', 'lookup', '"Customer > Lookup" is offered by Stamped API v3'],
		['v2', 'tier', 'set', '"Tier > Set" is offered by Stamped API v3'],
		['v2', 'loyaltyTransaction', 'getAll', '"Loyalty Transaction > Get Many" is offered by Stamped API v3'],
		['v2', 'reward', 'redeem', '"Reward > Redeem" is offered by Stamped API v3'],
		['v2', 'coupon', 'void', '"Coupon > Void" is offered by Stamped API v3'],
	])('with a %s credential, %s %s fails before anything is sent, naming both versions', async (version, resource, operation, what) => {
		// The node is set to the operation's version (so the editor offered it); the credential lacks it.
		const { error } = await stamped(
			{ apiVersion: version === 'v2' ? 'v3' : 'v2', resource, operation, email: 'jane@example.com', tierName: 'Gold', rewardId: 'r', couponCode: 'c', lookupValue: 'x@example.com' },
			{ credentials: version === 'v2' ? v2Credential() : {} },
		);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(`${what}, but the selected credential is for Stamped API ${version}`);
		expect(error?.description).toContain('Nothing was sent');
		expect(api.requests()).toHaveLength(0);
	});

	test('a v3-only resource in a workflow edited outside the editor is refused on a v2 credential, naming both', async () => {
		const { error } = await stamped({ apiVersion: 'v2', resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: 'r' }, { credentials: v2Credential() });
		expect(error?.message).toBe('"Reward" is offered by Stamped API v3, but the selected credential is for Stamped API v2');
		expect(api.requests()).toHaveLength(0);
	});

	test.each([
		[{ resource: 'nonsense', operation: 'get' }, 'The resource "nonsense" is not supported'],
		[{ resource: 'customer', operation: 'explode' }, 'The operation "explode" of "customer" is not supported'],
	])('an operation no version has is refused: %j', async (parameters, message) => {
		const { error } = await stamped({ ...parameters, email: 'jane@example.com' });
		expect(error?.message).toBe(message);
		expect(api.requests()).toHaveLength(0);
	});

	test.each([
		['points', 'update', { action: 'add', points: 5, reason: 'goodwill' }, 'v2', 'Reason'],
		['customer', 'upsert', { additionalFields: { points: 5 } }, 'v3', 'Points'],
		['customer', 'upsert', { additionalFields: { tier: 'Gold' } }, 'v3', 'Tier'],
		['loyaltyTransaction', 'create', { type: 'custom', points: 0, additionalFields: { campaignId: 'c1' } }, 'v2', 'Campaign ID'],
	])('%s %s: a field the %s credential cannot store is refused, never dropped', async (resource, operation, parameters, version, field) => {
		const { error } = await stamped(
			{ apiVersion: version === 'v2' ? 'v3' : 'v2', resource, operation, email: 'jane@example.com', ...parameters },
			{ credentials: version === 'v2' ? v2Credential() : {} },
		);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain(`Invalid "${field}" in item 0`);
		expect(api.requests()).toHaveLength(0);
	});
});

describe('what the node offers per version (display options)', () => {
	let properties: INodeProperties[];
	beforeAll(async () => {
		properties = ((await loadPackage()).getNode('stamped').type as INodeType).description.properties;
	});

	const shown = (values: IDataObject) =>
		properties.filter((property) => NodeHelpers.displayParameter(values as never, property, null, null));
	const choices = (values: IDataObject, name: string) =>
		shown(values)
			.filter((property) => property.name === name)
			.flatMap((property) => (property.options as INodePropertyOptions[]).map((option) => option.value));
	const offered = (apiVersion: string) =>
		Object.fromEntries(
			choices({ apiVersion }, 'resource').map((resource) => [resource, choices({ apiVersion, resource }, 'operation')]),
		);

	test('v2 offers what it always did, and nothing of v3', () => {
		expect(offered('v2')).toEqual({
			customer: ['upsert', 'delete', 'get', 'getAll'],
			loyaltyTransaction: ['create'],
			points: ['update'],
			review: ['create', 'getAll', 'reply'],
			reviewRequest: ['create'],
			tier: ['getAll'],
		});
	});

	test('v3 offers every operation v3 has, and no tier or review list', () => {
		expect(offered('v3')).toEqual({
			coupon: ['void'],
			customer: ['upsert', 'delete', 'get', 'getAll', 'lookup'],
			loyaltyTransaction: ['create', 'getAll'],
			points: ['update'],
			reward: ['redeem'],
			tier: ['set'],
		});
	});

	test('each version selects a default operation it offers', () => {
		const defaults = (apiVersion: string, resource: string) =>
			NodeHelpers.getNodeParameters(properties, { apiVersion, resource }, true, false, null, null)?.operation;
		expect(defaults('v2', 'tier')).toBe('getAll');
		expect(defaults('v3', 'tier')).toBe('set');
		expect(defaults('v3', 'customer')).toBe('upsert');
		expect(NodeHelpers.getNodeParameters(properties, {}, true, false, null, null)).toMatchObject({
			apiVersion: 'v2',
			resource: 'customer',
			operation: 'upsert',
		});
	});

	test('fields of one version are hidden for the other', () => {
		const names = (values: IDataObject) => shown(values).map((property) => property.name);
		expect(names({ apiVersion: 'v3', resource: 'points', operation: 'update', action: 'set' })).toEqual(
			expect.arrayContaining(['setV3Notice', 'reason']),
		);
		expect(names({ apiVersion: 'v2', resource: 'points', operation: 'update', action: 'set' })).not.toEqual(
			expect.arrayContaining(['setV3Notice']),
		);
		expect(names({ apiVersion: 'v2', resource: 'points', operation: 'update' })).not.toContain('reason');
		expect(names({ apiVersion: 'v3', resource: 'customer', operation: 'getAll' })).not.toContain('options');
		expect(names({ apiVersion: 'v2', resource: 'customer', operation: 'getAll' })).toContain('options');
	});

	test.each([
		['customer', 'upsert', 'v2', ['customerId', 'firstName', 'lastName', 'points', 'pointsExpiry', 'tags', 'tier', 'totalOrders', 'totalSpend']],
		['customer', 'upsert', 'v3', ['customerId', 'firstName', 'lastName', 'tags']],
		['loyaltyTransaction', 'create', 'v2', ['note', 'orderValue']],
		['loyaltyTransaction', 'create', 'v3', ['campaignId', 'note', 'orderValue']],
	])('%s %s on %s offers the additional fields %j', (resource, operation, apiVersion, fields) => {
		const root = { apiVersion, resource, operation };
		const collection = shown(root).find((property) => property.name === 'additionalFields')!;
		const offeredFields = (collection.options as INodeProperties[])
			.filter((option) => NodeHelpers.displayParameter({}, option, null, null, root as never))
			.map((option) => option.name);
		expect(offeredFields).toEqual(fields);
	});
});

describe('customers', () => {
	test('get looks the e-mail up and returns the record as it arrived (numbers as text stay text)', async () => {
		const { items } = await stamped({ resource: 'customer', operation: 'get', email: 'jane@example.com' });
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

	test('get of an unknown customer is Stamped\'s 404, quoted', async () => {
		const { error } = await stamped({ resource: 'customer', operation: 'get', email: 'nobody@example.com' });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Customer not found');
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toContain(`Stamped answered HTTP 404 to GET ${merchant('/customers/lookup')}`);
		expect(error?.description).toContain('Store Hash');
	});

	test('a lookup answered without a customer record is an error naming what was looked for', async () => {
		api.inject({ vendor: 'stampedV3', kind: 200, times: 1, body: {}, path: '/customers/lookup' });
		const { error } = await stamped({ resource: 'customer', operation: 'get', email: 'jane@example.com' });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Stamped found no customer with email "jane@example.com"');
	});

	test.each([
		['email', 'jane@example.com'],
		['customCustomerId', 'shop-jane'],
		['shopifyId', '1001'],
		['bigcommerceId', '2002'],
	])('lookup by %s', async (lookupBy, lookupValue) => {
		const { items } = await stamped({ resource: 'customer', operation: 'lookup', lookupBy, lookupValue });
		expect(items[0].json).toMatchObject({ email: 'jane@example.com', customerId: jane().customerId });
		expect(api.requests()).toMatchObject([{ method: 'GET', path: merchant('/customers/lookup'), query: { [lookupBy]: lookupValue } }]);
	});

	test('lookup of an unknown ID is a 404', async () => {
		const { error } = await stamped({ resource: 'customer', operation: 'lookup', lookupBy: 'shopifyId', lookupValue: '999' });
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toBe('Customer not found');
	});

	test('upsert of a known e-mail PATCHes that customer with the fields v3 keeps (customer ID as customCustomerId)', async () => {
		const { items } = await stamped({
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
			additionalFields: { lastName: 'Doe', customerId: 'shop-jane-2', tags: '={{ "vip, newsletter" }}' },
		});
		expect(api.requests()).toMatchObject([
			lookupOfJane,
			{
				method: 'PATCH',
				path: merchant(`/customers/${jane().customerId}`),
				body: { lastName: 'Doe', customCustomerId: 'shop-jane-2', tags: ['vip', 'newsletter'] },
			},
		]);
		expect(items[0].json).toMatchObject({ email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe', customCustomerId: 'shop-jane-2' });
		expect(api.stampedV3.customers.size).toBe(1);
	});

	test('upsert of a new e-mail creates the customer', async () => {
		const { items } = await stamped({
			resource: 'customer',
			operation: 'upsert',
			email: 'new@example.com',
			additionalFields: { firstName: 'New', lastName: 'Customer', customerId: 'shop-new', tags: ['a'] },
		});
		expect(summary()).toEqual([`GET ${merchant('/customers/lookup')} 404`, `POST ${merchant('/customers')} 200`]);
		expect(api.requests()[1].body).toEqual({ email: 'new@example.com', firstName: 'New', lastName: 'Customer', customCustomerId: 'shop-new', tags: ['a'] });
		expect(items[0].json).toMatchObject({ email: 'new@example.com', customerId: expect.stringMatching(/^cus_/) });
		expect(api.stampedV3.customers.size).toBe(2);
	});

	test('upsert of a known e-mail with nothing to change only reads', async () => {
		const { items } = await stamped({ resource: 'customer', operation: 'upsert', email: 'jane@example.com' });
		expect(api.requests()).toHaveLength(1);
		expect(items[0].json).toMatchObject({ email: 'jane@example.com' });
	});

	test('fields v3 does not keep with a customer (points, tier, totals, expiry) are hidden and never sent', async () => {
		await stamped({
			resource: 'customer',
			operation: 'upsert',
			email: 'new@example.com',
			additionalFields: { firstName: 'New', points: 40, tier: 'Gold', totalSpend: 10, totalOrders: 2, pointsExpiry: '2026-12-31' },
		});
		expect(api.requests()[1]).toMatchObject({ method: 'POST', body: { email: 'new@example.com', firstName: 'New' } });
		expect(Object.keys(api.requests()[1].body as object)).toEqual(['email', 'firstName']);
	});

	test('a create that failed after Stamped applied it is not re-sent: a lookup finds the customer and the fields are PATCHed', async () => {
		api.inject({ vendor: 'stampedV3', kind: 502, times: 1, phase: 'after', method: 'POST', path: '/customers' });
		const { items, error } = await stamped({
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
		api.inject({ vendor: 'stampedV3', kind: 'drop', times: 1, phase: 'after', method: 'POST', path: '/customers' });
		const { error } = await stamped({ resource: 'customer', operation: 'upsert', email: 'new@example.com' });
		expect(error).toBeUndefined();
		expect(api.requests({ method: 'POST' })).toHaveLength(1);
		expect(api.stampedV3.customers.size).toBe(2);
	});

	test('a create that failed before Stamped applied it is not re-sent either; the error says the lookup found nothing', async () => {
		api.inject({ vendor: 'stampedV3', kind: 500, times: 1, phase: 'before', method: 'POST', path: '/customers' });
		const { error } = await stamped({ resource: 'customer', operation: 'upsert', email: 'new@example.com' });
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toContain('Not retried');
		expect(error?.description).toContain('A lookup afterwards found no customer with this e-mail address.');
		expect(api.requests({ method: 'POST' })).toHaveLength(1);
		expect(api.stampedV3.customers.size).toBe(1);
	});

	test('a refused create (4xx) is final: no second lookup', async () => {
		api.inject({ vendor: 'stampedV3', kind: 400, times: 1, method: 'POST', path: '/customers', body: { message: 'email domain not allowed' } });
		const { error } = await stamped({ resource: 'customer', operation: 'upsert', email: 'new@example.com' });
		expect(error?.message).toBe('email domain not allowed');
		expect(api.requests()).toHaveLength(2);
	});

	test('a PATCH is retried after a 5xx (it is safe to repeat)', async () => {
		api.inject({ vendor: 'stampedV3', kind: 503, times: 1, phase: 'after', method: 'PATCH' });
		const { error } = await stamped({ resource: 'customer', operation: 'upsert', email: 'jane@example.com', additionalFields: { lastName: 'Doe' } });
		expect(error).toBeUndefined();
		expect(api.requests({ method: 'PATCH' }).map((request) => request.status)).toEqual([503, 200]);
	});

	test('delete finds the customer, deletes it by ID and says so', async () => {
		const { customerId } = jane();
		const { items } = await stamped({ resource: 'customer', operation: 'delete', email: 'jane@example.com' });
		expect(items[0].json).toEqual({ email: 'jane@example.com', customerId, deleted: true, softDelete: true });
		expect(api.requests()).toMatchObject([lookupOfJane, { method: 'DELETE', path: merchant(`/customers/${customerId}`) }]);
		expect(api.stampedV3.customers.size).toBe(0);
	});

	test('a delete retried after a 5xx that came after the delete succeeds (the 404 means it was done)', async () => {
		api.inject({ vendor: 'stampedV3', kind: 502, times: 1, phase: 'after', method: 'DELETE' });
		const { items, error } = await stamped({ resource: 'customer', operation: 'delete', email: 'jane@example.com' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ email: 'jane@example.com', deleted: true });
		expect(api.requests({ method: 'DELETE' }).map((request) => request.status)).toEqual([502, 404]);
	});

	test('deleting an unknown customer is an error and sends no DELETE', async () => {
		const { error } = await stamped({ resource: 'customer', operation: 'delete', email: 'nobody@example.com' });
		expect(error?.httpCode).toBe('404');
		expect(api.requests({ method: 'DELETE' })).toHaveLength(0);
	});
});

describe('customer Return All and Limit (pages from 0, morePages, no total)', () => {
	const emailsOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.email as string);
	const seedOnly = (count: number) => {
		api.stampedV3.customers.clear();
		api.stampedV3.seedCustomers(count);
	};

	test.each([0, 1, 100, 101, 250])('Return All over %i customers: each once, in order, pages of 100 from page 0', async (count) => {
		seedOnly(count);
		const { items } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(emailsOf(items)).toEqual([...api.stampedV3.customers.values()].map((customer) => customer.email));
		const pages = Math.max(1, Math.ceil(count / 100));
		expect(api.requests().map((request) => request.query)).toEqual(
			Array.from({ length: pages }, (_, page) => ({ page: String(page), limit: '100' })),
		);
		expect(api.requests().every((request) => request.path === merchant('/customers'))).toBe(true);
	});

	test('"more_pages" is understood as well', async () => {
		configure({ moreKey: 'more_pages' });
		seedOnly(230);
		const { items } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(230);
		expect(api.requests()).toHaveLength(3);
	});

	test('morePages decides, not the page length: a short page that says more follows is followed', async () => {
		seedOnly(150);
		api.inject({
			vendor: 'stampedV3',
			kind: 200,
			times: 1,
			path: '/customers',
			body: { page: 0, limit: 100, morePages: true, customers: [{ customerId: 'x1', email: 'x1@example.com' }] },
		});
		const { items } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(1 + 50);
		expect(api.requests().map((request) => request.query.page)).toEqual(['0', '1']);
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

	test('pages are read one after another (no concurrency on v3)', async () => {
		seedOnly(600);
		api.latencyMs = 3;
		const { items } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true, options: { concurrency: 8 } });
		expect(items).toHaveLength(600);
		expect(api.maxInFlight).toBe(1);
	});

	test('429s are waited out and every customer arrives', async () => {
		seedOnly(350);
		api.inject({ vendor: 'stampedV3', kind: 429, times: 3, path: '/customers' });
		const { items, error } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(new Set(emailsOf(items)).size).toBe(350);
	});

	test('a page that keeps failing ends the list with an error', async () => {
		seedOnly(300);
		api.inject({ vendor: 'stampedV3', kind: 500, times: 100, path: '/customers' });
		const { error } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toContain(`after ${retryPolicy.maxAttempts} attempts`);
	});
});

describe('points', () => {
	const adjustPath = () => loyalty(`/customers/${jane().customerId}/adjust-points`);

	test.each([
		['add', 50, 50, 200],
		['subtract', 50, -50, 100],
		['set', 999, 849, 999],
		['set', 100, -50, 100],
	])('%s %i: adjust-points by %i, balance %i', async (action, points, adjustment, balance) => {
		const { items } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action, points });
		expect(api.requests()).toMatchObject([lookupOfJane, { method: 'POST', path: adjustPath(), body: { points: adjustment } }]);
		expect(items[0].json).toMatchObject({
			email: 'jane@example.com',
			customerId: jane().customerId,
			pointsBefore: 150,
			pointsAdjustment: adjustment,
			pointsAfter: balance,
			adjusted: true,
			activityId: expect.stringMatching(/^act_/),
		});
		expect(jane().points).toBe(balance);
	});

	test.each<[string, StampedV3Options]>([
		['numbers as numbers', { numbers: 'numbers' }],
		['figures under "loyalty"', { loyaltyKey: 'loyalty' }],
		['numbers as text under "loyalty"', { loyaltyKey: 'loyalty', numbers: 'strings' }],
	])('set reads the balance however it arrives: %s', async (_label, options) => {
		configure(options);
		await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'set', points: 500 });
		expect(api.requests()[1].body).toEqual({ points: 350 });
		expect(jane().points).toBe(500);
	});

	test('set to the balance the customer already has sends no adjustment', async () => {
		const { items } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'set', points: 150 });
		expect(api.requests()).toHaveLength(1);
		expect(items[0].json).toEqual({
			email: 'jane@example.com',
			customerId: jane().customerId,
			pointsBefore: 150,
			pointsAdjustment: 0,
			pointsAfter: 150,
			adjusted: false,
		});
	});

	test('set refuses when the balance cannot be read, and changes nothing', async () => {
		api.inject({
			vendor: 'stampedV3',
			kind: 200,
			times: 1,
			path: '/customers/lookup',
			body: { customerId: jane().customerId, email: 'jane@example.com', activity: { totalPoints: 'n/a' } },
		});
		const { error } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'set', points: 10 });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Stamped sent no readable points balance for this customer, so it cannot be set');
		expect(api.requests()).toHaveLength(1);
		expect(jane().points).toBe(150);
	});

	test('the reason is stored with the adjustment', async () => {
		await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'add', points: 5, reason: 'Goodwill' });
		expect(api.requests()[1].body).toEqual({ points: 5, reason: 'Goodwill' });
		expect(api.stampedV3.activities[0].rule.title).toBe('Goodwill');
	});

	test('the vendor refusing to go below zero is quoted', async () => {
		const { error } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'subtract', points: 151 });
		expect(error?.message).toBe('Insufficient points balance');
		expect(error?.httpCode).toBe('400');
	});

	test.each(['add', 'subtract', 'set'])('%s: adjust-points is never re-sent after a 5xx; the points move once', async (action) => {
		api.inject({ vendor: 'stampedV3', kind: 500, times: 1, phase: 'after', path: '/adjust-points' });
		const { error } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action, points: 10 });
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toContain('Not retried');
		expect(api.requests({ path: '/adjust-points' })).toHaveLength(1);
		expect(jane().points).toBe({ add: 160, subtract: 140, set: 10 }[action]);
	});

	test('a timeout-like dropped connection on adjust-points is not retried either', async () => {
		api.inject({ vendor: 'stampedV3', kind: 'drop', times: 1, phase: 'after', path: '/adjust-points' });
		const { error } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'add', points: 5 });
		expect(error?.name).toBe('NodeApiError');
		expect(api.requests({ path: '/adjust-points' })).toHaveLength(1);
		expect(jane().points).toBe(155);
	});

	test('adjust-points is retried after a 429 (the server did nothing)', async () => {
		api.inject({ vendor: 'stampedV3', kind: 429, times: 2, path: '/adjust-points' });
		const { error } = await stamped({ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'add', points: 5 });
		expect(error).toBeUndefined();
		expect(api.requests({ path: '/adjust-points' }).map((request) => request.status)).toEqual([429, 429, 200]);
		expect(jane().points).toBe(155);
	});

	test('an unknown customer is a 404 and nothing is adjusted', async () => {
		const { error } = await stamped({ resource: 'points', operation: 'update', email: 'nobody@example.com', action: 'add', points: 5 });
		expect(error?.httpCode).toBe('404');
		expect(api.requests()).toHaveLength(1);
	});
});

describe('loyalty transactions', () => {
	test('create adds the points with the note as the reason', async () => {
		const { items } = await stamped({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: 'custom',
			points: 25,
			additionalFields: { note: 'Referral bonus' },
		});
		expect(api.requests()).toMatchObject([
			lookupOfJane,
			{ method: 'POST', path: loyalty(`/customers/${jane().customerId}/adjust-points`), body: { points: 25, reason: 'Referral bonus' } },
		]);
		expect(items[0].json).toMatchObject({ email: 'jane@example.com', activityId: 'act_00001' });
		expect(jane().points).toBe(175);
	});

	test.each([
		['custom', {}, 'custom'],
		['={{ "birthday" }}', {}, 'birthday'],
		['purchase', { orderValue: 120.5 }, 'purchase, order value 120.5'],
	])('without a note, type %s gives the reason "%s"', async (type, additionalFields, reason) => {
		await stamped({ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', type, points: 10, additionalFields });
		expect(api.requests()[1].body).toEqual({ points: 10, reason });
	});

	test('with a Campaign ID it triggers that custom activity, whose rule sets the points', async () => {
		const { items } = await stamped({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: 'custom',
			points: 0,
			additionalFields: { campaignId: 'cmp-birthday' },
		});
		expect(api.requests()).toMatchObject([
			{ method: 'POST', path: loyalty('/activities'), query: { email: 'jane@example.com', campaignId: 'cmp-birthday' } },
		]);
		expect(api.requests()[0].body).toBeUndefined();
		expect(items[0].json).toEqual({
			email: 'jane@example.com',
			customerId: jane().customerId,
			ruleId: 'cmp-birthday',
			activityId: 'act_00001',
			pointsAdded: 100,
		});
	});

	test('an unknown campaign is quoted from Stamped', async () => {
		const { error } = await stamped({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: 'custom',
			points: 0,
			additionalFields: { campaignId: 'cmp-nope' },
		});
		expect(error?.message).toBe("Campaign 'cmp-nope' does not exist");
	});

	test.each([
		[{}, '/adjust-points'],
		[{ campaignId: 'cmp-birthday' }, '/activities'],
	])('create (%j) is never re-sent after a 5xx', async (additionalFields, path) => {
		api.inject({ vendor: 'stampedV3', kind: 504, times: 1, phase: 'after', path });
		const { error } = await stamped({ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', type: 'custom', points: 0, additionalFields });
		expect(error?.httpCode).toBe('504');
		expect(api.requests({ path })).toHaveLength(1);
		expect(api.stampedV3.activities).toHaveLength(1);
	});

	test.each([0, 1, 100, 101, 230])('Get Many with Return All over %i activities walks morePages', async (count) => {
		api.stampedV3.seedActivities(count, jane());
		const { items } = await stamped({ resource: 'loyaltyTransaction', operation: 'getAll', returnAll: true });
		expect(items.map((item) => item.json.activityId)).toEqual(api.stampedV3.activities.map((activity) => activity.activityId).reverse());
		expect(api.requests().map((request) => request.query.page)).toEqual(
			Array.from({ length: Math.max(1, Math.ceil(count / 100)) }, (_, page) => String(page)),
		);
		expect(api.requests().every((request) => request.path === loyalty('/activities') && request.method === 'GET')).toBe(true);
	});

	test('Get Many with a Limit reads one page of that size', async () => {
		api.stampedV3.seedActivities(80, jane());
		const { items } = await stamped({ resource: 'loyaltyTransaction', operation: 'getAll', returnAll: false, limit: 7 });
		expect(items).toHaveLength(7);
		expect(api.requests().map((request) => request.query)).toEqual([{ page: '0', limit: '7' }]);
	});

	test('Get Many retries a page after a 5xx (a read)', async () => {
		api.stampedV3.seedActivities(10, jane());
		api.inject({ vendor: 'stampedV3', kind: 502, times: 1, path: '/activities' });
		const { items, error } = await stamped({ resource: 'loyaltyTransaction', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(10);
	});
});

describe('tiers', () => {
	test('set moves the customer to the named VIP tier', async () => {
		const { items } = await stamped({ resource: 'tier', operation: 'set', email: 'jane@example.com', tierName: 'Gold' });
		expect(api.requests()).toMatchObject([
			lookupOfJane,
			{ method: 'POST', path: loyalty(`/customers/${jane().customerId}/adjust-vip-tier`), body: { tierName: 'Gold' } },
		]);
		expect(items[0].json).toMatchObject({ email: 'jane@example.com', activityId: 'act_00001' });
		expect(jane().vipTier).toBe('Gold');
	});

	test('a tier the program does not have is quoted from Stamped', async () => {
		const { error } = await stamped({ resource: 'tier', operation: 'set', email: 'jane@example.com', tierName: 'Platinum' });
		expect(error?.message).toBe("VIP tier 'Platinum' does not exist");
		expect(error?.httpCode).toBe('400');
	});

	test('set is retried after a 5xx (moving to the same tier twice changes nothing)', async () => {
		api.inject({ vendor: 'stampedV3', kind: 503, times: 1, phase: 'after', path: '/adjust-vip-tier' });
		const { error } = await stamped({ resource: 'tier', operation: 'set', email: 'jane@example.com', tierName: 'Silver' });
		expect(error).toBeUndefined();
		expect(api.requests({ path: '/adjust-vip-tier' }).map((request) => request.status)).toEqual([503, 200]);
		expect(jane().vipTier).toBe('Silver');
	});
});

describe('rewards and coupons', () => {
	beforeEach(() => {
		jane().points = 2000;
	});

	test('redeem a fixed reward: no points are sent, the rule sets the cost', async () => {
		const { items } = await stamped({ resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: 'rwd-5off' });
		expect(api.requests()).toMatchObject([lookupOfJane, { method: 'POST', path: loyalty(`/customers/${jane().customerId}/redeem-reward/rwd-5off`), query: {} }]);
		expect(items[0].json).toMatchObject({ email: 'jane@example.com', activityId: 'act_00001' });
		expect(jane().points).toBe(1500);
		expect(api.stampedV3.rewards).toHaveLength(1);
	});

	test('redeem with points sends them in the query, as text', async () => {
		await stamped({ resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: 'rwd-variable', points: '={{ 300 }}' });
		expect(api.requests()[1].query).toEqual({ points: '300' });
		expect(api.requests()[1].rawPath).toMatch(/redeem-reward\/rwd-variable$/);
		expect(jane().points).toBe(1700);
	});

	test('an unknown reward is quoted from Stamped', async () => {
		const { error } = await stamped({ resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: 'rwd-none' });
		expect(error?.message).toBe('Reward not found');
		expect(error?.httpCode).toBe('404');
	});

	test('redeem is never re-sent after a 5xx', async () => {
		api.inject({ vendor: 'stampedV3', kind: 500, times: 1, phase: 'after', path: '/redeem-reward' });
		const { error } = await stamped({ resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: 'rwd-5off' });
		expect(error?.description).toContain('Not retried');
		expect(api.requests({ path: '/redeem-reward' })).toHaveLength(1);
		expect(jane().points).toBe(1500);
	});

	/** A coupon Jane got from a reward, as Stamped would hold it. */
	function couponOfJane(couponCode: string) {
		api.stampedV3.rewards.push({
			rewardId: 'rwd-5off',
			activityId: 'act_x',
			customerId: jane().customerId,
			status: 'active',
			title: '$5 off',
			couponCode,
			category: 'coupon',
			type: 'fixed_amount',
			value: '5',
			dateCreated: '2026-02-01T00:00:00.000Z',
		});
	}

	test('void a coupon', async () => {
		couponOfJane('LOYAL-0001');
		const { items } = await stamped({ resource: 'coupon', operation: 'void', email: 'jane@example.com', couponCode: 'LOYAL-0001' });
		expect(api.requests()).toMatchObject([lookupOfJane, { method: 'POST', path: loyalty(`/customers/${jane().customerId}/void-coupon/LOYAL-0001`) }]);
		expect(items[0].json).toMatchObject({ email: 'jane@example.com', couponCode: 'LOYAL-0001', status: 'voided' });
	});

	test('a coupon code is URL-encoded in the path', async () => {
		couponOfJane('SUMMER/5 OFF');
		const { error } = await stamped({ resource: 'coupon', operation: 'void', email: 'jane@example.com', couponCode: 'SUMMER/5 OFF' });
		expect(error).toBeUndefined();
		expect(api.requests()[1].rawPath).toBe(loyalty(`/customers/${jane().customerId}/void-coupon/SUMMER%2F5%20OFF`));
	});

	test.each([
		['NOPE-1', 'Coupon not found', '404'],
		['LOYAL-0001', 'Coupon is already voided', '400'],
	])('void of %s: %s', async (couponCode, message, httpCode) => {
		couponOfJane('LOYAL-0001');
		api.stampedV3.rewards[0].status = 'voided';
		const { error } = await stamped({ resource: 'coupon', operation: 'void', email: 'jane@example.com', couponCode });
		expect(error?.message).toBe(message);
		expect(error?.httpCode).toBe(httpCode);
	});

	test('void is never re-sent after a 5xx', async () => {
		couponOfJane('LOYAL-0001');
		api.inject({ vendor: 'stampedV3', kind: 502, times: 1, phase: 'after', path: '/void-coupon' });
		const { error } = await stamped({ resource: 'coupon', operation: 'void', email: 'jane@example.com', couponCode: 'LOYAL-0001' });
		expect(error?.httpCode).toBe('502');
		expect(api.requests({ path: '/void-coupon' })).toHaveLength(1);
	});
});

describe('validation happens before anything is sent', () => {
	test.each([
		[{ resource: 'customer', operation: 'lookup', lookupBy: 'email', lookupValue: 'jane' }, 'Invalid "Lookup Value" in item 0: "jane" is not a valid e-mail address'],
		[{ resource: 'customer', operation: 'lookup', lookupBy: 'shopifyId', lookupValue: ' ' }, 'Invalid "Lookup Value" in item 0: it is empty'],
		[{ resource: 'customer', operation: 'lookup', lookupBy: '={{ "phone" }}', lookupValue: '1' }, 'Invalid "Lookup By" in item 0: "phone" is not one of email, customCustomerId, shopifyId, bigcommerceId'],
		[{ resource: 'customer', operation: 'get', email: 'not-an-email' }, 'Invalid "Email" in item 0: "not-an-email" is not a valid e-mail address'],
		[{ resource: 'customer', operation: 'upsert', email: 'jane@example.com', additionalFields: { firstName: ' ' } }, 'Invalid "First Name" in item 0: it is empty'],
		[{ resource: 'customer', operation: 'getAll', returnAll: false, limit: 0 }, 'Invalid "Limit" in item 0: 0 is out of range (at least 1)'],
		[{ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'add', points: -1 }, 'Invalid "Points" in item 0: -1 is out of range (at least 0)'],
		[{ resource: 'points', operation: 'update', email: 'jane@example.com', action: 'add', points: 1, reason: 'r'.repeat(513) }, 'Invalid "Reason" in item 0: it is 513 characters long; at most 512 are allowed'],
		[{ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', type: 'custom', points: 5, additionalFields: { campaignId: 'cmp-birthday' } }, 'Invalid "Points" in item 0: leave it at 0 with a Campaign ID: the custom activity rule decides the points'],
		[{ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', type: 'purchase', points: 0, additionalFields: { campaignId: 'cmp-birthday', orderValue: 10 } }, 'Invalid "Type" in item 0: "purchase" cannot be used with a Campaign ID: a custom activity is of type custom'],
		[{ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', type: 'custom', points: 0, additionalFields: { campaignId: 'cmp-birthday', note: 'hi' } }, 'Invalid "Note" in item 0: a custom activity (Campaign ID) carries no note'],
		[{ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', type: 'custom', points: 0, additionalFields: { campaignId: 'cmp-birthday', orderValue: 3 } }, 'Invalid "Order Value" in item 0: a custom activity (Campaign ID) carries no order value'],
		[{ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', type: 'purchase', points: 10 }, 'Invalid "Order Value" in item 0: a purchase needs the order value'],
		[{ resource: 'loyaltyTransaction', operation: 'getAll', returnAll: false, limit: '={{ "ten" }}' }, 'Invalid "Limit" in item 0: "ten" is not a whole number'],
		[{ resource: 'tier', operation: 'set', email: 'jane@example.com', tierName: ' ' }, 'Invalid "Tier Name" in item 0: it is empty'],
		[{ resource: 'tier', operation: 'set', email: 'jane', tierName: 'Gold' }, 'Invalid "Email" in item 0: "jane" is not a valid e-mail address'],
		[{ resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: ' ' }, 'Invalid "Reward ID" in item 0: it is empty'],
		[{ resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: 'rwd-variable', points: -5 }, 'Invalid "Points" in item 0: -5 is out of range (at least 0)'],
		[{ resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: 'rwd-variable', points: 2.5 }, 'Invalid "Points" in item 0: "2.5" is not a whole number'],
		[{ resource: 'coupon', operation: 'void', email: 'jane@example.com', couponCode: ' ' }, 'Invalid "Coupon Code" in item 0: it is empty'],
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
			{ resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: '={{ $json.reward }}' },
			{ input: [{ reward: 'rwd-5off' }, { reward: '' }] },
		);
		expect(error?.message).toBe('Invalid "Reward ID" in item 1: it is empty');
		expect(api.requests()).toHaveLength(0);
	});
});

describe('errors and redaction', () => {
	test('a wrong key: 401 with the vendor message and a hint, not retried, nothing leaks', async () => {
		const { error } = await stamped({ resource: 'customer', operation: 'get', email: 'jane@example.com' }, { privateKey: 'wrong-v3-key-5521' });
		expect(error?.message).toBe('Unauthorized: invalid stamped-api-key');
		expect(error?.httpCode).toBe('401');
		expect(error?.description).toContain('stamped-api-key header');
		expect(api.requests()).toHaveLength(1);
		expectNoSecrets(visibleText([], error), secretForms('wrong-v3-key-5521'));
	});

	test.each([
		['customer', 'getAll', { returnAll: true }, '/customers'],
		['points', 'update', { email: 'jane@example.com', action: 'add', points: 1 }, '/adjust-points'],
		['tier', 'set', { email: 'jane@example.com', tierName: 'Gold' }, '/adjust-vip-tier'],
		['reward', 'redeem', { email: 'jane@example.com', rewardId: 'rwd-5off' }, '/redeem-reward'],
		['loyaltyTransaction', 'getAll', { returnAll: true }, '/activities'],
	])('a vendor message on %s %s that echoes the key is redacted', async (resource, operation, parameters, path) => {
		jane().points = 2000;
		const encoded = encodeURIComponent(`${STAMPED_V3_PRIVATE_KEY}/`);
		api.inject({
			vendor: 'stampedV3',
			kind: 403,
			times: 1,
			path,
			body: { message: `key ${STAMPED_V3_PRIVATE_KEY} (${encoded}, secret ${WEBHOOK_SECRET}) refused`, echo: STAMPED_V3_PRIVATE_KEY },
		});
		const { error } = await stamped({ resource, operation, ...parameters });
		expect(error?.message).toBe(`key [redacted] ([redacted]${encodeURIComponent('/')}, secret [redacted]) refused`);
		expect(error?.description).toContain('Check the API Private Key');
	});

	test('Continue On Fail: each failing item carries its error, the others go through', async () => {
		const { items, error } = await stamped(
			{ resource: 'points', operation: 'update', email: '={{ $json.email }}', action: 'add', points: 10 },
			{ input: [{ email: 'nobody@example.com' }, { email: 'bad' }, { email: 'jane@example.com' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ error: 'Customer not found', httpCode: '404' });
		expect(items[1].json).toMatchObject({ error: 'Invalid "Email" in item 1: "bad" is not a valid e-mail address' });
		expect(items[2].json).toMatchObject({ email: 'jane@example.com', pointsAfter: 160 });
		expect(jane().points).toBe(160);
	});

	test('an unknown shop is a 404 that points at the store hash', async () => {
		const { error } = await stamped({ resource: 'customer', operation: 'getAll', returnAll: true }, { credentials: { storeHash: 'other-shop' } });
		expect(error?.message).toBe('Shop not found');
		expect(error?.description).toContain('Store Hash');
		expect(api.requests()[0].path).toBe('/merchant/shops/other-shop/customers');
	});

	test('an unreachable base URL fails with the network reason', async () => {
		const { error } = await stamped({ resource: 'customer', operation: 'get', email: 'jane@example.com' }, { credentials: { baseUrl: 'http://127.0.0.1:9/api/v3' } });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.description).toContain(`GET ${merchant('/customers/lookup')} failed after`);
		expect(error?.description).toContain('Check the Base URL in the credential');
	});
});
