/**
 * The credential tests through n8n itself: a running n8n 2.x, signed in as its owner, tests credentials the
 * way the editor's "Test" button does (POST /rest/credentials/test), with good and with bad values.
 */
import { SANDBOX_KEYS } from '../../test/fake-api/sandbox';
import { CURRENT_N8N } from '../src/install';
import { sandboxCredentialRef, sandboxCredentials } from '../src/sandbox';
import { routes } from './support/expectations';
import { useInstance } from './support/lifecycle';

const instance = useInstance({ dist: CURRENT_N8N, name: 'e2e-credentials', serve: true });

/** Tests the stored sandbox credential of `type`, with some of its values replaced, as the editor does. */
async function testCredential(
	which: 'stampedApi' | 'stampedApiV3' | 'stempApi',
	changes: Record<string, string> = {},
) {
	const { id, name, type, data } = sandboxCredentials(instance.sandbox).find(
		(credential) => credential.id === sandboxCredentialRef(which).id,
	)!;
	const response = await instance.n8n.rest<{ status: string; message: string }>(
		'POST',
		'/credentials/test',
		{
			credentials: { id, name, type, data: { ...data, ...changes } },
		},
	);
	expect(response.status).toBe(200);
	return response.data;
}

const STORE = `/${SANDBOX_KEYS.stamped.storeHash}`;

describe('Stamped API credential', () => {
	test('good keys: n8n reports the connection as working', async () => {
		expect(await testCredential('stampedApi')).toEqual({
			status: 'OK',
			message: 'Connected to Stamped',
		});
		expect(routes(await instance.sandbox.log())).toEqual([`GET ${STORE}/dashboard/reviews`]);
	});

	test('a wrong private key: n8n reports Stamped refusing it, without echoing the key', async () => {
		const result = await testCredential('stampedApi', { privateKey: 'privkey-wrong-000' });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'Stamped rejected the API keys (HTTP 401): Unauthorized: the API key pair is not valid',
		);
		expect(result.message).not.toContain('privkey-wrong-000');
		expect((await instance.sandbox.log()).map((entry) => entry.status)).toEqual([401]);
	});

	test('a wrong store hash: n8n says the store is unknown', async () => {
		const result = await testCredential('stampedApi', { storeHash: 'no-such-store' });
		expect(result).toEqual({
			status: 'Error',
			message: 'Stamped does not know this Store Hash (HTTP 404): Store not found',
		});
	});
});

describe('Stamped API credential on API v3 (Loyalty 2.0)', () => {
	const SHOP = `/merchant/shops/${SANDBOX_KEYS.stampedV3.storeHash}`;

	test('a good private key: n8n reports the connection as working, sent as stamped-api-key only', async () => {
		expect(await testCredential('stampedApiV3')).toEqual({
			status: 'OK',
			message: 'Connected to Stamped',
		});
		const [request] = await instance.sandbox.log();
		expect(`${request.method} ${request.path}`).toBe(`GET ${SHOP}/customers`);
		expect(request.headers['stamped-api-key']).toBe(SANDBOX_KEYS.stampedV3.privateKey);
		expect(request.headers.authorization).toBeUndefined();
	});

	test('a wrong private key: n8n reports Stamped refusing it, without echoing the key', async () => {
		const result = await testCredential('stampedApiV3', { privateKey: 'v3-wrong-key-000' });
		expect(result).toEqual({
			status: 'Error',
			message:
				'Stamped rejected the API Private Key (HTTP 401): Unauthorized: invalid stamped-api-key',
		});
		expect(result.message).not.toContain('v3-wrong-key-000');
	});
});

describe('stemp API credential', () => {
	test('a good token: n8n reports the connection as working', async () => {
		expect(await testCredential('stempApi')).toEqual({
			status: 'OK',
			message: 'Connected to stemp: the API token was accepted',
		});
		expect(
			(await instance.sandbox.log()).map((entry) => [entry.vendor, entry.method, entry.status]),
		).toEqual([['stemp', 'GET', 404]]);
	});

	test('a wrong token: n8n reports stemp refusing it, without echoing the token', async () => {
		const result = await testCredential('stempApi', { apiToken: 'stemp-wrong-token' });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'stemp rejected the API token (HTTP 401): Invalid or expired API token (UNAUTHORIZED)',
		);
		expect(result.message).not.toContain('stemp-wrong-token');
	});
});
