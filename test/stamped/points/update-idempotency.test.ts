/**
 * Points > Update and Loyalty Transaction > Create with Options > Idempotency Key (API v3): the key goes into the
 * reason of `adjust-points`, and is looked for first in Stamped's points ledger (`GET .../activities`, the shop's
 * newest entries); API v2 keeps no ledger the node can read, so a key there is refused before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import type { V3Activity } from '../../fake-api/stamped-v3';
import { api, jane, loyalty, lookupOfJane, stampedV2, stampedV3, useStampedApi } from '../support';

useStampedApi();

const update = (parameters: IDataObject = {}, options: Parameters<typeof stampedV3>[1] = {}) =>
	stampedV3(
		{
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action: 'add',
			points: 50,
			reason: 'Order #1042',
			options: { idempotencyKey: 'order-1042' },
			...parameters,
		},
		options,
	);

const adjustments = () => api.requests({ method: 'POST', path: '/adjust-points' });
const ledgerRead = {
	method: 'GET',
	path: loyalty('/activities'),
	query: { page: '0', limit: '100' },
};

/** Moves the fake's clock so that the activities it records are from the last hour. */
const recentClock = () =>
	Object.assign(api.stampedV3 as unknown as { clock: number }, { clock: Date.now() - 3_600_000 });

describe('Points > Update on API v3', () => {
	test('first run: the ledger is read, then the points adjusted with the key after the reason', async () => {
		const { items, error } = await update();
		expect(error).toBeUndefined();
		expect(api.requests()).toMatchObject([
			lookupOfJane,
			ledgerRead,
			{
				method: 'POST',
				path: loyalty(`/customers/${jane().customerId}/adjust-points`),
				body: { points: 50, reason: 'Order #1042 [key: order-1042]' },
			},
		]);
		expect(items[0].json).toEqual(
			expect.objectContaining({
				email: 'jane@example.com',
				pointsBefore: 150,
				pointsAdjustment: 50,
				pointsAfter: 200,
				adjusted: true,
				idempotencyKey: 'order-1042',
				skipped: false,
			}),
		);
		expect(items[0].json.idempotencyWarning).toBeUndefined();
	});

	test('a retried run: nothing adjusted, the item skipped with the ledger entry and the balance as it is', async () => {
		await update();
		api.log.length = 0;
		const { items } = await update();
		expect(api.requests()).toMatchObject([lookupOfJane, ledgerRead]);
		expect(jane().points).toBe(200);
		expect(items[0].json).toEqual(
			expect.objectContaining({
				email: 'jane@example.com',
				customerId: jane().customerId,
				pointsBefore: 200,
				pointsAdjustment: 0,
				pointsAfter: 200,
				adjusted: false,
				skipped: true,
				idempotencyKey: 'order-1042',
				activityId: expect.stringMatching(/^act_/),
				ledgerEntry: expect.objectContaining({
					rule: expect.objectContaining({ title: 'Order #1042 [key: order-1042]' }),
				}),
			}),
		);
	});

	test('set with a key: applied once; a retry after the balance moved does not set it again', async () => {
		await update({ action: 'set', points: 400 });
		expect(jane().points).toBe(400);
		jane().points = 380; // the customer spent some
		const { items } = await update({ action: 'set', points: 400 });
		expect(items[0].json.skipped).toBe(true);
		expect(jane().points).toBe(380);
	});

	test('a key without a reason: the reason is the marker alone', async () => {
		await update({ reason: '' });
		expect(adjustments()[0].body).toEqual({ points: 50, reason: '[key: order-1042]' });
	});

	test('the reason is checked with the marker included, before anything is sent', async () => {
		const { error } = await update({ reason: 'r'.repeat(500) });
		expect(error?.message).toBe(
			'Invalid "Reason" in item 0: with the Idempotency Key\'s marker "[key: order-1042]" added it is 518 characters long; at most 512 are allowed (shorten it by 6)',
		);
		expect(api.requests()).toHaveLength(0);
	});

	test("the shop's ledger: the key on another customer's entry is the same write, applied once", async () => {
		const bob = api.stampedV3.insert({ email: 'bob@example.com', points: 10 });
		await update({ email: 'bob@example.com' });
		const { items } = await update();
		expect(items[0].json.skipped).toBe(true);
		expect((items[0].json.ledgerEntry as IDataObject).customerId).toBe(bob.customerId);
		expect(jane().points).toBe(150);
	});

	test('the same key on two customers in one run: the second is skipped', async () => {
		api.stampedV3.insert({ email: 'bob@example.com', points: 10 });
		const { items } = await update(
			{ email: '={{ $json.email }}' },
			{ input: [{ email: 'bob@example.com' }, { email: 'jane@example.com' }] },
		);
		expect(items.map((item) => item.json.skipped)).toEqual([false, true]);
		expect(adjustments()).toHaveLength(1);
	});

	test('items on different customers run side by side once the run knows the ledger keeps the key, on the first run and on a retry', async () => {
		const emails = Array.from({ length: 8 }, (_, i) => `member${i}@example.com`);
		for (const email of emails) api.stampedV3.insert({ email, points: 0 });
		const input = emails.map((email, i) => ({ email, key: `order-${i}` }));
		const parameters = {
			email: '={{ $json.email }}',
			options: { idempotencyKey: '={{ $json.key }}' },
		};
		api.latencyMs = 200;
		// Ledger reads one after another would arrive at least one answer (200 ms) apart.
		const closestLedgerReads = () => {
			const times = api.requests({ path: '/activities' }).map((request) => request.receivedAt);
			return Math.min(...times.slice(1).map((time, i) => time - times[i]));
		};
		const first = await update(parameters, { input });
		expect(first.items.map((item) => item.json.skipped)).toEqual(Array(8).fill(false));
		expect(closestLedgerReads()).toBeLessThan(100);
		api.log.length = 0;
		const retry = await update(parameters, { input });
		expect(retry.items.map((item) => item.json.skipped)).toEqual(Array(8).fill(true));
		expect(closestLedgerReads()).toBeLessThan(100);
		expect(adjustments()).toHaveLength(0);
	});

	test('a 5xx after Stamped applied it: the ledger read again, the key found; adjusted once', async () => {
		api.inject({
			vendor: 'stampedV3',
			path: '/adjust-points',
			kind: 500,
			phase: 'after',
			times: 1,
		});
		const { items, error } = await update();
		expect(error).toBeUndefined();
		expect(adjustments()).toHaveLength(1);
		expect(jane().points).toBe(200);
		expect(items[0].json).toEqual(
			expect.objectContaining({ resolvedByLookup: true, skipped: false }),
		);
	});

	describe('the window: the newest 100 entries, and up to 1,000 while they are from the last 24 hours', () => {
		const seedActivities = (count: number) => api.stampedV3.seedActivities(count, jane());

		test('a busy shop (entries of the last hour): the key 150 entries back is found, reading on', async () => {
			recentClock();
			await update();
			seedActivities(149);
			api.log.length = 0;
			const { items } = await update();
			expect(items[0].json.skipped).toBe(true);
			expect(api.requests({ path: '/activities' }).map((request) => request.query)).toEqual([
				{ page: '0', limit: '100' },
				{ page: '0', limit: '100' },
				{ page: '1', limit: '100' },
			]);
		});

		test('a quiet shop (older entries): only the newest 100 are read, so a key 150 back is not found', async () => {
			await update();
			seedActivities(149);
			api.log.length = 0;
			const { items } = await update();
			expect(items[0].json.skipped).toBe(false);
			expect(api.requests({ path: '/activities' })).toHaveLength(1);
			expect(jane().points).toBe(
				150 +
					50 +
					50 +
					api.stampedV3.activities
						.slice(1, 150)
						.reduce((sum, activity) => sum + activity.activity.pointsCredit, 0),
			);
		});

		test('a ledger that ignores the page number while reading on fails the item, nothing adjusted', async () => {
			recentClock();
			seedActivities(250);
			api.hostile = { ignorePaging: true };
			const { error } = await update();
			expect(error?.message).toBe(
				'Could not check the Idempotency Key "order-1042" in Stamped\'s points ledger',
			);
			expect(error?.description).toContain('ignore the page number');
			expect(adjustments()).toHaveLength(0);
		});

		test('a page that says more follow but comes back empty fails the item, nothing adjusted', async () => {
			recentClock();
			seedActivities(250);
			api.hostile = { emptyFromPageIndex: 1 };
			const { error } = await update();
			expect(error?.description).toContain('came back empty');
			expect(adjustments()).toHaveLength(0);
		});
	});

	test('a Stamped that does not keep the reason readable: the write is applied once, said so, and later keyed items are not sent', async () => {
		// The reason is dropped from what the ledger and the write's answer show.
		const activities = api.stampedV3.activities;
		const strip = (activity: V3Activity) => ({
			...activity,
			rule: { ...activity.rule, title: 'Points adjusted' },
		});
		const handle = api.stampedV3.handle.bind(api.stampedV3);
		api.stampedV3.handle = (request) => {
			const reply = handle(request);
			if (request.path.endsWith('/adjust-points') && reply.status === 200)
				return { ...reply, body: strip(reply.body as V3Activity) };
			if (request.path.endsWith('/activities') && request.method === 'GET')
				return {
					...reply,
					body: {
						...(reply.body as IDataObject),
						activities: activities.slice().reverse().map(strip),
					},
				};
			return reply;
		};
		api.stampedV3.insert({ email: 'bob@example.com', points: 10 });
		const { items } = await update(
			{ email: '={{ $json.email }}', options: { idempotencyKey: '={{ $json.key }}' } },
			{
				input: [
					{ email: 'jane@example.com', key: 'order-1' },
					{ email: 'bob@example.com', key: 'order-2' },
				],
				continueOnFail: true,
			},
		);
		expect(adjustments()).toHaveLength(1);
		expect(items[0].json.adjusted).toBe(true);
		expect(items[0].json.idempotencyWarning).toContain(
			"without the key's marker in any text the node reads back",
		);
		expect(items[1].json.error).toBe(
			'Could not check the Idempotency Key "order-2" in Stamped\'s points ledger',
		);
	});
});

describe('API v2 keeps no ledger the node can read: a key is refused before anything is sent', () => {
	test.each([
		[
			{
				resource: 'points',
				operation: 'update',
				email: 'jane@example.com',
				action: 'add',
				points: 5,
			},
		],
		[
			{
				resource: 'loyaltyTransaction',
				operation: 'create',
				email: 'jane@example.com',
				type: 'custom',
				points: 5,
			},
		],
	])('%j', async (parameters) => {
		const { error } = await stampedV2({ ...parameters, options: { idempotencyKey: 'order-1' } });
		expect(error?.message).toContain(
			'Invalid "Idempotency Key" in item 0: the credential is for Stamped API v2, which has no points ledger the node can read the key back from',
		);
		expect(api.requests()).toHaveLength(0);
	});
});

describe('Loyalty Transaction > Create on API v3', () => {
	const create = (parameters: IDataObject = {}) =>
		stampedV3({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: 'purchase',
			points: 86,
			additionalFields: { orderValue: 86.4 },
			options: { idempotencyKey: 'order-1042' },
			...parameters,
		});

	test('the reason (the type and order value here) carries the key; a second run records nothing', async () => {
		const first = await create();
		expect(adjustments()[0].body).toEqual({
			points: 86,
			reason: 'purchase, order value 86.4 [key: order-1042]',
		});
		expect(first.items[0].json).toEqual(
			expect.objectContaining({ email: 'jane@example.com', skipped: false }),
		);
		const second = await create();
		expect(adjustments()).toHaveLength(1);
		expect(second.items[0].json).toEqual(
			expect.objectContaining({
				email: 'jane@example.com',
				skipped: true,
				activityId: first.items[0].json.activityId,
			}),
		);
		expect(jane().points).toBe(236);
	});

	test('a note carries the key after it', async () => {
		await create({ additionalFields: { orderValue: 86.4, note: 'Order #1042' } });
		expect(adjustments()[0].body).toEqual({ points: 86, reason: 'Order #1042 [key: order-1042]' });
	});

	test('a Campaign ID (a custom activity, which carries no reason) refuses the key before anything is sent', async () => {
		const { error } = await create({
			type: 'custom',
			points: 0,
			additionalFields: { campaignId: 'cmp-birthday' },
		});
		expect(error?.message).toContain(
			'Invalid "Idempotency Key" in item 0: a custom activity (Campaign ID) carries no reason',
		);
		expect(api.requests()).toHaveLength(0);
	});

	test('the note is checked with the marker included', async () => {
		const { error } = await create({ additionalFields: { orderValue: 1, note: 'n'.repeat(510) } });
		expect(error?.message).toContain('Invalid "Note" in item 0: with the Idempotency Key');
		expect(api.requests()).toHaveLength(0);
	});
});
