/**
 * Wallet Pass > Create: `POST templates/{templateId}/walletpasses`, issued exactly once. The user's passes of the
 * template are read before sending; after an ambiguous failure they are read again, and a new one is the pass the
 * first attempt issued (output, not sent again); none means it is sent once more; any doubt fails the item.
 */
import type { VendorRequest } from '../../fake-api/server';
import { POINTS_TEMPLATE_ID, STAMP_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

let janeId: string;
beforeEach(() => {
	janeId = api.stemp.addUser({
		email: 'jane@example.com',
		name: 'Jane Doe',
		externalId: 'shop-1001',
		walletPassIds: ['wp_jane_old'],
	}).id;
});

const create = (parameters: Record<string, unknown>, options: Parameters<typeof stemp>[1] = {}) =>
	stemp(
		{ resource: 'pass', operation: 'create', templateId: STAMP_TEMPLATE_ID, ...parameters },
		options,
	);

const posts = () => api.requests({ method: 'POST' });
const passesOf = (userId: string) =>
	[...api.stemp.walletPasses.values()].filter((pass) => pass.userId === userId);

describe('pass create', () => {
	test('for an existing user: reads their passes, then issues one; stemp e-mails it by default', async () => {
		const { items, error } = await create({ userMode: 'existing', userId: 'shop-1001' });
		expect(error).toBeUndefined();
		expect(api.requests().map(({ method, path, body }) => ({ method, path, body }))).toEqual([
			{ method: 'GET', path: '/users/shop-1001/passes', body: undefined },
			{
				method: 'POST',
				path: `/templates/${STAMP_TEMPLATE_ID}/walletpasses`,
				body: { sendEmailNotification: true, userId: 'shop-1001' },
			},
		]);
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					id: expect.stringMatching(/^wp_/),
					object: 'wallet_pass',
					templateId: STAMP_TEMPLATE_ID,
					userId: janeId,
					qrCodeValue: expect.stringMatching(/^stemp:wp_/),
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(items[0].json.resolvedByLookup).toBeUndefined();
		expect(api.stemp.emailsSent).toEqual([
			{ to: 'jane@example.com', walletPassId: items[0].json.id },
		]);
	});

	test('for a new user: looks the e-mail address up, then issues the pass with the user inline', async () => {
		const { items, error } = await create({
			userMode: 'new',
			email: 'sam@example.com',
			additionalFields: { name: 'Sam Lee', externalId: 'shop-2001', metadata: '{"source": "web"}' },
			sendEmail: false,
		});
		expect(error).toBeUndefined();
		expect(
			api.requests().map(({ method, path, query }) => `${method} ${path} ${JSON.stringify(query)}`),
		).toEqual([
			'GET /users/search {"q":"sam@example.com","page":"0","size":"100"}',
			`POST /templates/${STAMP_TEMPLATE_ID}/walletpasses {}`,
		]);
		expect(posts()[0].body).toEqual({
			sendEmailNotification: false,
			user: {
				email: 'sam@example.com',
				name: 'Sam Lee',
				externalId: 'shop-2001',
				metadata: { private: { source: 'web' } },
			},
		});
		const sam = api.stemp.findUser('shop-2001')!;
		expect(items[0].json.userId).toBe(sam.id);
		expect(api.stemp.emailsSent).toEqual([]);
	});

	test('on version 2 the template and the user are pickers; their values are the IDs sent', async () => {
		await create(
			{
				templateId: { __rl: true, mode: 'list', value: POINTS_TEMPLATE_ID },
				userMode: 'existing',
				userId: { __rl: true, mode: 'externalId', value: 'shop-1001' },
			},
			{ typeVersion: 2 },
		);
		expect(posts()[0].path).toBe(`/templates/${POINTS_TEMPLATE_ID}/walletpasses`);
		expect(posts()[0].body).toEqual({ sendEmailNotification: true, userId: 'shop-1001' });
	});

	test("an unknown user fails before anything is issued, with stemp's own 404", async () => {
		const { error } = await create({ userMode: 'existing', userId: 'shop-9999' });
		expect(error?.message).toBe('User not found (userId: shop-9999)');
		expect(posts()).toHaveLength(0);
	});

	test("an unknown template: stemp's 404 to the create, with the hint", async () => {
		const { error } = await create({
			templateId: 'tpl_nope',
			userMode: 'existing',
			userId: janeId,
		});
		expect(error?.message).toBe('Template not found (templateId: tpl_nope)');
		expect(error?.description).toContain('Check the Template ID');
	});
});

describe('pass create: checked before anything is sent', () => {
	test.each([
		[
			{ templateId: '..', userId: 'x' },
			'Invalid "Template ID" in item 0: ".." is not an ID: as part of a URL it would address another endpoint',
		],
		[
			{ userMode: 'existing', userId: '.' },
			'Invalid "User ID" in item 0: "." is not an ID: as part of a URL it would address another endpoint',
		],
		[
			{ userMode: 'new', email: 'not-an-address' },
			'Invalid "Email" in item 0: "not-an-address" is not a valid e-mail address',
		],
		[
			{ userMode: 'new', email: 'sam@example.com', additionalFields: { phone: '1'.repeat(21) } },
			'Invalid "Phone" in item 0: it is 21 characters long; at most 20 are allowed',
		],
		[
			{ userMode: 'someone', userId: 'x' },
			'Invalid "User" in item 0: "someone" is not one of existing, new',
		],
		[
			{ userId: 'x', sendEmail: 'yes' },
			'Invalid "Send Email" in item 0: "yes" is not true or false',
		],
	])('%j', async (parameters, message) => {
		const { error } = await create(parameters);
		expect(error?.message).toBe(message);
		expect(api.requests()).toHaveLength(0);
	});
});

describe('pass create: exactly once', () => {
	test("a 5xx after stemp issued it: found among the user's passes, not sent again, and the output says so", async () => {
		api.inject({
			vendor: 'stemp',
			method: 'POST',
			path: '/walletpasses',
			kind: 502,
			phase: 'after',
			times: 1,
		});
		const { items, error } = await create({ userMode: 'existing', userId: janeId });
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(passesOf(janeId)).toHaveLength(2);
		const issued = passesOf(janeId).find((pass) => pass.id !== 'wp_jane_old')!;
		expect(items[0].json).toMatchObject({
			id: issued.id,
			templateId: STAMP_TEMPLATE_ID,
			userId: janeId,
			resolvedByLookup: true,
			resolution: expect.stringContaining(
				'the first attempt had issued it and it was not sent again',
			),
		});
		// The pass the user had before is never taken for the new one.
		expect(items[0].json.id).not.toBe('wp_jane_old');
	});

	test('a dropped connection after issuing: found the same way', async () => {
		api.inject({
			vendor: 'stemp',
			method: 'POST',
			path: '/walletpasses',
			kind: 'drop',
			phase: 'after',
			times: 1,
		});
		const { items } = await create({ userMode: 'existing', userId: janeId });
		expect(items[0].json.resolvedByLookup).toBe(true);
		expect(posts()).toHaveLength(1);
		expect(passesOf(janeId)).toHaveLength(2);
	});

	test('a 5xx before anything was issued: no new pass afterwards, so it is sent once more, and says so', async () => {
		api.inject({
			vendor: 'stemp',
			method: 'POST',
			path: '/walletpasses',
			kind: 503,
			phase: 'before',
			times: 1,
		});
		const { items, error } = await create({ userMode: 'existing', userId: janeId });
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(2);
		expect(passesOf(janeId)).toHaveLength(2);
		expect(items[0].json).toMatchObject({
			resolvedByLookup: false,
			resolution: expect.stringContaining('it was sent once more and issued'),
		});
	});

	test('a new user after a 5xx that applied: the user is found by the exact e-mail (any letter case) and the pass with them', async () => {
		api.stemp.addUser({ email: 'xsam@example.com', walletPassIds: ['wp_other'] });
		api.inject({
			vendor: 'stemp',
			method: 'POST',
			path: '/walletpasses',
			kind: 500,
			phase: 'after',
			times: 1,
		});
		const { items, error } = await create({ userMode: 'new', email: 'Sam@Example.com' });
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		const sam = [...api.stemp.users.values()].find((user) => user.email === 'Sam@Example.com')!;
		expect(items[0].json).toMatchObject({ userId: sam.id, resolvedByLookup: true });
		expect(passesOf(sam.id)).toHaveLength(1);
	});

	test('a new user after a 5xx before anything happened: the search does not find them, so it is sent once more', async () => {
		api.inject({
			vendor: 'stemp',
			method: 'POST',
			path: '/walletpasses',
			kind: 500,
			phase: 'before',
			times: 1,
		});
		const { items } = await create({ userMode: 'new', email: 'sam@example.com' });
		expect(items[0].json.resolvedByLookup).toBe(false);
		expect(posts()).toHaveLength(2);
		expect(
			[...api.stemp.users.values()].filter((user) => user.email === 'sam@example.com'),
		).toHaveLength(1);
	});

	test('when the lookup afterwards fails too, the outcome is unknown: not sent again, and the error says what to check', async () => {
		api.inject({
			vendor: 'stemp',
			method: 'POST',
			path: '/walletpasses',
			kind: 500,
			phase: 'after',
			times: 1,
		});
		const original = api.stemp.handle.bind(api.stemp);
		api.stemp.handle = (request: VendorRequest) =>
			request.method === 'GET' && posts().length > 0
				? { status: 503, body: { error: { code: 'UNAVAILABLE', message: 'Try later' } } }
				: original(request);
		const { error, items } = await create({ userMode: 'existing', userId: janeId });
		expect(items).toEqual([]);
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toContain('whether it was issued is unknown');
		expect(error?.description).toContain('User > Get Passes');
		expect(posts()).toHaveLength(1);
	});

	test("a gateway's HTML 404 to the lookup proves nothing: unknown, not sent again", async () => {
		api.inject({
			vendor: 'stemp',
			method: 'POST',
			path: '/walletpasses',
			kind: 500,
			phase: 'after',
			times: 1,
		});
		const original = api.stemp.handle.bind(api.stemp);
		api.stemp.handle = (request: VendorRequest) =>
			request.method === 'GET' && posts().length > 0
				? {
						status: 404,
						raw: '<html><body>Not Found</body></html>',
						headers: { 'Content-Type': 'text/html' },
					}
				: original(request);
		const { error } = await create({ userMode: 'existing', userId: janeId });
		expect(error?.description).toContain('whether it was issued is unknown');
		expect(posts()).toHaveLength(1);
		api.contractViolations.length = 0;
	});

	test('two new passes of the template afterwards (something else issued one too): which is ours is unknown, so it fails', async () => {
		api.inject({
			vendor: 'stemp',
			method: 'POST',
			path: '/walletpasses',
			kind: 500,
			phase: 'after',
			times: 1,
		});
		const original = api.stemp.handle.bind(api.stemp);
		let added = false;
		api.stemp.handle = (request: VendorRequest) => {
			if (request.method === 'GET' && posts().length > 0 && !added) {
				added = true;
				api.stemp.addPass({ walletPassId: 'wp_concurrent', userId: janeId });
			}
			return original(request);
		};
		const { error } = await create({ userMode: 'existing', userId: janeId });
		expect(error?.description).toContain('2 new passes of this template');
		expect(posts()).toHaveLength(1);
	});

	test('the second attempt failing too is not followed by a third', async () => {
		api.inject({
			vendor: 'stemp',
			method: 'POST',
			path: '/walletpasses',
			kind: 500,
			phase: 'before',
			times: 2,
		});
		const { error } = await create({ userMode: 'existing', userId: janeId });
		expect(error?.description).toContain('It is not sent a third time');
		expect(posts()).toHaveLength(2);
		expect(passesOf(janeId)).toHaveLength(1);
	});

	test("a 4xx is stemp's clear refusal: no lookup, no second attempt", async () => {
		api.inject({
			vendor: 'stemp',
			method: 'POST',
			path: '/walletpasses',
			kind: 400,
			times: 1,
			body: { CUSTOM_VALIDATION: { user: 'give either userId or user' } },
		});
		const { error } = await create({ userMode: 'existing', userId: janeId });
		expect(error?.message).toBe('Validation failed: user: give either userId or user');
		expect(api.requests().map((request) => request.method)).toEqual(['GET', 'POST']);
	});

	test('items for the same user run one after another, so each sees the passes the one before issued', async () => {
		const { items, error } = await create(
			{ userMode: 'existing', userId: '={{ $json.user }}' },
			{ input: [{ user: janeId }, { user: janeId }] },
		);
		expect(error).toBeUndefined();
		expect(new Set(items.map((item) => item.json.id)).size).toBe(2);
		expect(api.requests().map((request) => request.method)).toEqual(['GET', 'POST', 'GET', 'POST']);
	});
});
