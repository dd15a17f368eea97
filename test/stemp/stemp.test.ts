import type { IDataObject } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import { STEMP_READ_ONLY_TOKEN, STEMP_TOKEN } from '../fake-api/stemp';
import { runNode } from '../harness/engine';
import { retryPolicy, useFastRetries } from '../harness/fast-retries';
import { expectNoSecrets, secretForms, visibleText } from '../harness/secrets';

const SIGNING_SECRET = 'whsec-stemp-signing-9d2b61';
const SECRETS = secretForms(STEMP_TOKEN, SIGNING_SECRET);

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi().start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

function credentials(token = STEMP_TOKEN) {
	return { stempApi: { apiToken: token, baseUrl: api.stempUrl, webhookSigningSecret: SIGNING_SECRET } };
}

async function stemp(parameters: IDataObject, options: { input?: IDataObject[]; continueOnFail?: boolean; token?: string } = {}) {
	const result = await runNode({
		type: 'stemp',
		parameters: { resource: 'stamp', ...parameters } as never,
		credentials: credentials(options.token),
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
	expectNoSecrets(visibleText(result.items, result.error), SECRETS);
	return result;
}

describe('happy paths', () => {
	test('get returns the stamp state of the pass', async () => {
		const { items, error } = await stemp({ operation: 'get', walletPassId: 'wp_abc456' });
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: expect.objectContaining({ walletPassId: 'wp_abc456', currentStamps: 5, maxStampsSnapshot: 10 }),
				pairedItem: { item: 0 },
			},
		]);
		expect(api.requests()).toMatchObject([{ method: 'GET', path: '/walletpasses/wp_abc456/stamps' }]);
		expect(api.requests()[0].headers.authorization).toBe(`Bearer ${STEMP_TOKEN}`);
	});

	test('add sends the note and returns the new state', async () => {
		const { items } = await stemp({ operation: 'add', walletPassId: 'wp_abc456', note: 'Purchase at Main St.' });
		expect(items[0].json).toMatchObject({ currentStamps: 6, totalStampsCollected: 6 });
		expect(api.requests()).toMatchObject([
			{ method: 'POST', path: '/walletpasses/wp_abc456/stamps/add', body: { note: 'Purchase at Main St.' } },
		]);
		expect(api.stemp.history.get('wp_abc456')![0]).toMatchObject({ actionType: 'ADD', note: 'Purchase at Main St.' });
	});

	test('many items: one request each, all with the token, the credential read once', async () => {
		const input = Array.from({ length: 5 }, () => ({}));
		const { items, credentialReads } = await stemp({ operation: 'add', walletPassId: 'wp_abc456' }, { input });
		expect(items).toHaveLength(5);
		expect(api.requests().map((request) => request.headers.authorization)).toEqual(Array(5).fill(`Bearer ${STEMP_TOKEN}`));
		expect(credentialReads).toBe(1);
	});

	test('add without a note sends no body', async () => {
		await stemp({ operation: 'add', walletPassId: 'wp_abc456' });
		expect(api.requests()[0].body).toBeUndefined();
	});

	test('adding the last stamp completes the card, which starts over', async () => {
		api.stemp.addPass({ walletPassId: 'wp_full', currentStamps: 9 });
		const { items } = await stemp({ operation: 'add', walletPassId: 'wp_full' });
		expect(items[0].json).toMatchObject({ currentStamps: 0, timesCompleted: 1 });
		expect(api.stemp.events.map((event) => event.type)).toEqual(['stamp.reward_triggered', 'stamp.card_completed']);
	});

	test('remove takes one stamp off', async () => {
		const { items } = await stemp({ operation: 'remove', walletPassId: 'wp_abc456' });
		expect(items[0].json).toMatchObject({ currentStamps: 4 });
		expect(api.requests()).toMatchObject([{ method: 'POST', path: '/walletpasses/wp_abc456/stamps/remove' }]);
	});

	test('set sends the exact count', async () => {
		const { items } = await stemp({ operation: 'set', walletPassId: 'wp_abc456', stamps: 7 });
		expect(items[0].json).toMatchObject({ currentStamps: 7 });
		expect(api.requests()).toMatchObject([{ method: 'POST', path: '/walletpasses/wp_abc456/stamps/set', body: { stamps: 7 } }]);
	});

	test('set accepts a whole number that arrives as text from an expression', async () => {
		const { items } = await stemp(
			{ operation: 'set', walletPassId: '={{ $json.pass }}', stamps: '={{ $json.count }}' },
			{ input: [{ pass: 'wp_abc456', count: '3' }] },
		);
		expect(items[0].json).toMatchObject({ currentStamps: 3 });
		expect(api.requests()[0].body).toEqual({ stamps: 3 });
	});

	test('reset sets the card to zero', async () => {
		const { items } = await stemp({ operation: 'reset', walletPassId: 'wp_abc456' });
		expect(items[0].json).toMatchObject({ currentStamps: 0 });
		expect(api.requests()).toMatchObject([{ method: 'POST', path: '/walletpasses/wp_abc456/stamps/reset' }]);
	});

	test('each input item is its own request, and each output item is paired with its input', async () => {
		api.stemp.addPass({ walletPassId: 'wp_two', currentStamps: 1 });
		const { items } = await stemp(
			{ operation: 'add', walletPassId: '={{ $json.pass }}' },
			{ input: [{ pass: 'wp_abc456' }, { pass: 'wp_two' }] },
		);
		expect(items.map((item) => [item.json.walletPassId, item.json.currentStamps, item.pairedItem])).toEqual([
			['wp_abc456', 6, { item: 0 }],
			['wp_two', 2, { item: 1 }],
		]);
	});

	test('a pass ID with reserved characters is URL-encoded in the path', async () => {
		api.stemp.addPass({ walletPassId: 'wp/with space' });
		await stemp({ operation: 'get', walletPassId: 'wp/with space' });
		expect(api.requests()[0].rawPath).toBe('/walletpasses/wp%2Fwith%20space/stamps');
	});
});

describe('history', () => {
	test('Return All walks every page, one item per entry, newest first', async () => {
		api.stemp.seedHistory('wp_abc456', 250);
		const { items } = await stemp({ operation: 'getHistory', walletPassId: 'wp_abc456', returnAll: true });
		expect(items).toHaveLength(250);
		expect(items[0].json.note).toBe('seed 249');
		expect(items[249].json.note).toBe('seed 0');
		expect(new Set(items.map((item) => item.json.id)).size).toBe(250);
		expect(items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(api.requests().map((request) => request.query)).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
			{ page: '2', size: '100' },
		]);
	});

	test('Limit fetches only the pages it needs', async () => {
		api.stemp.seedHistory('wp_abc456', 250);
		const { items } = await stemp({ operation: 'getHistory', walletPassId: 'wp_abc456', returnAll: false, limit: 30 });
		expect(items).toHaveLength(30);
		expect(api.requests().map((request) => request.query)).toEqual([{ page: '0', size: '30' }]);
	});

	test('Limit above one page keeps the page size, so pages keep their offsets', async () => {
		api.stemp.seedHistory('wp_abc456', 250);
		const { items } = await stemp({ operation: 'getHistory', walletPassId: 'wp_abc456', returnAll: false, limit: 150 });
		expect(items).toHaveLength(150);
		expect(items[149].json.note).toBe('seed 100');
		expect(api.requests().map((request) => request.query)).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
		]);
	});

	test('an empty history gives no items and one request', async () => {
		const { items, error } = await stemp({ operation: 'getHistory', walletPassId: 'wp_abc456', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(api.requests()).toHaveLength(1);
	});

	test.each(['array', 'data', 'items', 'spring'] as const)('reads the %s envelope', async (envelope) => {
		api.stemp.historyEnvelope = envelope;
		api.stemp.seedHistory('wp_abc456', 120);
		const { items } = await stemp({ operation: 'getHistory', walletPassId: 'wp_abc456', returnAll: true });
		expect(items).toHaveLength(120);
		expect(items[0].json).toMatchObject({ walletPassId: 'wp_abc456', actionType: 'ADD', stampsDelta: 1 });
	});

	test('a server that ignores the page number does not make it loop, and fails rather than end short', async () => {
		api.stemp.historyEnvelope = 'array';
		api.stemp.seedHistory('wp_abc456', 100);
		api.stemp.seedHistory('wp_abc456', 0);
		const original = api.stemp.handle.bind(api.stemp);
		api.stemp.handle = (request) => original({ ...request, query: { ...request.query, page: '0' } });
		const { items, error } = await stemp({ operation: 'getHistory', walletPassId: 'wp_abc456', returnAll: true });
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/got 100 records; page 1 repeated records already read/);
		expect(api.requests()).toHaveLength(2);
	});
});

describe('validation happens before anything is sent', () => {
	test.each([
		[{ operation: 'get', walletPassId: '={{ $json.missing }}' }, 'Invalid "Wallet Pass ID" in item 0: it is empty'],
		[{ operation: 'add', walletPassId: '   ' }, 'Invalid "Wallet Pass ID" in item 0: it is empty'],
		[{ operation: 'add', walletPassId: 'wp_abc456', note: 'x'.repeat(513) }, 'Invalid "Note" in item 0: it is 513 characters long; at most 512 are allowed'],
		[{ operation: 'set', walletPassId: 'wp_abc456', stamps: 11 }, 'Invalid "Stamps" in item 0: 11 is out of range (0 to 10)'],
		[{ operation: 'set', walletPassId: 'wp_abc456', stamps: -1 }, 'Invalid "Stamps" in item 0: -1 is out of range (0 to 10)'],
		[{ operation: 'set', walletPassId: 'wp_abc456', stamps: 2.5 }, 'Invalid "Stamps" in item 0: "2.5" is not a whole number'],
		[{ operation: 'set', walletPassId: 'wp_abc456', stamps: '={{ "five" }}' }, 'Invalid "Stamps" in item 0: "five" is not a whole number'],
		[{ operation: 'getHistory', walletPassId: 'wp_abc456', returnAll: false, limit: 0 }, 'Invalid "Limit" in item 0: 0 is out of range (at least 1)'],
	])('%j', async (parameters, message) => {
		const { error, items } = await stemp(parameters);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(items).toEqual([]);
		expect(api.requests()).toHaveLength(0);
	});

	test('n8n itself refuses to start when a required parameter is left empty', async () => {
		const { error } = await stemp({ operation: 'get', walletPassId: '' });
		expect(error?.message).toContain('Parameter "Wallet Pass ID" is required');
		expect(api.requests()).toHaveLength(0);
	});

	test('a note of exactly 512 characters is sent', async () => {
		await stemp({ operation: 'add', walletPassId: 'wp_abc456', note: 'x'.repeat(512) });
		expect(api.requests()).toHaveLength(1);
	});

	test('one bad item among good ones stops the run before the first request', async () => {
		const { error } = await stemp(
			{ operation: 'set', walletPassId: 'wp_abc456', stamps: '={{ $json.count }}' },
			{ input: [{ count: 1 }, { count: 2 }, { count: 12 }] },
		);
		expect(error?.message).toBe('Invalid "Stamps" in item 2: 12 is out of range (0 to 10)');
		expect(error?.context?.itemIndex).toBe(2);
		expect(api.requests()).toHaveLength(0);
	});

	test('with Continue On Fail the bad item carries its error and the good ones are sent', async () => {
		const { items, error } = await stemp(
			{ operation: 'set', walletPassId: 'wp_abc456', stamps: '={{ $json.count }}' },
			{ input: [{ count: 1 }, { count: 12 }, { count: 3 }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ currentStamps: 1 });
		expect(items[1].json.error).toBe('Invalid "Stamps" in item 1: 12 is out of range (0 to 10)');
		expect(items[2].json).toMatchObject({ currentStamps: 3 });
		expect(api.requests().map((request) => request.body)).toEqual([{ stamps: 1 }, { stamps: 3 }]);
	});
});

describe('API errors', () => {
	test('401 becomes a NodeApiError with the vendor message and no retry', async () => {
		const { error } = await stemp({ operation: 'get', walletPassId: 'wp_abc456' }, { token: 'wrong-token-123456' });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('Invalid or expired API token (UNAUTHORIZED)');
		expect(error?.httpCode).toBe('401');
		expect(error?.description).toContain('Check the API Token');
		expect(error?.context?.itemIndex).toBe(0);
		expect(api.requests()).toHaveLength(1);
		expectNoSecrets(visibleText([], error), secretForms('wrong-token-123456'));
	});

	test('404 names the missing pass (the {code, params} shape)', async () => {
		const { error } = await stemp({ operation: 'add', walletPassId: 'wp_missing' });
		expect(error?.message).toBe('Wallet pass not found (walletPassId: wp_missing)');
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toContain('Check the Wallet Pass ID');
	});

	test('403 for a token without the write scope', async () => {
		const { error } = await stemp({ operation: 'reset', walletPassId: 'wp_abc456' }, { token: STEMP_READ_ONLY_TOKEN });
		expect(error?.message).toBe('Insufficient scope (required: loyalty:manage)');
		expect(error?.description).toContain('loyalty:manage');
		expect(api.requests()).toHaveLength(1);
	});

	test('a validation error from stemp (the STANDARD_VALIDATION shape) is quoted', async () => {
		api.stemp.addPass({ walletPassId: 'wp_small', maxStampsSnapshot: 6 });
		const { error } = await stemp({ operation: 'set', walletPassId: 'wp_small', stamps: 8 });
		expect(error?.message).toBe('Validation failed: stamps: must be an integer between 0 and 6');
		expect(error?.httpCode).toBe('400');
	});

	test('the CUSTOM_VALIDATION shape is quoted', async () => {
		api.stemp.addPass({ walletPassId: 'wp_empty', currentStamps: 0 });
		const { error } = await stemp({ operation: 'remove', walletPassId: 'wp_empty' });
		expect(error?.message).toBe('Validation failed: stamps: The card has no stamp to remove');
	});

	test('Continue On Fail puts the API error on the item and goes on', async () => {
		const { items, error } = await stemp(
			{ operation: 'get', walletPassId: '={{ $json.pass }}' },
			{ input: [{ pass: 'wp_missing' }, { pass: 'wp_abc456' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items[0]).toEqual({
			json: {
				error: 'Wallet pass not found (walletPassId: wp_missing)',
				errorDescription: expect.stringContaining('stemp answered HTTP 404 to GET /walletpasses/wp_missing/stamps'),
				httpCode: '404',
			},
			pairedItem: { item: 0 },
		});
		expect(items[1]).toMatchObject({ json: { currentStamps: 5 }, pairedItem: { item: 1 } });
	});

	test('a vendor message that echoes the token is redacted everywhere', async () => {
		api.inject({
			vendor: 'stemp',
			kind: 401,
			times: 1,
			body: { error: { code: 'UNAUTHORIZED', message: `Token ${STEMP_TOKEN} (${Buffer.from(STEMP_TOKEN).toString('base64')}) is revoked` } },
		});
		const { error } = await stemp({ operation: 'get', walletPassId: 'wp_abc456' });
		expect(error?.message).toBe('Token [redacted] ([redacted]) is revoked (UNAUTHORIZED)');
	});

	test('a body that is not JSON is quoted as text', async () => {
		api.inject({ vendor: 'stemp', kind: 502, times: 10, body: '<html>Bad gateway</html>' });
		const { error } = await stemp({ operation: 'add', walletPassId: 'wp_abc456' });
		expect(error?.message).toContain('Bad gateway');
		expect(error?.httpCode).toBe('502');
	});
});

describe('retries', () => {
	test('429 is retried, honouring Retry-After, then succeeds, also for a write', async () => {
		api.inject({ vendor: 'stemp', kind: 429, times: 1, retryAfterSeconds: 1 });
		const { items, error } = await stemp({ operation: 'add', walletPassId: 'wp_abc456' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ currentStamps: 6 });
		const [limited, retried] = api.requests();
		expect([limited.status, retried.status]).toEqual([429, 200]);
		expect(retried.receivedAt - limited.receivedAt).toBeGreaterThanOrEqual(1000);
		expect(api.stemp.history.get('wp_abc456')).toHaveLength(1);
	});

	test('429 bursts longer than the attempts allow end in an error that says so', async () => {
		api.inject({ vendor: 'stemp', kind: 429, times: 50, retryAfterSeconds: 0 });
		const { error } = await stemp({ operation: 'get', walletPassId: 'wp_abc456' });
		expect(error?.httpCode).toBe('429');
		expect(error?.description).toContain(`after ${retryPolicy.maxRateLimitedAttempts} attempts`);
		expect(error?.description).toContain('Rate limit: 60 requests per window');
		expect(api.requests()).toHaveLength(retryPolicy.maxRateLimitedAttempts);
	});

	test('a Retry-After beyond the retry budget stops at once instead of waiting', async () => {
		api.inject({ vendor: 'stemp', kind: 429, times: 1, retryAfterSeconds: 3600 });
		const { error } = await stemp({ operation: 'get', walletPassId: 'wp_abc456' });
		expect(error?.description).toContain('would exceed the');
		expect(api.requests()).toHaveLength(1);
	});

	test('5xx is retried for set, which is idempotent', async () => {
		api.inject({ vendor: 'stemp', kind: 503, times: 2, phase: 'after', path: '/set' });
		const { items, error } = await stemp({ operation: 'set', walletPassId: 'wp_abc456', stamps: 4 });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ currentStamps: 4 });
		expect(api.requests().map((request) => request.status)).toEqual([503, 503, 200]);
	});

	test.each(['reset', 'get'])('5xx is retried for %s', async (operation) => {
		api.inject({ vendor: 'stemp', kind: 500, times: 1 });
		const { error } = await stemp({ operation, walletPassId: 'wp_abc456' });
		expect(error).toBeUndefined();
		expect(api.requests().map((request) => request.status)).toEqual([500, 200]);
	});

	test('5xx after the stamp was applied is not retried for add: the stamp is never added twice', async () => {
		api.inject({ vendor: 'stemp', kind: 502, times: 1, phase: 'after', path: '/add' });
		const { error } = await stemp({ operation: 'add', walletPassId: 'wp_abc456' });
		expect(error?.httpCode).toBe('502');
		expect(error?.description).toContain('Not retried');
		expect(api.requests()).toHaveLength(1);
		expect(api.stemp.passes.get('wp_abc456')!.currentStamps).toBe(6);
	});

	test('5xx is not retried for remove', async () => {
		api.inject({ vendor: 'stemp', kind: 500, times: 1, phase: 'after', path: '/remove' });
		const { error } = await stemp({ operation: 'remove', walletPassId: 'wp_abc456' });
		expect(error?.httpCode).toBe('500');
		expect(api.requests()).toHaveLength(1);
	});

	test('a dropped connection is retried for set but not for add', async () => {
		api.inject({ vendor: 'stemp', kind: 'drop', times: 1, phase: 'after', path: '/set' });
		const set = await stemp({ operation: 'set', walletPassId: 'wp_abc456', stamps: 2 });
		expect(set.error).toBeUndefined();
		expect(api.requests()).toHaveLength(2);

		api.reset();
		api.inject({ vendor: 'stemp', kind: 'drop', times: 1, phase: 'after', path: '/add' });
		const add = await stemp({ operation: 'add', walletPassId: 'wp_abc456' });
		expect(add.error?.name).toBe('NodeApiError');
		expect(add.error?.message).toMatch(/connection to the server was closed unexpectedly/);
		expect(add.error?.description).toContain('Not retried');
		expect(api.requests()).toHaveLength(1);
		expect(api.stemp.passes.get('wp_abc456')!.currentStamps).toBe(6);
	});

	test('an unreachable base URL fails clearly and leaks nothing', async () => {
		const { error } = await runNode({
			type: 'stemp',
			parameters: { resource: 'stamp', operation: 'get', walletPassId: 'wp_abc456' },
			credentials: { stempApi: { apiToken: STEMP_TOKEN, baseUrl: 'http://127.0.0.1:9/api/v1' } },
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('The service refused the connection - perhaps it is offline');
		expect(error?.description).toContain('Check the Base URL');
		expectNoSecrets(visibleText([], error), SECRETS);
	});
});

describe('many items', () => {
	const passes = Array.from({ length: 12 }, (_, i) => `wp_bulk_${i}`);
	beforeEach(() => {
		for (const walletPassId of passes) api.stemp.addPass({ walletPassId, currentStamps: 1 });
		api.latencyMs = 15;
	});

	test('items on different passes are sent four at a time; the output keeps the input order', async () => {
		const { items, error } = await stemp(
			{ operation: 'add', walletPassId: '={{ $json.pass }}' },
			{ input: passes.map((pass) => ({ pass })) },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.walletPassId, item.pairedItem])).toEqual(passes.map((pass, i) => [pass, { item: i }]));
		expect(api.maxInFlight).toBe(4);
		expect(api.requests()).toHaveLength(12);
	});

	test('items on the same pass wait for each other, in input order', async () => {
		const { items } = await stemp(
			{ operation: 'set', walletPassId: '={{ $json.pass }}', stamps: '={{ $json.stamps }}' },
			{ input: [{ pass: 'wp_bulk_0', stamps: 7 }, { pass: 'wp_bulk_1', stamps: 2 }, { pass: 'wp_bulk_0', stamps: 3 }, { pass: 'wp_bulk_0', stamps: 5 }] },
		);
		expect(items.map((item) => item.json.currentStamps)).toEqual([7, 2, 3, 5]);
		expect(api.stemp.passes.get('wp_bulk_0')!.currentStamps).toBe(5);
		const onFirstPass = api.requests({ path: 'wp_bulk_0' });
		expect(onFirstPass.map((request) => request.body)).toEqual([{ stamps: 7 }, { stamps: 3 }, { stamps: 5 }]);
		// Each waited for the one before: none overlapped.
		for (let i = 1; i < onFirstPass.length; i++) expect(onFirstPass[i].receivedAt).toBeGreaterThanOrEqual(onFirstPass[i - 1].receivedAt + 15);
	});

	test('a failure starts no further item and fails the run with the earliest failing item', async () => {
		const input = passes.map((pass) => ({ pass }));
		input[2] = { pass: 'wp_missing' };
		const { error } = await stemp({ operation: 'add', walletPassId: '={{ $json.pass }}' }, { input });
		expect(error?.message).toBe('Wallet pass not found (walletPassId: wp_missing)');
		expect(error?.context?.itemIndex).toBe(2);
		// At most the items already on their way when item 2 failed were sent, never the whole list.
		expect(api.requests().length).toBeLessThan(8);
		// Those after item 2 that went through are named, so that a re-run can leave them out.
		const doneLater = input
			.map(({ pass }, itemIndex) => (itemIndex > 2 && api.stemp.passes.get(pass)!.currentStamps > 1 ? itemIndex : -1))
			.filter((itemIndex) => itemIndex >= 0);
		expect(doneLater.length).toBeGreaterThan(0);
		expect(error?.description).toContain(`${doneLater.join(', ')}, sent at the same time, succeeded before the run stopped`);
	});

	test('with Continue On Fail every item runs and the failure sits on its own item', async () => {
		const input = passes.map((pass) => ({ pass }));
		input[2] = { pass: 'wp_missing' };
		const { items } = await stemp({ operation: 'add', walletPassId: '={{ $json.pass }}' }, { input, continueOnFail: true });
		expect(items).toHaveLength(12);
		expect(items[2].json.error).toBe('Wallet pass not found (walletPassId: wp_missing)');
		expect(items.filter((item) => item.json.error === undefined)).toHaveLength(11);
		expect(items.map((item) => item.pairedItem)).toEqual(passes.map((_, i) => ({ item: i })));
	});
});
