/** Stamped rewards on v3: redeem for a customer; a redemption is never sent twice. */
import {
	api,
	expectRefusedBeforeSending,
	jane,
	lookupOfJane,
	loyalty,
	stampedV3,
	useStampedApi,
} from '../support';

useStampedApi();

describe('rewards on v3', () => {
	beforeEach(() => {
		jane().points = 2000;
	});

	test('redeem a fixed reward: no points are sent, the rule sets the cost', async () => {
		const { items } = await stampedV3({
			resource: 'reward',
			operation: 'redeem',
			email: 'jane@example.com',
			rewardId: 'rwd-5off',
		});
		expect(api.requests()).toMatchObject([
			lookupOfJane,
			{
				method: 'POST',
				path: loyalty(`/customers/${jane().customerId}/redeem-reward/rwd-5off`),
				query: {},
			},
		]);
		expect(items[0].json).toMatchObject({ email: 'jane@example.com', activityId: 'act_00001' });
		expect(jane().points).toBe(1500);
		expect(api.stampedV3.rewards).toHaveLength(1);
	});

	test('redeem with points sends them in the query, as text', async () => {
		await stampedV3({
			resource: 'reward',
			operation: 'redeem',
			email: 'jane@example.com',
			rewardId: 'rwd-variable',
			points: '={{ 300 }}',
		});
		expect(api.requests()[1].query).toEqual({ points: '300' });
		expect(api.requests()[1].rawPath).toMatch(/redeem-reward\/rwd-variable$/);
		expect(jane().points).toBe(1700);
	});

	test('an unknown reward is quoted from Stamped', async () => {
		const { error } = await stampedV3({
			resource: 'reward',
			operation: 'redeem',
			email: 'jane@example.com',
			rewardId: 'rwd-none',
		});
		expect(error?.message).toBe('Reward not found');
		expect(error?.httpCode).toBe('404');
	});

	test('redeem is never re-sent after a 5xx', async () => {
		api.inject({
			vendor: 'stampedV3',
			kind: 500,
			times: 1,
			phase: 'after',
			path: '/redeem-reward',
		});
		const { error } = await stampedV3({
			resource: 'reward',
			operation: 'redeem',
			email: 'jane@example.com',
			rewardId: 'rwd-5off',
		});
		expect(error?.description).toContain('Not retried');
		expect(api.requests({ path: '/redeem-reward' })).toHaveLength(1);
		expect(jane().points).toBe(1500);
	});

	test.each([
		[
			{ resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: ' ' },
			'Invalid "Reward ID" in item 0: it is empty',
		],
		[
			{
				resource: 'reward',
				operation: 'redeem',
				email: 'jane@example.com',
				rewardId: 'rwd-variable',
				points: -5,
			},
			'Invalid "Points" in item 0: -5 is out of range (at least 0)',
		],
		[
			{
				resource: 'reward',
				operation: 'redeem',
				email: 'jane@example.com',
				rewardId: 'rwd-variable',
				points: 2.5,
			},
			'Invalid "Points" in item 0: "2.5" is not a whole number',
		],
	])('%j is refused before anything is sent', async (parameters, message) => {
		await expectRefusedBeforeSending(stampedV3, parameters, message);
	});

	test('the item index is that of the bad item, and nothing is sent for any item', async () => {
		const { error } = await stampedV3(
			{
				resource: 'reward',
				operation: 'redeem',
				email: 'jane@example.com',
				rewardId: '={{ $json.reward }}',
			},
			{ input: [{ reward: 'rwd-5off' }, { reward: '' }] },
		);
		expect(error?.message).toBe('Invalid "Reward ID" in item 1: it is empty');
		expect(api.requests()).toHaveLength(0);
	});
});
