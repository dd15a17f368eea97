import { STEMP_READ_ONLY_TOKEN } from '../../fake-api/stemp';
import { REDACTED_ECHO, echoingTheToken, useStempUsers } from '../support';

const { api, user } = useStempUsers();

let janeId: string;
beforeEach(() => {
	api().stemp.addPass({ walletPassId: 'wp_jane_1', currentStamps: 3 });
	janeId = api().stemp.addUser({
		email: 'jane@example.com',
		externalId: 'shopify-1001',
		walletPassIds: ['wp_jane_1', 'wp_jane_2'],
	}).id;
});

describe('user delete', () => {
	test('by external ID: the user is gone and its wallet passes are revoked', async () => {
		const { items, error } = await user({ operation: 'delete', userId: 'shopify-1001' });
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				// stemp's OpenAPI file declares an empty object as the answer.
				json: { userId: 'shopify-1001', deleted: true },
				pairedItem: { item: 0 },
			},
		]);
		expect(api().requests()).toMatchObject([{ method: 'DELETE', path: '/users/shopify-1001' }]);
		expect(api().stemp.findUser(janeId)).toBeUndefined();
		expect(api().stemp.revokedPasses).toEqual(['wp_jane_1', 'wp_jane_2']);
		// The other pass is untouched.
		expect(api().stemp.passes.has('wp_abc456')).toBe(true);
	});

	test("by stemp's ID; a revoked pass answers 404 afterwards", async () => {
		await user({ operation: 'delete', userId: janeId });
		const { error } = await user({
			resource: 'stamp',
			operation: 'get',
			walletPassId: 'wp_jane_1',
		});
		expect(error?.httpCode).toBe('404');
	});

	test('the panel warns that the passes are revoked, and so does the operation description agents read', async () => {
		const { loadPackage } = await import('../../harness/engine');
		const loader = await loadPackage();
		const { description } = loader.getNode('stemp').type as import('n8n-workflow').INodeType;
		const notice = description.properties.find(
			(property) =>
				property.name === 'deleteNotice' && property.displayOptions?.show?.resource?.[0] === 'user',
		);
		expect(notice?.type).toBe('notice');
		expect(notice?.displayOptions?.show).toEqual({ resource: ['user'], operation: ['delete'] });
		expect(notice?.displayName).toContain("revokes all of the user's wallet passes");
		const selector = description.properties.find(
			(property) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === 'user',
		);
		const option = (selector?.options as Array<{ value: string; description: string }>).find(
			(entry) => entry.value === 'delete',
		);
		expect(option?.description).toContain("revokes all the user's wallet passes");
	});
});

describe('user delete: errors and retries', () => {
	test('404 on the first attempt is an error that quotes stemp: nothing was deleted', async () => {
		const { error } = await user({ operation: 'delete', userId: 'nobody' });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('User not found (userId: nobody)');
		expect(error?.httpCode).toBe('404');
		expect(api().requests()).toHaveLength(1);
	});

	test('a 5xx after stemp deleted the user, then 404 on the retry: done', async () => {
		api().inject({ vendor: 'stemp', kind: 502, times: 1, phase: 'after', method: 'DELETE' });
		const { items, error } = await user({ operation: 'delete', userId: 'shopify-1001' });
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { userId: 'shopify-1001', deleted: true }, pairedItem: { item: 0 } },
		]);
		expect(
			api()
				.requests()
				.map((request) => request.status),
		).toEqual([502, 404]);
		expect(api().stemp.findUser(janeId)).toBeUndefined();
	});

	test('a dropped connection after the delete, then 404: done', async () => {
		api().inject({ vendor: 'stemp', kind: 'drop', times: 1, phase: 'after', method: 'DELETE' });
		const { items, error } = await user({ operation: 'delete', userId: janeId });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ userId: janeId, deleted: true });
		expect(
			api()
				.requests()
				.map((request) => request.status),
		).toEqual([0, 404]);
	});

	test('a 5xx before anything was deleted is retried and deletes', async () => {
		api().inject({ vendor: 'stemp', kind: 503, times: 1, method: 'DELETE' });
		const { items, error } = await user({ operation: 'delete', userId: janeId });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ userId: janeId, deleted: true });
		expect(
			api()
				.requests()
				.map((request) => request.status),
		).toEqual([503, 200]);
	});

	test('403 names the user:update scope and deletes nothing', async () => {
		const { error } = await user(
			{ operation: 'delete', userId: janeId },
			{ token: STEMP_READ_ONLY_TOKEN },
		);
		expect(error?.message).toBe('Insufficient scope (required: user:update)');
		expect(api().stemp.findUser(janeId)).toBeDefined();
	});

	test('validation: an unsafe ID is refused before anything is sent', async () => {
		const { error } = await user({ operation: 'delete', userId: '.' });
		expect(error?.message).toBe(
			'Invalid "User ID" in item 0: "." is not an ID: as part of a URL it would address another endpoint',
		);
		expect(api().requests()).toHaveLength(0);
	});

	test('an ID holding "/" cannot reach another path', async () => {
		await user({ operation: 'delete', userId: '../users' });
		expect(api().requests()[0].rawPath).toBe('/users/..%2Fusers');
		expect(api().stemp.findUser(janeId)).toBeDefined();
	});

	test.each([401, 404, 500])('the token echoed in a %i answer is redacted', async (status) => {
		api().inject({ vendor: 'stemp', kind: status, times: 10, body: echoingTheToken(status) });
		const { error } = await user({ operation: 'delete', userId: janeId });
		expect(error?.message).toBe(REDACTED_ECHO(status));
	});

	test('Continue On Fail: the unknown user is an error item, the others are deleted', async () => {
		api().stemp.addUser({ email: 'b@example.com', externalId: 'b' });
		const { items, error } = await user(
			{ operation: 'delete', userId: '={{ $json.id }}' },
			{ input: [{ id: 'shopify-1001' }, { id: 'ghost' }, { id: 'b' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.deleted ?? item.json.error, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			['User not found (userId: ghost)', { item: 1 }],
			[true, { item: 2 }],
		]);
	});
});
