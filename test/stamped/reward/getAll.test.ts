/**
 * Reward > Get Many on Stamped API v3: the rewards list (`GET /loyalty/shops/{shopId}/rewards`), read page after
 * page while Stamped says `morePages`, one item per reward; its errors and its absence on v2.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RunOptions } from '../support';
import { api, jane, loyalty, stampedV3, useStampedApi, v2Credential } from '../support';

useStampedApi();
beforeEach(() => {
	jane().points = 5000;
});

const getMany = (parameters: IDataObject, options: RunOptions = {}) =>
	stampedV3({ resource: 'reward', operation: 'getAll', ...parameters }, options);
const rewardPages = () => api.requests({ method: 'GET', path: loyalty('/rewards') });

test('Return All reads every page while morePages is true: every reward once, in order', async () => {
	api.stampedV3.seedRewards(230, jane());
	const { error, items } = await getMany({ returnAll: true });
	expect(error).toBeUndefined();
	expect(items).toHaveLength(230);
	expect(items.map((item) => item.json.couponCode)).toEqual(
		api.stampedV3.rewards.map((reward) => reward.couponCode),
	);
	expect(items[0]).toEqual({
		json: expect.objectContaining({
			rewardId: 'rwd-5off',
			title: '$5 off',
			customerId: jane().customerId,
			status: 'active',
		}),
		pairedItem: { item: 0 },
	});
	// Page 3 is asked for ahead with page 2, and dropped unread: page 2 says no more follow.
	expect(rewardPages().map((request) => [request.query.page, request.query.limit])).toEqual([
		['0', '100'],
		['1', '100'],
		['2', '100'],
		['3', '100'],
	]);
});

test('records of the same reward rule are all kept (one per coupon issued)', async () => {
	api.stampedV3.seedRewards(4, jane());
	const { items } = await getMany({ returnAll: true });
	expect(items.map((item) => item.json.rewardId)).toEqual([
		'rwd-5off',
		'rwd-variable',
		'rwd-5off',
		'rwd-variable',
	]);
});

test('the more_pages spelling is followed too', async () => {
	api.stampedV3.moreKey = 'more_pages';
	api.stampedV3.seedRewards(150, jane());
	const { items } = await getMany({ returnAll: true });
	expect(items).toHaveLength(150);
	expect(rewardPages()).toHaveLength(2);
});

test('a Limit fetches only the pages it needs', async () => {
	api.stampedV3.seedRewards(230, jane());
	const { error, items } = await getMany({ returnAll: false, limit: 30 });
	expect(error).toBeUndefined();
	expect(items).toHaveLength(30);
	expect(rewardPages().map((request) => request.query)).toEqual([{ page: '0', limit: '30' }]);
});

test('an empty rewards list gives no items and no error', async () => {
	const { error, items } = await getMany({ returnAll: true });
	expect(error).toBeUndefined();
	expect(items).toEqual([]);
});

test('a redemption shows up in the list', async () => {
	await stampedV3({
		resource: 'reward',
		operation: 'redeem',
		email: 'jane@example.com',
		rewardId: 'rwd-5off',
	});
	const { items } = await getMany({ returnAll: true });
	expect(items.map((item) => item.json)).toEqual([
		expect.objectContaining({ rewardId: 'rwd-5off', couponCode: 'LOYAL-0001' }),
	]);
});

test.each([0, -1, 1.5])('a Limit of %s is refused before any request', async (limit) => {
	const { error } = await getMany({ returnAll: false, limit });
	expect(error?.message).toContain('Invalid "Limit" in item 0');
	expect(api.requests()).toHaveLength(0);
});

test("a failing page ends the list with Stamped's message, not a shorter list", async () => {
	api.stampedV3.seedRewards(150, jane());
	// The second page fails: the first page's 100 rewards must not be output as if they were all.
	const v3 = api.stampedV3;
	const handle = v3.handle.bind(v3);
	v3.handle = (request) =>
		request.query.page === '1'
			? { status: 401, body: { message: 'Unauthorized: key revoked' } }
			: handle(request);
	const { error, items } = await getMany({ returnAll: true });
	expect(error?.name).toBe('NodeApiError');
	expect(error?.message).toBe('Unauthorized: key revoked');
	expect(items).toEqual([]);
	expect(rewardPages()).toHaveLength(2);
});

test('with Continue On Fail the failure is an item paired with its input', async () => {
	api.inject({ vendor: 'stampedV3', method: 'GET', path: '/rewards', times: 10, kind: 500 });
	const { error, items } = await getMany({ returnAll: true }, { continueOnFail: true });
	expect(error).toBeUndefined();
	expect(items).toEqual([
		{ json: expect.objectContaining({ httpCode: '500' }), pairedItem: { item: 0 } },
	]);
});

test('on a v2 credential it fails before anything is sent, naming both versions', async () => {
	const { error } = await getMany({ returnAll: true }, { credentials: v2Credential() });
	expect(error?.message).toBe(
		'"Reward > Get Many" is offered by Stamped API v3, but the selected credential is for Stamped API v2',
	);
	expect(api.requests()).toHaveLength(0);
});
