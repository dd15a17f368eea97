/** Points > Redeem: `POST walletpasses/{id}/points/redeem` {rewardTierId}, never sent twice. */
import { POINTS_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

beforeEach(() => {
	api.stemp.addPass({ walletPassId: 'wp_pts', templateId: POINTS_TEMPLATE_ID, currentPoints: 260 });
});

const redeem = (parameters: Record<string, unknown>, typeVersion?: number) =>
	stemp(
		{ resource: 'points', operation: 'redeem', walletPassId: 'wp_pts', ...parameters },
		{ typeVersion },
	);

test("redeems the tier's points and outputs the pending redemption", async () => {
	const { items, error } = await redeem({ rewardTierId: 'rt_cake' });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({
		walletPassId: 'wp_pts',
		rewardTierId: 'rt_cake',
		rewardTierName: 'Free slice of cake',
		pointsRedeemed: 250,
		status: 'PENDING',
	});
	expect(api.requests()).toMatchObject([
		{
			method: 'POST',
			path: '/walletpasses/wp_pts/points/redeem',
			body: { rewardTierId: 'rt_cake' },
		},
	]);
	expect(api.stemp.points.get('wp_pts')!.currentPoints).toBe(10);
});

test('the tier picked on version 2 is sent as its ID', async () => {
	await redeem({ rewardTierId: { __rl: true, mode: 'list', value: 'rt_croissant' } }, 2);
	expect(api.requests()[0].body).toEqual({ rewardTierId: 'rt_croissant' });
});

test("too few points: stemp's refusal, quoted; nothing redeemed", async () => {
	const { error } = await redeem({ rewardTierId: 'rt_tenoff' });
	expect(error?.message).toBe('Insufficient points (current: 260; required: 500)');
	expect(api.stemp.redemptions.size).toBe(0);
});

test('a 5xx after applying is not re-sent: one redemption, and the error says to check the history', async () => {
	api.inject({ vendor: 'stemp', path: '/points/redeem', kind: 500, phase: 'after', times: 1 });
	const { error } = await redeem({ rewardTierId: 'rt_croissant' });
	expect(error?.description).toContain('Not retried');
	expect(error?.description).toContain('Points > Get History');
	expect(api.requests()).toHaveLength(1);
	expect(api.stemp.redemptions.size).toBe(1);
	expect(api.stemp.points.get('wp_pts')!.currentPoints).toBe(160);
});

test.each(['', '..', '={{ { id: 1 } }}'])(
	'a Reward Tier ID of %j is refused before sending',
	async (rewardTierId) => {
		const { error } = await redeem({ rewardTierId });
		expect(error?.message).toMatch(/Reward Tier ID/);
		expect(api.requests()).toHaveLength(0);
	},
);
