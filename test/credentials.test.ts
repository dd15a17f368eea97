import { FakeApi } from './fake-api/server';
import { STAMPED_PRIVATE_KEY, STAMPED_PUBLIC_KEY, STAMPED_STORE_HASH } from './fake-api/stamped-v2';
import { STEMP_READ_ONLY_TOKEN, STEMP_TOKEN } from './fake-api/stemp';
import { testCredential } from './harness/credential-test';
import { expectNoSecrets, secretForms } from './harness/secrets';

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi().start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());

const UNREACHABLE = 'http://127.0.0.1:9/api';

describe('stemp API credential', () => {
	test('a good token passes: the probe pass does not exist, and the 404 proves the token', async () => {
		const result = await testCredential('stempApi', { apiToken: STEMP_TOKEN, baseUrl: api.stempUrl });
		expect(result).toEqual({ status: 'OK', message: 'Connected to stemp: the API token was accepted' });
		expect(api.requests()).toMatchObject([{ method: 'GET', path: '/walletpasses/n8n-credential-test/stamps', status: 404 }]);
		expect(api.requests()[0].headers.authorization).toBe(`Bearer ${STEMP_TOKEN}`);
	});

	test('a read-only token passes too (reading is what the test does)', async () => {
		const result = await testCredential('stempApi', { apiToken: STEMP_READ_ONLY_TOKEN, baseUrl: api.stempUrl });
		expect(result.status).toBe('OK');
	});

	test('a wrong token fails, quoting stemp', async () => {
		const result = await testCredential('stempApi', { apiToken: 'not-the-token-4711', baseUrl: api.stempUrl });
		expect(result).toEqual({
			status: 'Error',
			message: 'stemp rejected the API token (HTTP 401): Invalid or expired API token (UNAUTHORIZED)',
		});
	});

	test('403 fails', async () => {
		api.inject({ vendor: 'stemp', kind: 403, times: 1, body: { code: 'TOKEN_DISABLED', params: {} } });
		const result = await testCredential('stempApi', { apiToken: STEMP_TOKEN, baseUrl: api.stempUrl });
		expect(result).toEqual({ status: 'Error', message: 'stemp rejected the API token (HTTP 403): Token disabled ()' });
	});

	test('a server error fails with the status and the message', async () => {
		api.inject({ vendor: 'stemp', kind: 500, times: 1 });
		const result = await testCredential('stempApi', { apiToken: STEMP_TOKEN, baseUrl: api.stempUrl });
		expect(result).toEqual({
			status: 'Error',
			message: 'stemp answered HTTP 500: Temporary failure, please retry (INTERNAL_ERROR)',
		});
	});

	test('an unreachable base URL fails', async () => {
		const result = await testCredential('stempApi', { apiToken: STEMP_TOKEN, baseUrl: UNREACHABLE });
		expect(result.status).toBe('Error');
		expect(result.message).toBe('Could not reach stemp at 127.0.0.1:9 (ECONNREFUSED). Check the Base URL.');
	});

	test('a vendor message that echoes the token is redacted', async () => {
		api.inject({ vendor: 'stemp', kind: 401, times: 1, body: { error: { message: `bad token ${STEMP_TOKEN}` } } });
		const result = await testCredential('stempApi', { apiToken: STEMP_TOKEN, baseUrl: api.stempUrl });
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

	test('good keys pass, with one small read of the customer list', async () => {
		const result = await testCredential('stampedApi', good());
		expect(result).toEqual({ status: 'OK', message: 'Connected to Stamped' });
		expect(api.requests()).toMatchObject([
			{ method: 'GET', path: `/${STAMPED_STORE_HASH}/customers`, query: { page: '1', limit: '1' }, status: 200 },
		]);
		expect(api.requests()[0].headers.authorization).toBe(
			'Basic ' + Buffer.from(`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`).toString('base64'),
		);
	});

	test('wrong keys fail, quoting Stamped, and leak neither key', async () => {
		const result = await testCredential('stampedApi', { ...good(), privateKey: 'wrong-private-key-99' });
		expect(result).toEqual({
			status: 'Error',
			message: 'Stamped rejected the API keys (HTTP 401): Unauthorized: the API key pair is not valid',
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
