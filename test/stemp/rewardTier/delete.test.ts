/** Reward Tier > Delete: `DELETE points-rewards/{id}` (204), retried; stemp's own 404 to a retry proves it done. */
import { api, stemp, useStempApi } from '../support';

useStempApi();

const remove = (rewardTierId = 'rt_cake') =>
	stemp({ resource: 'rewardTier', operation: 'delete', rewardTierId });

test('deletes the tier', async () => {
	const { items } = await remove();
	expect(items[0].json).toEqual({ rewardTierId: 'rt_cake', deleted: true });
	expect(api.stemp.rewardTiers.has('rt_cake')).toBe(false);
});

test("after a 5xx, stemp's 404 to the retry means it was deleted", async () => {
	api.inject({ vendor: 'stemp', method: 'DELETE', kind: 500, phase: 'after', times: 1 });
	const { items, error } = await remove();
	expect(error).toBeUndefined();
	expect(items[0].json.resolution).toContain('had deleted it');
});

test("after a 5xx, stemp's answer to an unknown route (a generic NOT_FOUND) proves nothing", async () => {
	api.inject({ vendor: 'stemp', method: 'DELETE', kind: 500, phase: 'before', times: 1 });
	api.inject({
		vendor: 'stemp',
		method: 'DELETE',
		kind: 404,
		times: 1,
		body: { error: { code: 'NOT_FOUND', message: 'No route for DELETE' } },
	});
	const { error } = await remove();
	expect(error?.httpCode).toBe('404');
});

test("a tier that was never there: stemp's 404 is an error", async () => {
	const { error } = await remove('rt_never');
	expect(error?.description).toContain('Check the Reward Tier ID');
});
