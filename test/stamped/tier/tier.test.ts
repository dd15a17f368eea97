/** Stamped tiers: the list on v2, moving a customer to a VIP tier on v3. */
import {
	api,
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

describe('tiers on v2', () => {
	test('tiers: one item per tier', async () => {
		const { items } = await stampedV2({ resource: 'tier', operation: 'getAll' });
		expect(items.map((item) => item.json)).toEqual([
			{ name: 'Bronze', minPoints: 0 },
			{ name: 'Silver', minPoints: 500 },
			{ name: 'Gold', minPoints: 1500 },
		]);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(api.requests()[0]).toMatchObject({ method: 'GET', path: v2Path('/loyalty/tiers') });
	});
});

describe('tiers on v3', () => {
	test('set moves the customer to the named VIP tier', async () => {
		const { items } = await stampedV3({
			resource: 'tier',
			operation: 'set',
			email: 'jane@example.com',
			tierName: 'Gold',
		});
		expect(api.requests()).toMatchObject([
			lookupOfJane,
			{
				method: 'POST',
				path: loyalty(`/customers/${jane().customerId}/adjust-vip-tier`),
				body: { tierName: 'Gold' },
			},
		]);
		expect(items[0].json).toMatchObject({ email: 'jane@example.com', activityId: 'act_00001' });
		expect(jane().vipTier).toBe('Gold');
	});

	test('a tier the program does not have is quoted from Stamped', async () => {
		const { error } = await stampedV3({
			resource: 'tier',
			operation: 'set',
			email: 'jane@example.com',
			tierName: 'Platinum',
		});
		expect(error?.message).toBe("VIP tier 'Platinum' does not exist");
		expect(error?.httpCode).toBe('400');
	});

	test('set is retried after a 5xx (moving to the same tier twice changes nothing)', async () => {
		api.inject({
			vendor: 'stampedV3',
			kind: 503,
			times: 1,
			phase: 'after',
			path: '/adjust-vip-tier',
		});
		const { error } = await stampedV3({
			resource: 'tier',
			operation: 'set',
			email: 'jane@example.com',
			tierName: 'Silver',
		});
		expect(error).toBeUndefined();
		expect(api.requests({ path: '/adjust-vip-tier' }).map((request) => request.status)).toEqual([
			503, 200,
		]);
		expect(jane().vipTier).toBe('Silver');
	});

	test.each([
		[
			{ resource: 'tier', operation: 'set', email: 'jane@example.com', tierName: ' ' },
			'Invalid "Tier Name" in item 0: it is empty',
		],
		[
			{ resource: 'tier', operation: 'set', email: 'jane', tierName: 'Gold' },
			'Invalid "Email" in item 0: "jane" is not a valid e-mail address',
		],
	])('%j is refused before anything is sent', async (parameters, message) => {
		await expectRefusedBeforeSending(stampedV3, parameters, message);
	});
});
