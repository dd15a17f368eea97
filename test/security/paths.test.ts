/**
 * Class 1, identifiers in URL paths: every value that becomes a path segment is refused before any request when
 * it would change the endpoint ("." and ".."), is empty, holds a control character, or is not text or a number.
 */
import type { IDataObject } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import { testCredential } from '../harness/credential-test';
import { useFastRetries } from '../harness/fast-retries';
import { stampedV2, stampedV3, stemp } from './support';

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi({
		stampedV3: { customers: [{ email: 'jane@example.com', points: 150 }] },
	}).start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

/** Values an expression can hand over that must never become a path segment, by what they are. */
const HOSTILE_IDS: Array<[string, unknown]> = [
	['".."', '..'],
	['"."', '.'],
	['" .. " (dots after trimming)', ' .. '],
	['an empty text', ''],
	['only spaces', '   '],
	['a NUL character', 'wp_1\u0000'],
	['a line break', 'wp_1\nX-Injected: 1'],
	['a DEL character', 'wp\u007f1'],
	['NaN', Number.NaN],
	['Infinity', Number.POSITIVE_INFINITY],
	['an object', { id: 'wp_abc456' }],
	['a list', ['wp_abc456', 'wp_two']],
	['null', null],
	['a boolean', true],
];

/** A parameter set through an expression, so that the value arrives with its own type. */
const viaExpression = (value: unknown): { parameter: string; input: IDataObject[] } => ({
	parameter: '={{ $json.value }}',
	input: [{ value: value as IDataObject[string] }],
});

describe('stemp: the Wallet Pass ID', () => {
	for (const operation of ['get', 'add', 'remove', 'reset', 'getHistory']) {
		test.each(HOSTILE_IDS)(`${operation} refuses %s before any request`, async (_what, value) => {
			const { parameter, input } = viaExpression(value);
			const { error } = await stemp(
				api,
				{ operation, walletPassId: parameter, returnAll: true },
				{ input },
			);
			expect(error?.message).toMatch(/^Invalid "Wallet Pass ID" in item 0: /);
			expect(api.requests()).toHaveLength(0);
		});
	}

	test('a bad item among good ones stops the run before the first request', async () => {
		const input = [{ value: 'wp_abc456' }, { value: '..' }];
		const { error } = await stemp(
			api,
			{ operation: 'add', walletPassId: '={{ $json.value }}' },
			{ input },
		);
		expect(error?.message).toMatch(/^Invalid "Wallet Pass ID" in item 1: ".." is not an ID/);
		expect(api.requests()).toHaveLength(0);
	});

	test('an ID of dots and other characters is an ordinary ID, sent URL-encoded in one segment', async () => {
		api.stemp.addPass({ walletPassId: '..wp' });
		const { error } = await stemp(api, { operation: 'get', walletPassId: '..wp' });
		expect(error).toBeUndefined();
		expect(api.requests()).toMatchObject([{ rawPath: '/walletpasses/..wp/stamps' }]);
	});

	test('a number from an expression is an ID like its text', async () => {
		api.stemp.addPass({ walletPassId: '12345' });
		const { error } = await stemp(api, { operation: 'get', walletPassId: '={{ 12345 }}' });
		expect(error).toBeUndefined();
		expect(api.requests()).toMatchObject([{ path: '/walletpasses/12345/stamps' }]);
	});
});

describe('Stamped v3: Reward ID, Coupon Code, e-mail', () => {
	test.each(HOSTILE_IDS)('redeem refuses a Reward ID that is %s', async (_what, value) => {
		const { parameter, input } = viaExpression(value);
		const { error } = await stampedV3(
			api,
			{ resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: parameter },
			{ input },
		);
		expect(error?.message).toMatch(/^Invalid "Reward ID" in item 0: /);
		expect(api.requests()).toHaveLength(0);
	});

	test.each(HOSTILE_IDS)('void refuses a Coupon Code that is %s', async (_what, value) => {
		const { parameter, input } = viaExpression(value);
		const { error } = await stampedV3(
			api,
			{ resource: 'coupon', operation: 'void', email: 'jane@example.com', couponCode: parameter },
			{ input },
		);
		expect(error?.message).toMatch(/^Invalid "Coupon Code" in item 0: /);
		expect(api.requests()).toHaveLength(0);
	});

	test.each([
		['a NUL character', 'jane\u0000@example.com'],
		['a tab', 'jane\t@example.com'],
	])('an e-mail with %s is refused (v2 puts it into the path)', async (_what, email) => {
		const { error } = await stampedV2(api, { resource: 'customer', operation: 'get', email });
		expect(error?.message).toMatch(/^Invalid "Email" in item 0: /);
		expect(api.requests()).toHaveLength(0);
	});

	test('a customer ID from the API that would change the endpoint is never put into a path', async () => {
		api.stampedV3.insert({ email: 'dots@example.com', customerId: '..' });
		const { error } = await stampedV3(api, {
			resource: 'reward',
			operation: 'redeem',
			email: 'dots@example.com',
			rewardId: 'rwd-5off',
		});
		expect(error?.message).toMatch(/^Refused to call POST .*: it has a "\.\." segment/);
		// The lookup went out; the redemption did not.
		expect(api.requests().map((request) => request.method)).toEqual(['GET']);
	});
});

describe('the Store Hash of the credential', () => {
	test.each([
		['".."', '..'],
		['"."', '.'],
		['empty', '  '],
		['a NUL character', 'store\u0000'],
	])('v2 refuses a Store Hash that is %s before any request', async (_what, storeHash) => {
		const { error } = await stampedV2(
			api,
			{ resource: 'customer', operation: 'get', email: 'jane@example.com' },
			{ credentials: { storeHash } },
		);
		expect(error?.message).toMatch(/^Invalid "Store Hash" in the Stamped API credential: /);
		expect(api.requests()).toHaveLength(0);
	});

	test('v3 refuses a Store Hash of ".." before any request', async () => {
		const { error } = await stampedV3(
			api,
			{
				resource: 'customer',
				operation: 'lookup',
				lookupBy: 'email',
				lookupValue: 'jane@example.com',
			},
			{
				credentials: { storeHash: '..' },
			},
		);
		expect(error?.message).toMatch(/^Invalid "Store Hash" in the Stamped API credential: /);
		expect(api.requests()).toHaveLength(0);
	});

	test('the credential test says so too, and sends nothing', async () => {
		const result = await testCredential('stampedApi', {
			apiVersion: 'v2',
			publicKey: 'pub-key-1234',
			privateKey: 'priv-key-5678',
			storeHash: '..',
			baseUrl: api.stampedUrl,
		});
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^Invalid Store Hash: /),
		});
		expect(api.requests()).toHaveLength(0);
	});
});
