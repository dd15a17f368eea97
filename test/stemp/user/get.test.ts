import { STEMP_READ_ONLY_TOKEN } from '../../fake-api/stemp';
import { REDACTED_ECHO, echoingTheToken, useStempUsers } from '../support';

const { api, user } = useStempUsers();

let janeId: string;
beforeEach(() => {
	janeId = api().stemp.addUser({
		email: 'jane@example.com',
		name: 'Jane Doe',
		externalId: 'shopify-1001',
		metadata: { private: { tier: 'vip' } },
	}).id;
});

describe('user get', () => {
	test("by stemp's user ID", async () => {
		const { items, error } = await user({ operation: 'get', userId: janeId });
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					id: janeId,
					object: 'user',
					email: 'jane@example.com',
					externalId: 'shopify-1001',
					metadata: { private: { tier: 'vip' } },
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(api().requests()).toMatchObject([{ method: 'GET', path: `/users/${janeId}` }]);
	});

	test('by the external ID, e.g. the shop customer ID from the previous node (also given as a number)', async () => {
		api().stemp.addUser({ email: 'num@example.com', externalId: '1002' });
		const { items } = await user(
			{ operation: 'get', userId: '={{ $json.customerId }}' },
			{ input: [{ customerId: 'shopify-1001' }, { customerId: 1002 }] },
		);
		expect(items.map((item) => [item.json.email, item.pairedItem])).toEqual([
			['jane@example.com', { item: 0 }],
			['num@example.com', { item: 1 }],
		]);
		expect(
			api()
				.requests()
				.map((request) => request.path),
		).toEqual(['/users/shopify-1001', '/users/1002']);
	});

	test('an ID with reserved characters stays one URL-encoded path segment', async () => {
		api().stemp.addUser({ email: 'odd@example.com', externalId: 'crm/42?x=1#a b' });
		const { items } = await user({ operation: 'get', userId: 'crm/42?x=1#a b' });
		expect(items[0].json.email).toBe('odd@example.com');
		expect(api().requests()[0].rawPath).toBe('/users/crm%2F42%3Fx%3D1%23a%20b');
	});

	test('a read-only token can read users', async () => {
		const { error } = await user(
			{ operation: 'get', userId: janeId },
			{ token: STEMP_READ_ONLY_TOKEN },
		);
		expect(error).toBeUndefined();
	});
});

describe('user get: validation before anything is sent', () => {
	test.each([
		['empty', '={{ $json.missing }}', 'it is empty'],
		['blank', '   ', 'it is empty'],
		['a dot', '.', '"." is not an ID'],
		['two dots', '..', '".." is not an ID'],
		['a control character', 'usr_\u00071', 'it contains a control character'],
		['an object', '={{ $json }}', 'it is an object, not a text'],
	])('an ID that is %s', async (_, userId, problem) => {
		const { error, items } = await user({ operation: 'get', userId }, { input: [{ a: 1 }] });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toContain('Invalid "User ID" in item 0: ');
		expect(error?.message).toContain(problem);
		expect(items).toEqual([]);
		expect(api().requests()).toHaveLength(0);
	});

	test('n8n itself refuses to start when the User ID is left empty', async () => {
		const { error } = await user({ operation: 'get', userId: '' });
		expect(error?.message).toContain('Parameter "User ID" is required');
		expect(api().requests()).toHaveLength(0);
	});
});

describe('user get: errors and retries', () => {
	test('404 quotes stemp (the {code, params} shape) and says to check the User ID', async () => {
		const { error } = await user({ operation: 'get', userId: 'shopify-9999' });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('User not found (userId: shopify-9999)');
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toContain('Check the User ID');
		expect(error?.description).not.toContain('Wallet Pass');
		expect(api().requests()).toHaveLength(1);
	});

	test('5xx and dropped connections are retried: a read is safe to repeat', async () => {
		api().inject({ vendor: 'stemp', kind: 503, times: 1 });
		api().inject({ vendor: 'stemp', kind: 'drop', times: 1 });
		const { items, error } = await user({ operation: 'get', userId: 'shopify-1001' });
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(janeId);
		expect(
			api()
				.requests()
				.map((request) => request.status),
		).toEqual([503, 0, 200]);
	});

	test.each([401, 404, 503])('the token echoed in a %i answer is redacted', async (status) => {
		api().inject({ vendor: 'stemp', kind: status, times: 10, body: echoingTheToken(status) });
		const { error } = await user({ operation: 'get', userId: janeId });
		expect(error?.message).toBe(REDACTED_ECHO(status));
	});

	test("a wrong token: 401 with stemp's message, not retried", async () => {
		const { error } = await user(
			{ operation: 'get', userId: janeId },
			{ token: 'wrong-token-0000' },
		);
		expect(error?.message).toBe('Invalid or expired API token (UNAUTHORIZED)');
		expect(api().requests()).toHaveLength(1);
	});

	test('Continue On Fail: the missing user is an error item, the found one is output', async () => {
		const { items, error } = await user(
			{ operation: 'get', userId: '={{ $json.id }}' },
			{ input: [{ id: 'nobody' }, { id: 'shopify-1001' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items[0]).toEqual({
			json: {
				error: 'User not found (userId: nobody)',
				errorDescription: expect.stringContaining('GET /users/nobody'),
				httpCode: '404',
			},
			pairedItem: { item: 0 },
		});
		expect(items[1]).toMatchObject({ json: { id: janeId }, pairedItem: { item: 1 } });
	});
});
