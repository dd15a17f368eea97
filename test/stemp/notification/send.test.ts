/**
 * Push Notification > Send: `POST walletpasses/{id}/notifications` or `POST templates/{id}/notifications`
 * {body ≤ 1000, header ≤ 255}; never sent twice (a customer pushed twice is a customer annoyed).
 */
import { POINTS_TEMPLATE_ID, STAMP_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

const send = (parameters: Record<string, unknown>, options: Parameters<typeof stemp>[1] = {}) =>
	stemp(
		{ resource: 'notification', operation: 'send', body: 'Your reward is waiting', ...parameters },
		options,
	);

test('to one pass, with a header', async () => {
	const { items, error } = await send({
		target: 'pass',
		walletPassId: 'wp_abc456',
		additionalFields: { header: 'Reward unlocked' },
	});
	expect(error).toBeUndefined();
	expect(api.requests()).toMatchObject([
		{
			method: 'POST',
			path: '/walletpasses/wp_abc456/notifications',
			body: { body: 'Your reward is waiting', header: 'Reward unlocked' },
		},
	]);
	expect(items[0].json).toMatchObject({
		targetScope: 'PASS',
		targetCount: 1,
		walletPassId: 'wp_abc456',
	});
	expect(api.stemp.notifications).toHaveLength(1);
});

test('to every pass of a template (the picker on version 2)', async () => {
	api.stemp.addPass({ walletPassId: 'wp_two' });
	const { items } = await send(
		{ target: 'template', templateId: { __rl: true, mode: 'list', value: STAMP_TEMPLATE_ID } },
		{ typeVersion: 2 },
	);
	expect(api.requests()[0]).toMatchObject({
		path: `/templates/${STAMP_TEMPLATE_ID}/notifications`,
		body: { body: 'Your reward is waiting' },
	});
	expect(items[0].json).toMatchObject({ targetScope: 'TEMPLATE', targetCount: 2 });
});

test.each([
	[
		{ target: 'pass', walletPassId: 'wp_abc456', body: 'x'.repeat(1001) },
		'Invalid "Message" in item 0: it is 1001 characters long; at most 1000 are allowed',
	],
	[
		{ target: 'pass', walletPassId: 'wp_abc456', body: '  ' },
		'Invalid "Message" in item 0: it is empty',
	],
	[
		{ target: 'pass', walletPassId: 'wp_abc456', additionalFields: { header: 'h'.repeat(256) } },
		'Invalid "Header" in item 0: it is 256 characters long; at most 255 are allowed',
	],
	[
		{ target: 'pass', walletPassId: 'wp_abc456', body: '={{ { text: 1 } }}' },
		'Invalid "Message" in item 0: it is an object, not a text',
	],
	[
		{ target: 'everyone', walletPassId: 'wp_abc456' },
		'Invalid "Send To" in item 0: "everyone" is not one of pass, template',
	],
	[
		{ target: 'template', templateId: '..' },
		'Invalid "Template ID" in item 0: ".." is not an ID: as part of a URL it would address another endpoint',
	],
])('%j is refused before sending', async (parameters, message) => {
	const { error } = await send(parameters);
	expect(error?.message).toBe(message);
	expect(api.requests()).toHaveLength(0);
});

test('exactly 1,000 characters of message and 255 of header are sent', async () => {
	const { error } = await send({
		target: 'pass',
		walletPassId: 'wp_abc456',
		body: 'x'.repeat(1000),
		additionalFields: { header: 'h'.repeat(255) },
	});
	expect(error).toBeUndefined();
});

test('a 5xx after pushing is not re-sent: the customer gets it once', async () => {
	api.inject({ vendor: 'stemp', path: '/notifications', kind: 502, phase: 'after', times: 1 });
	const { error } = await send({ target: 'pass', walletPassId: 'wp_abc456' });
	expect(error?.description).toContain('Not retried');
	expect(error?.description).toContain('Notification > Get Many');
	expect(api.requests()).toHaveLength(1);
	expect(api.stemp.notifications).toHaveLength(1);
});

test('a timeout-like drop after pushing to a template is not re-sent either', async () => {
	api.inject({ vendor: 'stemp', path: '/notifications', kind: 'drop', phase: 'after', times: 1 });
	await send({ target: 'template', templateId: POINTS_TEMPLATE_ID });
	expect(api.requests()).toHaveLength(1);
	expect(api.stemp.notifications).toHaveLength(1);
});

test('a token without notification:send: 403 naming the scope', async () => {
	const { error } = await send(
		{ target: 'pass', walletPassId: 'wp_abc456' },
		{ token: 'stemp-readonly-token-2d8e4a' },
	);
	expect(error?.description).toContain('notification:send');
});
