/** Stamp Reward > Claim: `POST rewards/{id}/claim`, never sent twice. */
import { api, stemp, useStempApi } from '../support';
import { pendingReward } from '../support-loyalty';

useStempApi();

let rewardId: string;
beforeEach(() => {
	rewardId = pendingReward(api.stemp);
	api.log.length = 0;
});

const claim = (id = rewardId) => stemp({ resource: 'reward', operation: 'claim', rewardId: id });

test('marks the reward claimed', async () => {
	const { items, error } = await claim();
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({
		id: rewardId,
		status: 'CLAIMED',
		claimedAt: expect.any(String),
	});
	expect(api.requests()).toMatchObject([{ method: 'POST', path: `/rewards/${rewardId}/claim` }]);
});

test("a claimed reward claimed again: stemp's refusal, quoted", async () => {
	await claim();
	const { error } = await claim();
	expect(error?.message).toBe(`Reward not claimable (rewardId: ${rewardId}; status: CLAIMED)`);
});

test('a 5xx after applying is not re-sent: the reward is handed out once', async () => {
	api.inject({ vendor: 'stemp', path: '/claim', kind: 503, phase: 'after', times: 1 });
	const { error } = await claim();
	expect(error?.description).toContain('Not retried');
	expect(error?.description).toContain('Reward > Get Many');
	expect(api.requests()).toHaveLength(1);
	expect(api.stemp.stampRewards.get(rewardId)!.status).toBe('CLAIMED');
});

test('an ID that would change the path is refused; one with "/" stays one segment', async () => {
	expect((await claim('..')).error?.message).toBe(
		'Invalid "Reward ID" in item 0: ".." is not an ID: as part of a URL it would address another endpoint',
	);
	expect(api.requests()).toHaveLength(0);
	await claim('a/b');
	expect(api.requests()[0].rawPath).toBe('/rewards/a%2Fb/claim');
});
