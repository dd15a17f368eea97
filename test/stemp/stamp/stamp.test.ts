/** stemp stamps: get, add, remove, set and reset on a wallet pass, and the checks made before anything is sent. */
import { STEMP_TOKEN } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

describe('happy paths', () => {
	test('get returns the stamp state of the pass', async () => {
		const { items, error } = await stemp({ operation: 'get', walletPassId: 'wp_abc456' });
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					walletPassId: 'wp_abc456',
					currentStamps: 5,
					maxStampsSnapshot: 10,
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(api.requests()).toMatchObject([
			{ method: 'GET', path: '/walletpasses/wp_abc456/stamps' },
		]);
		expect(api.requests()[0].headers.authorization).toBe(`Bearer ${STEMP_TOKEN}`);
	});

	test('add sends the note and returns the new state', async () => {
		const { items } = await stemp({
			operation: 'add',
			walletPassId: 'wp_abc456',
			note: 'Purchase at Main St.',
		});
		expect(items[0].json).toMatchObject({ currentStamps: 6, totalStampsCollected: 6 });
		expect(api.requests()).toMatchObject([
			{
				method: 'POST',
				path: '/walletpasses/wp_abc456/stamps/add',
				body: { note: 'Purchase at Main St.' },
			},
		]);
		expect(api.stemp.history.get('wp_abc456')![0]).toMatchObject({
			actionType: 'STAMP_ADDED',
			note: 'Purchase at Main St.',
		});
	});

	test('many items: one request each, all with the token, the credential read once', async () => {
		const input = Array.from({ length: 5 }, () => ({}));
		const { items, credentialReads } = await stemp(
			{ operation: 'add', walletPassId: 'wp_abc456' },
			{ input },
		);
		expect(items).toHaveLength(5);
		expect(api.requests().map((request) => request.headers.authorization)).toEqual(
			Array(5).fill(`Bearer ${STEMP_TOKEN}`),
		);
		expect(credentialReads).toBe(1);
	});

	test('add without a note sends no body', async () => {
		await stemp({ operation: 'add', walletPassId: 'wp_abc456' });
		expect(api.requests()[0].body).toBeUndefined();
	});

	test('adding the last stamp completes the card, which starts over', async () => {
		api.stemp.addPass({ walletPassId: 'wp_full', currentStamps: 9 });
		const { items } = await stemp({ operation: 'add', walletPassId: 'wp_full' });
		expect(items[0].json).toMatchObject({ currentStamps: 0, timesCompleted: 1 });
		expect(api.stemp.events.map((event) => event.type)).toEqual([
			'stamp.created',
			'stamp.reward_triggered',
			'stamp.card_completed',
		]);
	});

	test('remove takes one stamp off', async () => {
		const { items } = await stemp({ operation: 'remove', walletPassId: 'wp_abc456' });
		expect(items[0].json).toMatchObject({ currentStamps: 4 });
		expect(api.requests()).toMatchObject([
			{ method: 'POST', path: '/walletpasses/wp_abc456/stamps/remove' },
		]);
	});

	test('set sends the exact count', async () => {
		const { items } = await stemp({ operation: 'set', walletPassId: 'wp_abc456', stamps: 7 });
		expect(items[0].json).toMatchObject({ currentStamps: 7 });
		expect(api.requests()).toMatchObject([
			{ method: 'POST', path: '/walletpasses/wp_abc456/stamps/set', body: { stamps: 7 } },
		]);
	});

	test('set accepts a whole number that arrives as text from an expression', async () => {
		const { items } = await stemp(
			{ operation: 'set', walletPassId: '={{ $json.pass }}', stamps: '={{ $json.count }}' },
			{ input: [{ pass: 'wp_abc456', count: '3' }] },
		);
		expect(items[0].json).toMatchObject({ currentStamps: 3 });
		expect(api.requests()[0].body).toEqual({ stamps: 3 });
	});

	test('reset sets the card to zero', async () => {
		const { items } = await stemp({ operation: 'reset', walletPassId: 'wp_abc456' });
		expect(items[0].json).toMatchObject({ currentStamps: 0 });
		expect(api.requests()).toMatchObject([
			{ method: 'POST', path: '/walletpasses/wp_abc456/stamps/reset' },
		]);
	});

	test('each input item is its own request, and each output item is paired with its input', async () => {
		api.stemp.addPass({ walletPassId: 'wp_two', currentStamps: 1 });
		const { items } = await stemp(
			{ operation: 'add', walletPassId: '={{ $json.pass }}' },
			{ input: [{ pass: 'wp_abc456' }, { pass: 'wp_two' }] },
		);
		expect(
			items.map((item) => [item.json.walletPassId, item.json.currentStamps, item.pairedItem]),
		).toEqual([
			['wp_abc456', 6, { item: 0 }],
			['wp_two', 2, { item: 1 }],
		]);
	});

	test('a pass ID with reserved characters is URL-encoded in the path', async () => {
		api.stemp.addPass({ walletPassId: 'wp/with space' });
		await stemp({ operation: 'get', walletPassId: 'wp/with space' });
		expect(api.requests()[0].rawPath).toBe('/walletpasses/wp%2Fwith%20space/stamps');
	});
});

describe('validation happens before anything is sent', () => {
	test.each([
		[
			{ operation: 'get', walletPassId: '={{ $json.missing }}' },
			'Invalid "Wallet Pass ID" in item 0: it is empty',
		],
		[{ operation: 'add', walletPassId: '   ' }, 'Invalid "Wallet Pass ID" in item 0: it is empty'],
		[
			{ operation: 'add', walletPassId: 'wp_abc456', note: 'x'.repeat(513) },
			'Invalid "Note" in item 0: it is 513 characters long; at most 512 are allowed',
		],
		[
			{ operation: 'set', walletPassId: 'wp_abc456', stamps: 11 },
			'Invalid "Stamps" in item 0: 11 is out of range (0 to 10)',
		],
		[
			{ operation: 'set', walletPassId: 'wp_abc456', stamps: -1 },
			'Invalid "Stamps" in item 0: -1 is out of range (0 to 10)',
		],
		[
			{ operation: 'set', walletPassId: 'wp_abc456', stamps: 2.5 },
			'Invalid "Stamps" in item 0: "2.5" is not a whole number',
		],
		[
			{ operation: 'set', walletPassId: 'wp_abc456', stamps: '={{ "five" }}' },
			'Invalid "Stamps" in item 0: "five" is not a whole number',
		],
		[
			{ operation: 'getHistory', walletPassId: 'wp_abc456', returnAll: false, limit: 0 },
			'Invalid "Limit" in item 0: 0 is out of range (at least 1)',
		],
	])('%j', async (parameters, message) => {
		const { error, items } = await stemp(parameters);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(items).toEqual([]);
		expect(api.requests()).toHaveLength(0);
	});

	test('n8n itself refuses to start when a required parameter is left empty', async () => {
		const { error } = await stemp({ operation: 'get', walletPassId: '' });
		expect(error?.message).toContain('Parameter "Wallet Pass ID" is required');
		expect(api.requests()).toHaveLength(0);
	});

	test('a note of exactly 512 characters is sent', async () => {
		await stemp({ operation: 'add', walletPassId: 'wp_abc456', note: 'x'.repeat(512) });
		expect(api.requests()).toHaveLength(1);
	});

	test('one bad item among good ones stops the run before the first request', async () => {
		const { error } = await stemp(
			{ operation: 'set', walletPassId: 'wp_abc456', stamps: '={{ $json.count }}' },
			{ input: [{ count: 1 }, { count: 2 }, { count: 12 }] },
		);
		expect(error?.message).toBe('Invalid "Stamps" in item 2: 12 is out of range (0 to 10)');
		expect(error?.context?.itemIndex).toBe(2);
		expect(api.requests()).toHaveLength(0);
	});

	test('with Continue On Fail the bad item carries its error and the good ones are sent', async () => {
		const { items, error } = await stemp(
			{ operation: 'set', walletPassId: 'wp_abc456', stamps: '={{ $json.count }}' },
			{ input: [{ count: 1 }, { count: 12 }, { count: 3 }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ currentStamps: 1 });
		expect(items[1].json.error).toBe('Invalid "Stamps" in item 1: 12 is out of range (0 to 10)');
		expect(items[2].json).toMatchObject({ currentStamps: 3 });
		expect(api.requests().map((request) => request.body)).toEqual([{ stamps: 1 }, { stamps: 3 }]);
	});
});
