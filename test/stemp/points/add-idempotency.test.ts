/**
 * Points > Add with Options > Idempotency Key: the key in the note of the points history entry, looked for in the
 * pass's last 100 points history entries before anything is credited.
 */
import { POINTS_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

beforeEach(() => {
	api.stemp.addPass({ walletPassId: 'wp_pts', templateId: POINTS_TEMPLATE_ID, currentPoints: 40 });
});

const add = (parameters: Record<string, unknown>, options: Parameters<typeof stemp>[1] = {}) =>
	stemp(
		{
			resource: 'points',
			operation: 'add',
			walletPassId: 'wp_pts',
			points: 25,
			additionalFields: { monetaryValue: 2550, note: 'Order #1042' },
			options: { idempotencyKey: 'order-1042' },
			...parameters,
		},
		options,
	);

const credits = () => api.requests({ method: 'POST', path: '/points/add' });
const balance = () => api.stemp.points.get('wp_pts')!.currentPoints;

test('credited once with the key after the note; a second run skips it and outputs the balance as it is', async () => {
	const first = await add({});
	expect(first.error).toBeUndefined();
	expect(api.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
		'GET /walletpasses/wp_pts/points/history',
		'POST /walletpasses/wp_pts/points/add',
	]);
	expect(credits()[0].body).toEqual({
		points: 25,
		monetaryValue: 2550,
		note: 'Order #1042 [key: order-1042]',
	});
	expect(first.items[0].json).toEqual(
		expect.objectContaining({ currentPoints: 65, idempotencyKey: 'order-1042', skipped: false }),
	);

	const second = await add({});
	expect(credits()).toHaveLength(1);
	expect(balance()).toBe(65);
	expect(second.items[0].json).toEqual(
		expect.objectContaining({
			walletPassId: 'wp_pts',
			currentPoints: 65,
			lifetimeValue: 2550,
			skipped: true,
			ledgerEntry: expect.objectContaining({
				actionType: 'POINTS_ADDED',
				pointsDelta: 25,
				note: 'Order #1042 [key: order-1042]',
			}),
		}),
	);
});

test('the note is checked with the marker included (512 at most), before anything is sent', async () => {
	const { error } = await add({ additionalFields: { note: 'x'.repeat(500) } });
	expect(error?.message).toBe(
		'Invalid "Note" in item 0: with the Idempotency Key\'s marker "[key: order-1042]" added it is 518 characters long; at most 512 are allowed (shorten it by 6)',
	);
	expect(api.requests()).toHaveLength(0);
});

test('a 5xx after stemp credited it: read again, found, reported applied; credited once', async () => {
	api.inject({ vendor: 'stemp', path: '/points/add', kind: 502, phase: 'after', times: 1 });
	const { items, error } = await add({});
	expect(error).toBeUndefined();
	expect(credits()).toHaveLength(1);
	expect(balance()).toBe(65);
	expect(items[0].json).toEqual(
		expect.objectContaining({ currentPoints: 65, resolvedByLookup: true, skipped: false }),
	);
});

test('a points history entry without the key (another order) does not stop the credit', async () => {
	await add({ options: { idempotencyKey: 'order-1041' } });
	const { items } = await add({});
	expect(items[0].json.skipped).toBe(false);
	expect(credits()).toHaveLength(2);
	expect(balance()).toBe(90);
});

test('the stamp history does not count: a key used for a stamp is another ledger', async () => {
	await stemp({
		resource: 'stamp',
		operation: 'add',
		walletPassId: 'wp_pts',
		options: { idempotencyKey: 'order-1042' },
	});
	const { items } = await add({});
	expect(items[0].json.skipped).toBe(false);
	expect(credits()).toHaveLength(1);
});

test('items on many passes with their own keys: each credited once, a re-run credits none', async () => {
	for (let i = 0; i < 6; i++)
		api.stemp.addPass({ walletPassId: `wp_p${i}`, templateId: POINTS_TEMPLATE_ID });
	const input = Array.from({ length: 6 }, (_, i) => ({ pass: `wp_p${i}`, order: `order-${i}` }));
	const parameters = {
		walletPassId: '={{ $json.pass }}',
		points: 5,
		additionalFields: {},
		options: { idempotencyKey: '={{ $json.order }}' },
	};
	const first = await add(parameters, { input });
	expect(first.items.map((item) => item.json.currentPoints)).toEqual([5, 5, 5, 5, 5, 5]);
	const again = await add(parameters, { input });
	expect(again.items.map((item) => [item.json.skipped, item.json.currentPoints])).toEqual(
		Array(6).fill([true, 5]),
	);
	expect(credits()).toHaveLength(6);
});
