/** Reward Tier > Update: `PATCH points-rewards/{id}` with only the fields given; the same change twice is harmless. */
import type { IDataObject } from 'n8n-workflow';
import { api, stemp, useStempApi } from '../support';

useStempApi();

const update = (
	updateFields: Record<string, unknown>,
	rewardTierId: IDataObject | string = 'rt_cake',
	typeVersion?: number,
) =>
	stemp(
		{ resource: 'rewardTier', operation: 'update', rewardTierId, updateFields },
		{ typeVersion },
	);

test('sends only the fields given; the others keep their value', async () => {
	const { items, error } = await update({ pointsRequired: 300 });
	expect(error).toBeUndefined();
	expect(api.requests()).toMatchObject([
		{ method: 'PATCH', path: '/points-rewards/rt_cake', body: { pointsRequired: 300 } },
	]);
	expect(items[0].json).toMatchObject({
		id: 'rt_cake',
		name: 'Free slice of cake',
		pointsRequired: 300,
	});
});

test('the tier picked on version 2', async () => {
	await update({ name: 'Cake' }, { __rl: true, mode: 'list', value: 'rt_cake' }, 2);
	expect(api.requests()[0].path).toBe('/points-rewards/rt_cake');
});

test('nothing to change is refused before sending', async () => {
	const { error } = await update({});
	expect(error?.message).toBe(
		'Invalid "Update Fields" in item 0: nothing to change; add at least one field with a value',
	);
	expect(api.requests()).toHaveLength(0);
});

test('a 5xx after applying is retried (the same change again)', async () => {
	api.inject({ vendor: 'stemp', method: 'PATCH', kind: 500, phase: 'after', times: 1 });
	const { items } = await update({ pointsRequired: 300 });
	expect(items[0].json.pointsRequired).toBe(300);
	expect(api.requests()).toHaveLength(2);
});
