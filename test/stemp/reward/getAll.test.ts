/** Stamp Reward > Get Many: `GET walletpasses/{id}/rewards`, a plain array answered whole. */
import { api, stemp, useStempApi } from '../support';
import { pendingReward } from '../support-loyalty';

useStempApi();

test('one item per reward the card earned', async () => {
	const rewardId = pendingReward(api.stemp);
	const { items, error } = await stemp({
		resource: 'reward',
		operation: 'getAll',
		walletPassId: 'wp_full',
	});
	expect(error).toBeUndefined();
	expect(items).toEqual([
		{
			json: expect.objectContaining({
				id: rewardId,
				walletPassId: 'wp_full',
				rewardName: 'Free coffee',
				stampsAtCompletion: 10,
				status: 'PENDING',
			}),
			pairedItem: { item: 0 },
		},
	]);
	expect(api.requests().at(-1)).toMatchObject({
		method: 'GET',
		path: '/walletpasses/wp_full/rewards',
	});
});

test('no rewards: no items', async () => {
	const { items, error } = await stemp({
		resource: 'reward',
		operation: 'getAll',
		walletPassId: 'wp_abc456',
	});
	expect(error).toBeUndefined();
	expect(items).toEqual([]);
});

test('a 5xx is retried: a read', async () => {
	api.inject({ vendor: 'stemp', path: '/rewards', kind: 500, times: 1 });
	const { error } = await stemp({
		resource: 'reward',
		operation: 'getAll',
		walletPassId: 'wp_abc456',
	});
	expect(error).toBeUndefined();
	expect(api.requests()).toHaveLength(2);
});
