/** stemp API errors (the vendor's message, a hint, nothing secret) and which operations are retried after what. */
import { STEMP_READ_ONLY_TOKEN, STEMP_TOKEN } from '../../fake-api/stemp';
import { runNode } from '../../harness/engine';
import { retryPolicy } from '../../harness/fast-retries';
import { expectNoSecrets, secretForms, visibleText } from '../../harness/secrets';
import { SECRETS, api, stemp, useStempApi } from '../support';

useStempApi();

describe('API errors', () => {
	test('401 becomes a NodeApiError with the vendor message and no retry', async () => {
		const { error } = await stemp(
			{ operation: 'get', walletPassId: 'wp_abc456' },
			{ token: 'wrong-token-123456' },
		);
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
		const { error } = await stemp(
			{ operation: 'reset', walletPassId: 'wp_abc456' },
			{ token: STEMP_READ_ONLY_TOKEN },
		);
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
				errorDescription: expect.stringContaining(
					'stemp answered HTTP 404 to GET /walletpasses/wp_missing/stamps',
				),
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
			body: {
				error: {
					code: 'UNAUTHORIZED',
					message: `Token ${STEMP_TOKEN} (${Buffer.from(STEMP_TOKEN).toString('base64')}) is revoked`,
				},
			},
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
		const { items, error } = await stemp({
			operation: 'set',
			walletPassId: 'wp_abc456',
			stamps: 4,
		});
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
