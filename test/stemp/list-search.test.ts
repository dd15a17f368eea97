/**
 * The stemp node's pickers (node version 2), called through n8n-core's real LoadOptionsContext as the editor
 * calls them: users (paged; searched by stemp when text is typed), wallet passes (shown with the customer's
 * e-mail), templates, and reward tiers (of the node's template, of its wallet pass's template, or of every
 * template). stemp's errors show its own message without the token.
 */
import type { INodeParameters } from 'n8n-workflow';

import { POINTS_TEMPLATE_ID, STAMP_TEMPLATE_ID, STEMP_TOKEN } from '../fake-api/stemp';
import { listSearch } from '../harness/list-search';
import { expectNoSecrets, visibleText } from '../harness/secrets';
import { api, SECRETS, useStempApi } from './support';

useStempApi();

async function search(
	method: string,
	{
		filter,
		paginationToken,
		token = STEMP_TOKEN,
		parameters = { resource: 'user', operation: 'get' },
		path = 'parameters.userId',
	}: {
		filter?: string;
		paginationToken?: string;
		token?: string;
		parameters?: INodeParameters;
		path?: string;
	} = {},
) {
	const outcome = await listSearch({
		node: 'stemp',
		method,
		credential: ['stempApi', { apiToken: token, baseUrl: api.stempUrl }],
		parameters,
		path,
		filter,
		paginationToken,
	});
	expectNoSecrets(visibleText([], outcome.error), SECRETS);
	return outcome;
}

const searchUsers = (filter?: string, paginationToken?: string, token?: string) =>
	search('searchUsers', { filter, paginationToken, token });

const asked = () =>
	api.requests().map((request) => `${request.path} ${JSON.stringify(request.query)}`);

describe('users', () => {
	test("each user by name, e-mail and external ID; the value is stemp's user ID", async () => {
		const user = api.stemp.addUser({
			email: 'jane@example.com',
			name: 'Jane',
			externalId: 'shop-7',
		});
		api.stemp.addUser({ email: 'solo@example.com' });
		const { result } = await searchUsers();
		expect(result?.results).toEqual([
			{ name: `Jane (jane@example.com, external ID shop-7) · ${user.id}`, value: user.id },
			{ name: expect.stringMatching(/^solo@example\.com · usr_/), value: expect.any(String) },
		]);
		expect(asked()[0]).toBe('/users {"page":"0","size":"100"}');
	});

	test("stemp's OpenAPI file: every user in one answer, shown 100 at a time; each user once, then the list ends", async () => {
		api.stemp.seedUsers(250);
		const shown: string[] = [];
		let token: string | undefined;
		for (let call = 0; call < 5; call++) {
			const { result } = await searchUsers(undefined, token);
			shown.push(...(result?.results ?? []).map((item) => String(item.value)));
			token = result?.paginationToken;
			if (!token) break;
		}
		expect(shown).toHaveLength(250);
		expect(new Set(shown).size).toBe(250);
		expect(token).toBeUndefined();
	});

	test("stemp's documentation: pages follow n8n's token while stemp says more follow", async () => {
		api.stemp.usersEnvelope = 'spring';
		api.stemp.seedUsers(250);
		const first = await searchUsers();
		expect(first.result?.results).toHaveLength(100);
		expect(first.result?.paginationToken).toMatch(/^1:[0-9a-f]{16}$/);
		const second = await searchUsers(undefined, first.result?.paginationToken);
		expect(second.result?.paginationToken).toMatch(/^2:[0-9a-f]{16}$/);
		const last = await searchUsers(undefined, second.result?.paginationToken);
		expect(last.result?.results).toHaveLength(50);
		expect(last.result?.paginationToken).toBeUndefined();
	});

	test('typed text is searched by stemp itself (users/search), by e-mail, name or external ID', async () => {
		api.stemp.seedUsers(250);
		const { result } = await searchUsers('EXT-213');
		expect(result?.results.map((entry) => entry.name)).toEqual([
			expect.stringMatching(/^User 213 \(user213@example\.com, external ID ext-213\) · usr_/),
		]);
		expect(asked()).toEqual(['/users/search {"q":"EXT-213","page":"0","size":"100"}']);
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
});

describe('wallet passes', () => {
	const searchPasses = (filter?: string) =>
		search('searchWalletPasses', {
			filter,
			parameters: { resource: 'stamp', operation: 'add' },
			path: 'parameters.walletPassId',
		});

	test("every pass with its customer's e-mail and name, its template and its ID; the value is the pass ID", async () => {
		const jane = api.stemp.addUser({
			email: 'jane@example.com',
			name: 'Jane Doe',
			walletPassIds: ['wp_jane'],
		});
		api.stemp.addPass({ walletPassId: 'wp_pts', templateId: POINTS_TEMPLATE_ID, userId: jane.id });
		const { result } = await searchPasses();
		expect(result?.results).toEqual([
			{
				name: 'walk-in@example.com (Walk-in customer) · Coffee stamp card · wp_abc456',
				value: 'wp_abc456',
			},
			{ name: 'jane@example.com (Jane Doe) · Coffee stamp card · wp_jane', value: 'wp_jane' },
			{ name: 'jane@example.com (Jane Doe) · Bakery points card · wp_pts', value: 'wp_pts' },
		]);
		expect(asked()).toEqual(['/walletpasses {}']);
	});

	test('typed text filters by e-mail, name, template or ID', async () => {
		api.stemp.addUser({ email: 'jane@example.com', name: 'Jane Doe', walletPassIds: ['wp_jane'] });
		expect((await searchPasses('JANE@')).result?.results.map((item) => item.value)).toEqual([
			'wp_jane',
		]);
		expect((await searchPasses('abc4')).result?.results.map((item) => item.value)).toEqual([
			'wp_abc456',
		]);
	});

	test('an answer that holds no list of passes is an error, not an empty picker', async () => {
		api.stemp.handle = () => ({ status: 200, body: { passes: 'soon' } });
		const { error } = await searchPasses();
		expect(error?.message).toBe('The answer to GET /walletpasses could not be read as a list');
		api.contractViolations.length = 0;
	});
});

describe('templates', () => {
	test('every template by name, the value its ID', async () => {
		const { result } = await search('searchTemplates', {
			parameters: { resource: 'rewardTier', operation: 'getAll' },
			path: 'parameters.templateId',
		});
		expect(result?.results).toEqual([
			{ name: `Coffee stamp card · ${STAMP_TEMPLATE_ID}`, value: STAMP_TEMPLATE_ID },
			{ name: `Bakery points card · ${POINTS_TEMPLATE_ID}`, value: POINTS_TEMPLATE_ID },
		]);
	});
});

describe('reward tiers', () => {
	const TIERS_OF_POINTS_CARD = [
		{ name: 'Free croissant (100 points) · rt_croissant', value: 'rt_croissant' },
		{ name: 'Free slice of cake (250 points) · rt_cake', value: 'rt_cake' },
		{ name: '10 € off (500 points) · rt_tenoff', value: 'rt_tenoff' },
	];

	test("of the node's template (a picked one or one typed by ID)", async () => {
		const { result } = await search('searchRewardTiers', {
			parameters: {
				resource: 'rewardTier',
				operation: 'getAll',
				templateId: { __rl: true, mode: 'id', value: POINTS_TEMPLATE_ID },
			},
			path: 'parameters.rewardTierId',
		});
		expect(result?.results).toEqual(TIERS_OF_POINTS_CARD);
		expect(asked()).toEqual([`/templates/${POINTS_TEMPLATE_ID}/points-rewards {}`]);
	});

	test("Points > Redeem: of the template of the node's wallet pass", async () => {
		api.stemp.addPass({ walletPassId: 'wp_pts', templateId: POINTS_TEMPLATE_ID });
		const { result } = await search('searchRewardTiers', {
			parameters: {
				resource: 'points',
				operation: 'redeem',
				walletPassId: { __rl: true, mode: 'list', value: 'wp_pts' },
			},
			path: 'parameters.rewardTierId',
		});
		expect(result?.results).toEqual(TIERS_OF_POINTS_CARD);
		expect(asked()).toEqual([
			'/walletpasses/wp_pts {}',
			`/templates/${POINTS_TEMPLATE_ID}/points-rewards {}`,
		]);
	});

	test('no template named (Update, Delete): the tiers of every template, each with its template; typed text filters', async () => {
		const { result } = await search('searchRewardTiers', {
			parameters: { resource: 'rewardTier', operation: 'delete' },
			path: 'parameters.rewardTierId',
			filter: 'cake',
		});
		expect(result?.results).toEqual([
			{ name: 'Free slice of cake (250 points) · Bakery points card · rt_cake', value: 'rt_cake' },
		]);
	});

	test('a wallet pass ID that would change the path (or an expression) is not used to find the template', async () => {
		const { result } = await search('searchRewardTiers', {
			parameters: { resource: 'points', operation: 'redeem', walletPassId: '..' },
			path: 'parameters.rewardTierId',
		});
		expect(asked()[0]).toBe('/templates {}');
		expect(result?.results.map((item) => item.value)).toEqual([
			'rt_croissant',
			'rt_cake',
			'rt_tenoff',
		]);
	});
});
