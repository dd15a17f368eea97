import type { ICredentialType, IHttpRequestOptions } from 'n8n-workflow';

import { FakeApi } from './fake-api/server';
import { STAMPED_PRIVATE_KEY, STAMPED_PUBLIC_KEY, STAMPED_STORE_HASH } from './fake-api/stamped-v2';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID } from './fake-api/stamped-v3';
import { STEMP_READ_ONLY_TOKEN, STEMP_TOKEN } from './fake-api/stemp';
import { expectContractViolations } from './harness/contract-guard';
import { testCredential } from './harness/credential-test';
import { loadPackage, withCredentialDefaults } from './harness/engine';
import { expectNoSecrets, secretForms } from './harness/secrets';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { baseUrlOf } =
	require('../dist/nodes/Stamped/transport/version') as typeof import('../nodes/Stamped/transport/version');

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi().start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());

const UNREACHABLE = 'http://127.0.0.1:9/api';

describe('stemp API credential', () => {
	test('a good token passes: the probe pass does not exist, and the 404 proves the token', async () => {
		const result = await testCredential('stempApi', {
			apiToken: STEMP_TOKEN,
			baseUrl: api.stempUrl,
		});
		expect(result).toEqual({
			status: 'OK',
			message: 'Connected to stemp: the API token was accepted',
		});
		expect(api.requests()).toMatchObject([
			{ method: 'GET', path: '/walletpasses/n8n-credential-test/stamps', status: 404 },
		]);
		expect(api.requests()[0].headers.authorization).toBe(`Bearer ${STEMP_TOKEN}`);
	});

	test('a read-only token passes too (reading is what the test does)', async () => {
		const result = await testCredential('stempApi', {
			apiToken: STEMP_READ_ONLY_TOKEN,
			baseUrl: api.stempUrl,
		});
		expect(result.status).toBe('OK');
	});

	test('a wrong token fails, quoting stemp', async () => {
		const result = await testCredential('stempApi', {
			apiToken: 'not-the-token-4711',
			baseUrl: api.stempUrl,
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				'stemp rejected the API token (HTTP 401): Invalid or expired API token (UNAUTHORIZED)',
		});
	});

	test('403 fails', async () => {
		api.inject({
			vendor: 'stemp',
			kind: 403,
			times: 1,
			body: { code: 'TOKEN_DISABLED', params: {} },
		});
		const result = await testCredential('stempApi', {
			apiToken: STEMP_TOKEN,
			baseUrl: api.stempUrl,
		});
		expect(result).toEqual({
			status: 'Error',
			message: 'stemp rejected the API token (HTTP 403): Token disabled ()',
		});
	});

	test('a server error fails with the status and the message', async () => {
		api.inject({ vendor: 'stemp', kind: 500, times: 1 });
		const result = await testCredential('stempApi', {
			apiToken: STEMP_TOKEN,
			baseUrl: api.stempUrl,
		});
		expect(result).toEqual({
			status: 'Error',
			message: 'stemp answered HTTP 500: Temporary failure, please retry (INTERNAL_ERROR)',
		});
	});

	test('an unreachable base URL fails', async () => {
		const result = await testCredential('stempApi', {
			apiToken: STEMP_TOKEN,
			baseUrl: UNREACHABLE,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'Could not reach stemp at 127.0.0.1:9 (ECONNREFUSED). Check the Base URL.',
		);
	});

	test('a vendor message that echoes the token is redacted', async () => {
		api.inject({
			vendor: 'stemp',
			kind: 401,
			times: 1,
			body: { error: { message: `bad token ${STEMP_TOKEN}` } },
		});
		const result = await testCredential('stempApi', {
			apiToken: STEMP_TOKEN,
			baseUrl: api.stempUrl,
		});
		expect(result.message).toBe('stemp rejected the API token (HTTP 401): bad token [redacted]');
		expectNoSecrets(result.message, secretForms(STEMP_TOKEN));
	});
});

describe('Stamped API credential', () => {
	const good = () => ({
		publicKey: STAMPED_PUBLIC_KEY,
		privateKey: STAMPED_PRIVATE_KEY,
		storeHash: STAMPED_STORE_HASH,
		baseUrl: api.stampedUrl,
	});

	test('good keys pass, with one small read of the dashboard review list (an endpoint integrations call)', async () => {
		const result = await testCredential('stampedApi', good());
		expect(result).toEqual({ status: 'OK', message: 'Connected to Stamped' });
		expect(api.requests()).toMatchObject([
			{
				method: 'GET',
				path: `/${STAMPED_STORE_HASH}/dashboard/reviews`,
				query: { page: '1', take: '1' },
				status: 200,
			},
		]);
		expect(api.requests()[0].headers.authorization).toBe(
			'Basic ' + Buffer.from(`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`).toString('base64'),
		);
	});

	test('wrong keys fail, quoting Stamped, and leak neither key', async () => {
		const result = await testCredential('stampedApi', {
			...good(),
			privateKey: 'wrong-private-key-99',
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				'Stamped rejected the API keys (HTTP 401): Unauthorized: the API key pair is not valid',
		});
		expectNoSecrets(result.message, secretForms(STAMPED_PUBLIC_KEY, 'wrong-private-key-99'));
	});

	test('an unknown store hash fails with its own message', async () => {
		const result = await testCredential('stampedApi', { ...good(), storeHash: 'no-such-store' });
		expect(result).toEqual({
			status: 'Error',
			message: 'Stamped does not know this Store Hash (HTTP 404): Store not found',
		});
	});

	test('an unreachable base URL fails', async () => {
		const result = await testCredential('stampedApi', { ...good(), baseUrl: UNREACHABLE });
		expect(result).toEqual({
			status: 'Error',
			message: 'Could not reach Stamped at 127.0.0.1:9 (ECONNREFUSED). Check the Base URL.',
		});
	});
});

describe('Stamped API credential, API v3', () => {
	const good = () => ({
		apiVersion: 'v3',
		privateKey: STAMPED_V3_PRIVATE_KEY,
		storeHash: STAMPED_V3_SHOP_ID,
		baseUrl: api.stampedV3Url,
	});

	test('a good private key passes, with one small read of the v3 customer list and no Basic header', async () => {
		const result = await testCredential('stampedApi', good());
		expect(result).toEqual({ status: 'OK', message: 'Connected to Stamped' });
		expect(api.requests()).toMatchObject([
			{
				vendor: 'stampedV3',
				method: 'GET',
				path: `/merchant/shops/${STAMPED_V3_SHOP_ID}/customers`,
				query: { page: '0', limit: '1' },
				status: 200,
			},
		]);
		expect(api.requests()[0].headers['stamped-api-key']).toBe(STAMPED_V3_PRIVATE_KEY);
		expect(api.requests()[0].headers.authorization).toBeUndefined();
	});

	test('a v2 public key left in the credential is not sent', async () => {
		await testCredential('stampedApi', { ...good(), publicKey: STAMPED_PUBLIC_KEY });
		expect(api.requests()[0].headers.authorization).toBeUndefined();
	});

	test('a wrong private key fails, quoting Stamped, and leaks no key', async () => {
		const result = await testCredential('stampedApi', {
			...good(),
			privateKey: 'wrong-v3-key-1234',
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				'Stamped rejected the API Private Key (HTTP 401): Unauthorized: invalid stamped-api-key',
		});
		expectNoSecrets(result.message, secretForms('wrong-v3-key-1234', STAMPED_V3_PRIVATE_KEY));
	});

	test('v2 keys against a v3 shop fail: the v3 API sees no stamped-api-key', async () => {
		const result = await testCredential('stampedApi', {
			...good(),
			apiVersion: 'v2',
			publicKey: STAMPED_PUBLIC_KEY,
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				"Stamped rejected the API keys (HTTP 401): Unauthorized: invalid stamped-api-key. The API at this Base URL asks for the stamped-api-key header, which is sent by Stamped API v3, but the selected credential is for Stamped API v2: set the credential's API Version to v3, or check the Base URL",
		});
		expect(api.requests()[0].headers['stamped-api-key']).toBeUndefined();
		expect(api.requests()[0].headers.authorization).toMatch(/^Basic /);
		// A v2 request (store hash first, Basic auth) at the v3 Base URL is outside the v3 reference, on purpose.
		expectContractViolations(api, [/GET \/shop-456\/dashboard\/reviews: no operation/]);
	});

	test('an unknown shop fails with the Store Hash message', async () => {
		const result = await testCredential('stampedApi', { ...good(), storeHash: 'no-such-shop' });
		expect(result).toEqual({
			status: 'Error',
			message: 'Stamped does not know this Store Hash (HTTP 404): Shop not found',
		});
	});

	test('a server error fails with the status and the message', async () => {
		api.inject({ vendor: 'stampedV3', kind: 500, times: 1 });
		const result = await testCredential('stampedApi', good());
		expect(result).toEqual({
			status: 'Error',
			message: 'Stamped answered HTTP 500: Internal Server Error',
		});
	});

	test('a vendor message that echoes the key is redacted', async () => {
		api.inject({
			vendor: 'stampedV3',
			kind: 401,
			times: 1,
			body: { message: `key ${STAMPED_V3_PRIVATE_KEY} is revoked` },
		});
		const result = await testCredential('stampedApi', good());
		expect(result.message).toBe(
			'Stamped rejected the API Private Key (HTTP 401): key [redacted] is revoked',
		);
	});

	test('an unreachable base URL fails', async () => {
		const result = await testCredential('stampedApi', { ...good(), baseUrl: UNREACHABLE });
		expect(result).toEqual({
			status: 'Error',
			message: 'Could not reach Stamped at 127.0.0.1:9 (ECONNREFUSED). Check the Base URL.',
		});
	});
});

describe('Stamped API credential: version, base URL and authentication', () => {
	let type: ICredentialType;
	beforeAll(async () => {
		type = (await loadPackage()).getCredential('stampedApi').type;
	});

	test('a credential saved before API versions existed is v2, with the v2 base URL', () => {
		const values = withCredentialDefaults(type, {
			publicKey: 'p',
			privateKey: 'k',
			storeHash: 's',
		});
		expect(values).toMatchObject({ apiVersion: 'v2', baseUrl: 'https://stamped.io/api/v2' });
	});

	test('a new v3 credential shows the v3 base URL and no public key', () => {
		const values = withCredentialDefaults(type, {
			apiVersion: 'v3',
			privateKey: 'k',
			storeHash: 's',
		});
		expect(values).toMatchObject({ apiVersion: 'v3', baseUrl: 'https://stamped.io/api/v3' });
		expect(values).not.toHaveProperty('publicKey');
	});

	test.each([
		[{ apiVersion: 'v3', baseUrl: 'https://stamped.io/api/v2' }, 'https://stamped.io/api/v3'],
		[{ apiVersion: 'v3', baseUrl: 'https://stamped.io/api/v2/' }, 'https://stamped.io/api/v3'],
		[{ apiVersion: 'v3', baseUrl: '' }, 'https://stamped.io/api/v3'],
		[{ apiVersion: 'v2', baseUrl: 'https://stamped.io/api/v3' }, 'https://stamped.io/api/v2'],
		[{ baseUrl: 'https://stamped.io/api/v2' }, 'https://stamped.io/api/v2'],
		[
			{ apiVersion: 'v3', baseUrl: 'https://proxy.example.com/stamped/' },
			'https://proxy.example.com/stamped',
		],
		[{ apiVersion: 'v2', baseUrl: 'https://proxy.example.com/v2' }, 'https://proxy.example.com/v2'],
	])(
		"credential %j calls %s (another version's default follows the version)",
		(credentials, url) => {
			expect(baseUrlOf(credentials)).toBe(url);
		},
	);

	const authenticate = (credentials: Record<string, string>) =>
		(type.authenticate as (c: object, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>)(
			credentials,
			{
				url: 'https://example.com',
				headers: { Accept: 'application/json' },
			},
		);

	test('v2 authenticates with HTTP Basic only', async () => {
		const options = await authenticate({ publicKey: 'pub-1', privateKey: 'priv-1' });
		expect(options.auth).toEqual({ username: 'pub-1', password: 'priv-1' });
		expect(options.headers).toEqual({ Accept: 'application/json' });
	});

	test('v3 authenticates with the stamped-api-key header only', async () => {
		const options = await authenticate({
			apiVersion: 'v3',
			publicKey: 'pub-1',
			privateKey: 'priv-1',
		});
		expect(options.auth).toBeUndefined();
		expect(options.headers).toEqual({ Accept: 'application/json', 'stamped-api-key': 'priv-1' });
	});
});
