/** Points > Add: `POST walletpasses/{id}/points/add`, checked against the file's limits, never sent twice. */
import { POINTS_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

beforeEach(() => {
	api.stemp.addPass({ walletPassId: 'wp_pts', templateId: POINTS_TEMPLATE_ID, currentPoints: 40 });
});

const add = (parameters: Record<string, unknown>, options: Parameters<typeof stemp>[1] = {}) =>
	stemp({ resource: 'points', operation: 'add', walletPassId: 'wp_pts', ...parameters }, options);

describe('points add', () => {
	test('sends points, monetary value and note; outputs the new balance', async () => {
		const { items, error } = await add({
			points: 25,
			additionalFields: { monetaryValue: 2550, note: 'Order #1042' },
		});
		expect(error).toBeUndefined();
		expect(api.requests()).toMatchObject([
			{
				method: 'POST',
				path: '/walletpasses/wp_pts/points/add',
				body: { points: 25, monetaryValue: 2550, note: 'Order #1042' },
			},
		]);
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					walletPassId: 'wp_pts',
					currentPoints: 65,
					totalPointsEarned: 65,
					lifetimeValue: 2550,
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(api.stemp.pointsHistory.get('wp_pts')![0]).toMatchObject({
			actionType: 'POINTS_ADDED',
			pointsDelta: 25,
			note: 'Order #1042',
			monetaryValue: 2550,
		});
	});

	test('points from an expression (a number as text too); empty optional fields are not sent', async () => {
		const { items } = await add(
			{ points: '={{ $json.points }}', additionalFields: { note: '={{ $json.none }}' } },
			{ input: [{ points: '7' }] },
		);
		expect(items[0].json.currentPoints).toBe(47);
		expect(api.requests()[0].body).toEqual({ points: 7 });
	});

	test('the v2 picker value and a plain ID saved on v2 send the same request', async () => {
		await add(
			{ walletPassId: { __rl: true, mode: 'list', value: 'wp_pts' }, points: 1 },
			{ typeVersion: 2 },
		);
		await add({ walletPassId: 'wp_pts', points: 1 }, { typeVersion: 2 });
		expect(api.requests().map((request) => request.path)).toEqual([
			'/walletpasses/wp_pts/points/add',
			'/walletpasses/wp_pts/points/add',
		]);
	});
});

describe('points add: checked before anything is sent', () => {
	test.each([
		[{ points: 0 }, 'Invalid "Points" in item 0: 0 is out of range (1 to 2147483647)'],
		[{ points: 1.5 }, 'Invalid "Points" in item 0: "1.5" is not a whole number'],
		[
			{ points: 2 ** 31 },
			'Invalid "Points" in item 0: 2147483648 is out of range (1 to 2147483647)',
		],
		[
			{ points: '={{ 2 ** 53 + 1 }}' },
			'Invalid "Points" in item 0: "9007199254740992" is too large to be sent exactly (at most 9007199254740991)',
		],
		[{ points: '={{ { n: 1 } }}' }, 'Invalid "Points" in item 0: "{"n":1}" is not a whole number'],
		[
			{ points: 1, additionalFields: { note: 'x'.repeat(513) } },
			'Invalid "Note" in item 0: it is 513 characters long; at most 512 are allowed',
		],
		[
			{ points: 1, additionalFields: { note: '={{ { text: "hi" } }}' } },
			'Invalid "Note" in item 0: it is an object, not a text',
		],
		[
			{ points: 1, additionalFields: { monetaryValue: 12.5 } },
			'Invalid "Monetary Value" in item 0: "12.5" is not a whole number',
		],
		[
			{ points: 1, additionalFields: { monetaryValue: '={{ 1e21 }}' } },
			'Invalid "Monetary Value" in item 0: "1e+21" is too large to be sent exactly',
		],
		[{ walletPassId: '..', points: 1 }, 'Invalid "Wallet Pass ID" in item 0: ".." is not an ID'],
		[
			{ walletPassId: 'wp_\u0000x', points: 1 },
			'Invalid "Wallet Pass ID" in item 0: it contains a control character',
		],
	])('%j', async (parameters, message) => {
		const { error } = await add(parameters);
		expect(error?.message).toContain(message);
		expect(api.requests()).toHaveLength(0);
	});

	test('exactly 512 characters of note and 2^31 - 1 points are sent', async () => {
		api.stemp.addPass({ walletPassId: 'wp_empty', templateId: POINTS_TEMPLATE_ID });
		const { error } = await add({
			walletPassId: 'wp_empty',
			points: 2 ** 31 - 1,
			additionalFields: { note: 'x'.repeat(512) },
		});
		expect(error).toBeUndefined();
		expect(api.requests()).toHaveLength(1);
	});
});

describe('points add: never credited twice', () => {
	test('a 5xx after stemp applied it is not re-sent: one credit, and the error says to check the history', async () => {
		api.inject({ vendor: 'stemp', path: '/points/add', kind: 502, phase: 'after', times: 1 });
		const { error } = await add({ points: 10 });
		expect(error?.httpCode).toBe('502');
		expect(error?.description).toContain('Not retried');
		expect(error?.description).toContain('Points > Get History (wallet pass "wp_pts")');
		expect(api.requests()).toHaveLength(1);
		expect(api.stemp.points.get('wp_pts')!.currentPoints).toBe(50);
	});

	test('a dropped connection after applying is not re-sent either', async () => {
		api.inject({ vendor: 'stemp', path: '/points/add', kind: 'drop', phase: 'after', times: 1 });
		const { error } = await add({ points: 10 });
		expect(error).toBeDefined();
		expect(api.requests()).toHaveLength(1);
		expect(api.stemp.points.get('wp_pts')!.currentPoints).toBe(50);
	});

	test('a 429 (nothing applied) is retried and credits once', async () => {
		api.inject({ vendor: 'stemp', path: '/points/add', kind: 429, times: 1, retryAfterSeconds: 0 });
		const { items, error } = await add({ points: 10 });
		expect(error).toBeUndefined();
		expect(items[0].json.currentPoints).toBe(50);
		expect(api.requests().map((request) => request.status)).toEqual([429, 200]);
	});

	test("a pass stemp does not know: stemp's 404, quoted, with the hint to check the ID", async () => {
		const { error } = await add({ walletPassId: 'wp_nope', points: 1 });
		expect(error?.message).toBe('Wallet pass not found (walletPassId: wp_nope)');
		expect(error?.description).toContain('Check the Wallet Pass ID');
	});

	test('a read-only token: 403 naming the scope to add', async () => {
		const { error } = await add({ points: 1 }, { token: 'stemp-readonly-token-2d8e4a' });
		expect(error?.httpCode).toBe('403');
		expect(error?.description).toContain('loyalty:manage');
	});

	test('Continue On Fail: a failing item carries its error, the others are credited once each', async () => {
		api.stemp.addPass({ walletPassId: 'wp_two', templateId: POINTS_TEMPLATE_ID });
		const { items } = await add(
			{ walletPassId: '={{ $json.pass }}', points: 5 },
			{
				input: [{ pass: 'wp_pts' }, { pass: 'wp_gone' }, { pass: 'wp_two' }],
				continueOnFail: true,
			},
		);
		expect(
			items.map((item) => [item.json.currentPoints ?? item.json.error, item.pairedItem]),
		).toEqual([
			[45, { item: 0 }],
			['Wallet pass not found (walletPassId: wp_gone)', { item: 1 }],
			[5, { item: 2 }],
		]);
	});
});
