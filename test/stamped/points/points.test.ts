/**
 * Stamped points (add, subtract, set): v2 sends the action; v3 adjusts by a difference it works out from the
 * balance. A change that may have been applied is never sent twice.
 */
import type { StampedV3Options } from '../../fake-api/stamped-v3';
import type { Version } from '../support';
import {
	VERSIONS,
	api,
	configureV3,
	expectRefusedBeforeSending,
	jane,
	lookupOfJane,
	loyalty,
	stampedV2,
	stampedV3,
	useStampedApi,
	v2Path,
} from '../support';

useStampedApi();

/** The actions a version never re-sends after a 5xx: v2's set is absolute and safe to repeat; v3 sets by adjusting. */
const notRetriedAfter5xx: Record<Version, string[]> = {
	v2: ['add', 'subtract'],
	v3: ['add', 'subtract', 'set'],
};
const update = (action: string, points: number) => ({
	resource: 'points',
	operation: 'update',
	email: 'jane@example.com',
	action,
	points,
});

describe.each(VERSIONS)(
	'points on %s',
	(version, { run, vendor, pointsPath, pointsOfJane, balanceField }) => {
		test('the vendor refusing to go below zero is quoted', async () => {
			const { error } = await run(update('subtract', 151));
			expect(error?.message).toBe('Insufficient points balance');
			expect(error?.httpCode).toBe('400');
		});

		test.each(notRetriedAfter5xx[version])(
			'%s is never re-sent after a 5xx: the points move once',
			async (action) => {
				api.inject({ vendor, kind: 500, times: 1, phase: 'after', path: pointsPath });
				const { error } = await run(update(action, 10));
				expect(error?.httpCode).toBe('500');
				expect(error?.description).toContain('Not retried');
				expect(api.requests({ path: pointsPath })).toHaveLength(1);
				expect(pointsOfJane()).toBe({ add: 160, subtract: 140, set: 10 }[action]);
			},
		);

		test('a dropped connection after the change is not retried for add', async () => {
			api.inject({ vendor, kind: 'drop', times: 1, phase: 'after', path: pointsPath });
			const { error } = await run(update('add', 5));
			expect(error?.name).toBe('NodeApiError');
			expect(api.requests({ path: pointsPath })).toHaveLength(1);
			expect(pointsOfJane()).toBe(155);
		});

		test('add is retried after a 429 (the server did nothing)', async () => {
			api.inject({ vendor, kind: 429, times: 2, path: pointsPath });
			const { error, items } = await run(update('add', 5));
			expect(error).toBeUndefined();
			expect(items[0].json[balanceField]).toBe(155);
			expect(api.requests({ path: pointsPath }).map((request) => request.status)).toEqual([
				429, 429, 200,
			]);
			expect(pointsOfJane()).toBe(155);
		});

		test('negative points are refused before anything is sent', async () => {
			await expectRefusedBeforeSending(
				run,
				update('add', -1),
				'Invalid "Points" in item 0: -1 is out of range (at least 0)',
			);
		});
	},
);

describe('points on v2', () => {
	test.each([
		['add', 50, 200],
		['subtract', 50, 100],
		['set', 999, 999],
	])('%s %i points', async (action, points, balance) => {
		const { items } = await stampedV2({
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action,
			points,
		});
		expect(api.requests()[0]).toMatchObject({
			method: 'POST',
			path: v2Path('/customers/points'),
			body: { email: 'jane@example.com', action, points },
		});
		expect(items[0].json).toMatchObject({ email: 'jane@example.com', points: balance });
	});

	test('set is retried after a 5xx', async () => {
		api.inject({ vendor: 'stamped', kind: 503, times: 1, phase: 'after', path: '/points' });
		const { error, items } = await stampedV2({
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action: 'set',
			points: 10,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.points).toBe(10);
		expect(api.requests()).toHaveLength(2);
	});

	test('points for different customers go four at a time, the same customer in order', async () => {
		for (let i = 0; i < 6; i++) api.stamped.insert({ email: `bulk${i}@example.com`, points: 0 });
		api.latencyMs = 15;
		api.holdUntilInFlight = 4;
		const input = [
			...Array.from({ length: 6 }, (_, i) => ({
				email: `bulk${i}@example.com`,
				action: 'add',
				points: 10,
			})),
			{ email: 'bulk0@example.com', action: 'set', points: 3 },
			{ email: 'bulk0@example.com', action: 'add', points: 1 },
		];
		const { items, error } = await stampedV2(
			{
				resource: 'points',
				operation: 'update',
				email: '={{ $json.email }}',
				action: '={{ $json.action }}',
				points: '={{ $json.points }}',
			},
			{ input },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.points)).toEqual([10, 10, 10, 10, 10, 10, 3, 4]);
		expect(api.maxInFlight).toBe(4);
		expect(api.stamped.customers.get('bulk0@example.com')!.points).toBe(4);
	});

	test.each([
		[
			{
				resource: 'points',
				operation: 'update',
				email: 'jane@example.com',
				action: 'add',
				points: 1.5,
			},
			'Invalid "Points" in item 0: "1.5" is not a whole number',
		],
		[
			{
				resource: 'points',
				operation: 'update',
				email: 'jane@example.com',
				action: '={{ "double" }}',
				points: 1,
			},
			'Invalid "Action" in item 0: "double" is not one of add, subtract, set',
		],
	])('%j is refused before anything is sent', async (parameters, message) => {
		await expectRefusedBeforeSending(stampedV2, parameters, message);
	});
});

describe('points on v3', () => {
	const adjustPath = () => loyalty(`/customers/${jane().customerId}/adjust-points`);

	test.each([
		['add', 50, 50, 200],
		['subtract', 50, -50, 100],
		['set', 999, 849, 999],
		['set', 100, -50, 100],
	])('%s %i: adjust-points by %i, balance %i', async (action, points, adjustment, balance) => {
		const { items } = await stampedV3({
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action,
			points,
		});
		expect(api.requests()).toMatchObject([
			lookupOfJane,
			{ method: 'POST', path: adjustPath(), body: { points: adjustment } },
		]);
		expect(items[0].json).toMatchObject({
			email: 'jane@example.com',
			customerId: jane().customerId,
			pointsBefore: 150,
			pointsAdjustment: adjustment,
			pointsAfter: balance,
			adjusted: true,
			activityId: expect.stringMatching(/^act_/),
		});
		expect(jane().points).toBe(balance);
	});

	test.each<[string, StampedV3Options]>([
		['numbers as numbers', { numbers: 'numbers' }],
		['figures under "loyalty"', { loyaltyKey: 'loyalty' }],
		['numbers as text under "loyalty"', { loyaltyKey: 'loyalty', numbers: 'strings' }],
	])('set reads the balance however it arrives: %s', async (_label, options) => {
		configureV3(options);
		await stampedV3({
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action: 'set',
			points: 500,
		});
		expect(api.requests()[1].body).toEqual({ points: 350 });
		expect(jane().points).toBe(500);
	});

	test('set to the balance the customer already has sends no adjustment', async () => {
		const { items } = await stampedV3({
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action: 'set',
			points: 150,
		});
		expect(api.requests()).toHaveLength(1);
		expect(items[0].json).toEqual({
			email: 'jane@example.com',
			customerId: jane().customerId,
			pointsBefore: 150,
			pointsAdjustment: 0,
			pointsAfter: 150,
			adjusted: false,
		});
	});

	test('set refuses when the balance cannot be read, and changes nothing', async () => {
		api.inject({
			vendor: 'stampedV3',
			kind: 200,
			times: 1,
			path: '/customers/lookup',
			body: {
				customerId: jane().customerId,
				email: 'jane@example.com',
				activity: { totalPoints: 'n/a' },
			},
		});
		const { error } = await stampedV3({
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action: 'set',
			points: 10,
		});
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			'Stamped sent no readable points balance for this customer, so it cannot be set',
		);
		expect(api.requests()).toHaveLength(1);
		expect(jane().points).toBe(150);
	});

	test('the reason is stored with the adjustment', async () => {
		await stampedV3({
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action: 'add',
			points: 5,
			reason: 'Goodwill',
		});
		expect(api.requests()[1].body).toEqual({ points: 5, reason: 'Goodwill' });
		expect(api.stampedV3.activities[0].rule.title).toBe('Goodwill');
	});

	test('an unknown customer is a 404 and nothing is adjusted', async () => {
		const { error } = await stampedV3({
			resource: 'points',
			operation: 'update',
			email: 'nobody@example.com',
			action: 'add',
			points: 5,
		});
		expect(error?.httpCode).toBe('404');
		expect(api.requests()).toHaveLength(1);
	});

	test('a reason over 512 characters is refused before anything is sent', async () => {
		await expectRefusedBeforeSending(
			stampedV3,
			{ ...update('add', 1), reason: 'r'.repeat(513) },
			'Invalid "Reason" in item 0: it is 513 characters long; at most 512 are allowed',
		);
	});
});
