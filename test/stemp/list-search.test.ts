/**
 * The stemp node's User picker (node version 2), called through n8n-core's real LoadOptionsContext as the
 * editor calls it: stemp lists users without a search, so the typed text filters the pages read; n8n's
 * pagination token names the next page; stemp's errors show its own message without the token.
 */
import { STEMP_TOKEN } from '../fake-api/stemp';
import { listSearch } from '../harness/list-search';
import { expectNoSecrets, visibleText } from '../harness/secrets';
import { api, SECRETS, useStempApi } from './support';

useStempApi();

async function searchUsers(filter?: string, paginationToken?: string, token = STEMP_TOKEN) {
	const outcome = await listSearch({
		node: 'stemp',
		method: 'searchUsers',
		credential: ['stempApi', { apiToken: token, baseUrl: api.stempUrl }],
		parameters: { resource: 'user', operation: 'get' },
		path: 'parameters.userId',
		filter,
		paginationToken,
	});
	expectNoSecrets(visibleText([], outcome.error), SECRETS);
	return outcome;
}

const pagesRead = () => api.requests().map((request) => request.query);

test("each user by name, e-mail and external ID; the value is stemp's user ID", async () => {
	const user = api.stemp.addUser({ email: 'jane@example.com', name: 'Jane', externalId: 'shop-7' });
	api.stemp.addUser({ email: 'solo@example.com' });
	const { result } = await searchUsers();
	expect(result).toEqual({
		results: [
			{ name: `Jane (jane@example.com, external ID shop-7) · ${user.id}`, value: user.id },
			{ name: expect.stringMatching(/^solo@example\.com · usr_/), value: expect.any(String) },
		],
	});
	expect(pagesRead()).toEqual([{ page: '0', size: '100' }]);
});

test("pages follow n8n's token while stemp says more follow", async () => {
	api.stemp.seedUsers(250);
	const first = await searchUsers();
	expect(first.result?.results).toHaveLength(100);
	expect(first.result?.paginationToken).toMatch(/^1:[0-9a-f]{16}$/);
	const second = await searchUsers(undefined, first.result?.paginationToken);
	expect(second.result?.paginationToken).toMatch(/^2:[0-9a-f]{16}$/);
	const last = await searchUsers(undefined, second.result?.paginationToken);
	expect(last.result?.results).toHaveLength(50);
	expect(last.result?.paginationToken).toBeUndefined();
	expect(pagesRead().map((query) => query.page)).toEqual(['0', '1', '2']);
});

test('the typed text filters by name, e-mail, external ID or ID, reading on until something matches', async () => {
	api.stemp.seedUsers(250);
	const { result } = await searchUsers('EXT-213');
	expect(result?.results.map((entry) => entry.name)).toEqual([
		expect.stringMatching(/^User 213 \(user213@example\.com, external ID ext-213\) · usr_/),
	]);
	expect(pagesRead().map((query) => query.page)).toEqual(['0', '1', '2']);
	expect(result?.paginationToken).toBeUndefined();
});

test('no users: an empty list and no token', async () => {
	expect((await searchUsers()).result).toEqual({ results: [] });
});

test.each([
	[
		500,
		{ error: { code: 'INTERNAL', message: 'Users are being migrated' } },
		'Users are being migrated',
	],
	[403, { code: 'INSUFFICIENT_SCOPE', params: { required: 'user:read' } }, /scope/i],
])("a %s shows stemp's own message, and the token nowhere", async (status, body, message) => {
	api.inject({ vendor: 'stemp', path: '/users', times: 10, kind: status, body });
	const { result, error } = await searchUsers();
	expect(result).toBeUndefined();
	expect(error?.name).toBe('NodeApiError');
	expect(error?.message).toMatch(message);
});

test('a message echoing the token is masked', async () => {
	api.inject({
		vendor: 'stemp',
		path: '/users',
		times: 10,
		kind: 500,
		body: { error: { code: 'INTERNAL', message: `bad token ${STEMP_TOKEN}` } },
	});
	const { error } = await searchUsers();
	expect(error?.message).toBe('bad token [redacted] (INTERNAL)');
});

test('a wrong token: the 401, and that token appears nowhere', async () => {
	const { error } = await searchUsers(undefined, undefined, 'wrong-token-5150');
	expect(error?.name).toBe('NodeApiError');
	expect(visibleText([], error)).not.toContain('wrong-token-5150');
});
