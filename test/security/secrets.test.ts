/**
 * Class 3, secrets: redacted before any cut, in 2xx output items as well as errors, and never carried to
 * another origin by a redirect.
 */
import { FakeApi } from '../fake-api/server';
import { STAMPED_PRIVATE_KEY, STAMPED_PUBLIC_KEY } from '../fake-api/stamped-v2';
import { STAMPED_V3_PRIVATE_KEY } from '../fake-api/stamped-v3';
import { STEMP_TOKEN } from '../fake-api/stemp';
import { testCredential } from '../harness/credential-test';
import { useFastRetries } from '../harness/fast-retries';
import { expectNoSecrets, visibleText } from '../harness/secrets';
import { stampedV2, stampedV3, stemp } from './support';

let api: FakeApi;
/** Another origin (another port), standing in for a host the user never entered. */
let elsewhere: FakeApi;
beforeAll(async () => {
	api = await new FakeApi({
		stamped: { customers: [{ email: 'jane@example.com', points: 100 }] },
		stampedV3: { customers: [{ email: 'jane@example.com', points: 150 }] },
	}).start();
	elsewhere = await new FakeApi().start();
});
afterAll(async () => {
	await api.stop();
	await elsewhere.stop();
});
beforeEach(() => {
	api.reset();
	elsewhere.reset();
});
useFastRetries();

const BASIC = Buffer.from(`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`).toString('base64');

describe('redacted before anything is cut', () => {
	/** Vendor messages in plain text are quoted up to 300 characters: the value ends one character past the cut. */
	const padFor = (prefix: string, value: string) => 300 - prefix.length - value.length + 1;

	test('stemp: a token echoed just past the cut shows none of it', async () => {
		api.hostile = { echoCredentialsInErrors: padFor('Bearer ', STEMP_TOKEN) };
		api.stemp.passes.clear(); // every request now answers 404
		const { error } = await stemp(api, { operation: 'get', walletPassId: 'wp_gone' });
		expect(error?.message).toMatch(/^x+Bearer \[redacted\]$/);
		expect(visibleText([], error)).not.toContain(STEMP_TOKEN.slice(0, 8));
	});

	test('Stamped v2: the Base64 of public:private just past the cut shows none of it', async () => {
		api.hostile = { echoCredentialsInErrors: padFor('Basic ', BASIC) };
		const { error } = await stampedV2(api, {
			resource: 'customer',
			operation: 'get',
			email: 'nobody@example.com',
		});
		expect(error?.message).toMatch(/^x+Basic \[redacted\]$/);
		const text = visibleText([], error);
		expect(text).not.toContain(BASIC.slice(0, 12));
		// The prefix alone would decode to the private key.
		expect(text).not.toContain(Buffer.from(BASIC.slice(0, -4), 'base64').toString());
	});

	test('Stamped v3: the private key echoed just past the cut shows none of it', async () => {
		api.hostile = { echoCredentialsInErrors: padFor('', STAMPED_V3_PRIVATE_KEY) };
		const { error } = await stampedV3(api, {
			resource: 'customer',
			operation: 'get',
			email: 'nobody@example.com',
		});
		expect(visibleText([], error)).not.toContain(STAMPED_V3_PRIVATE_KEY.slice(0, 8));
	});

	test('with Continue On Fail the error item is redacted the same way', async () => {
		api.hostile = { echoCredentialsInErrors: padFor('Bearer ', STEMP_TOKEN) };
		api.stemp.passes.clear();
		const { items } = await stemp(
			api,
			{ operation: 'get', walletPassId: 'wp_gone' },
			{ continueOnFail: true },
		);
		expect(items[0].json.error).toMatch(/Bearer \[redacted\]$/);
	});
});

describe('a 2xx answer that echoes a credential', () => {
	beforeEach(() => {
		api.hostile = { echoCredentials: true };
	});

	test('stemp: the output item carries [redacted] instead of the token', async () => {
		const { items } = await stemp(api, { operation: 'get', walletPassId: 'wp_abc456' });
		expect(items[0].json).toMatchObject({
			walletPassId: 'wp_abc456',
			echo: { authorization: 'Bearer [redacted]' },
		});
	});

	test('Stamped v2: the Basic header is redacted in the output item', async () => {
		const { items } = await stampedV2(api, {
			resource: 'customer',
			operation: 'get',
			email: 'jane@example.com',
		});
		expect(items[0].json).toMatchObject({
			email: 'jane@example.com',
			echo: { authorization: 'Basic [redacted]' },
		});
	});

	test('Stamped v3: the stamped-api-key value is redacted in the output item', async () => {
		const { items } = await stampedV3(api, {
			resource: 'customer',
			operation: 'lookup',
			lookupBy: 'email',
			lookupValue: 'jane@example.com',
		});
		expect(items[0].json).toMatchObject({
			email: 'jane@example.com',
			echo: { 'stamped-api-key': '[redacted]' },
		});
	});

	test('a write that echoes a credential is redacted too, and applied once', async () => {
		const { items } = await stemp(api, { operation: 'add', walletPassId: 'wp_abc456' });
		expect(items[0].json).toMatchObject({
			currentStamps: 6,
			echo: { authorization: 'Bearer [redacted]' },
		});
		expect(api.requests()).toHaveLength(1);
	});
});

describe('redirects never carry credentials to another origin', () => {
	const elsewhereCalls = () => elsewhere.requests().length;

	test.each([301, 302, 303, 307, 308])(
		'stemp: a %i to another origin is refused, naming it, and the other host gets nothing',
		async (status) => {
			api.inject({
				vendor: 'stemp',
				kind: status,
				redirectTo: `${elsewhere.stempUrl}/walletpasses/wp_abc456/stamps`,
				times: 1,
			});
			const { error } = await stemp(api, { operation: 'get', walletPassId: 'wp_abc456' });
			expect(error?.message).toBe(
				`stemp redirected GET /walletpasses/wp_abc456/stamps to another origin (${elsewhere.url}); not followed, so no credentials were sent there`,
			);
			expect(elsewhereCalls()).toBe(0);
			expect(api.requests()).toHaveLength(1);
		},
	);

	test('Stamped v2: no Basic authentication leaves for another origin', async () => {
		api.inject({
			vendor: 'stamped',
			kind: 302,
			redirectTo: `${elsewhere.stampedUrl}/store-123/customers/jane%40example.com`,
			times: 1,
		});
		const { error } = await stampedV2(api, {
			resource: 'customer',
			operation: 'get',
			email: 'jane@example.com',
		});
		expect(error?.message).toMatch(/to another origin \(http:\/\/127\.0\.0\.1:\d+\); not followed/);
		expect(elsewhereCalls()).toBe(0);
	});

	test('Stamped v3: no stamped-api-key leaves for another origin, also on a write (307)', async () => {
		api.inject({
			vendor: 'stampedV3',
			method: 'POST',
			kind: 307,
			redirectTo: `${elsewhere.stampedV3Url}/anything`,
			times: 1,
		});
		const { error } = await stampedV3(api, {
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action: 'add',
			points: 5,
		});
		expect(error?.message).toMatch(/redirected POST .*adjust-points to another origin/);
		expect(elsewhereCalls()).toBe(0);
		expect(api.stampedV3.activities).toHaveLength(0);
	});

	test('the same scheme and host on another port is another origin too', async () => {
		const otherPort = elsewhere.url.split(':')[2];
		api.inject({
			vendor: 'stemp',
			kind: 302,
			redirectTo: `http://127.0.0.1:${otherPort}/stemp/api/v1/walletpasses/wp_abc456/stamps`,
			times: 1,
		});
		const { error } = await stemp(api, { operation: 'get', walletPassId: 'wp_abc456' });
		expect(error?.message).toMatch(/another origin/);
		expect(elsewhereCalls()).toBe(0);
	});

	test("a redirect within the Base URL's origin is followed, with the credentials applied again", async () => {
		api.stemp.addPass({ walletPassId: 'wp_moved', currentStamps: 2 });
		api.inject({
			vendor: 'stemp',
			path: '/wp_abc456',
			kind: 308,
			redirectTo: '/stemp/api/v1/walletpasses/wp_moved/stamps',
			times: 1,
		});
		const { items, error } = await stemp(api, { operation: 'get', walletPassId: 'wp_abc456' });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ walletPassId: 'wp_moved', currentStamps: 2 });
		expect(api.requests().map((request) => [request.path, request.headers.authorization])).toEqual([
			['/walletpasses/wp_abc456/stamps', `Bearer ${STEMP_TOKEN}`],
			['/walletpasses/wp_moved/stamps', `Bearer ${STEMP_TOKEN}`],
		]);
	});

	test('a 303 after a write is read with GET, so the write is never sent twice', async () => {
		api.inject({
			vendor: 'stemp',
			method: 'POST',
			kind: 303,
			redirectTo: '/stemp/api/v1/walletpasses/wp_abc456/stamps',
			times: 1,
		});
		const { error } = await stemp(api, {
			operation: 'add',
			walletPassId: 'wp_abc456',
			note: 'once',
		});
		expect(error).toBeUndefined();
		expect(api.requests().map((request) => [request.method, request.body])).toEqual([
			['POST', { note: 'once' }],
			['GET', undefined],
		]);
	});

	test('a redirect loop within the origin ends with an error', async () => {
		api.inject({
			vendor: 'stemp',
			kind: 302,
			redirectTo: '/stemp/api/v1/walletpasses/wp_abc456/stamps',
			times: 50,
		});
		const { error } = await stemp(api, { operation: 'get', walletPassId: 'wp_abc456' });
		expect(error?.message).toBe(
			'stemp redirected GET /walletpasses/wp_abc456/stamps more than 5 times',
		);
		expect(api.requests()).toHaveLength(6);
	});

	test.each([[304], [300]])(
		'a %i without anywhere to go is no answer: a write reports failure, not success',
		async (status) => {
			api.inject({ vendor: 'stemp', method: 'POST', kind: status, redirectTo: '', times: 1 });
			const { error } = await stemp(api, { operation: 'add', walletPassId: 'wp_abc456' });
			expect(error?.message).toBe(
				`stemp answered POST /walletpasses/wp_abc456/stamps/add with HTTP ${status} and nowhere to go: not an answer to the call`,
			);
		},
	);

	test('the credential test reports a redirect and does not follow it', async () => {
		api.inject({
			vendor: 'stemp',
			kind: 302,
			redirectTo: `${elsewhere.stempUrl}/walletpasses/x/stamps`,
			times: 1,
		});
		const result = await testCredential('stempApi', {
			apiToken: STEMP_TOKEN,
			baseUrl: api.stempUrl,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`a redirect to ${elsewhere.url}`);
		expect(elsewhereCalls()).toBe(0);
		expectNoSecrets(result.message, [STEMP_TOKEN]);
	});
});
