/** Reward Tier > Get Many: `GET templates/{id}/points-rewards`, a plain array answered whole. */
import { POINTS_TEMPLATE_ID, STAMP_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

test("one item per tier of the template, in the template's order", async () => {
	const { items, error } = await stemp({
		resource: 'rewardTier',
		operation: 'getAll',
		templateId: POINTS_TEMPLATE_ID,
	});
	expect(error).toBeUndefined();
	expect(items.map((item) => [item.json.name, item.json.pointsRequired])).toEqual([
		['Free croissant', 100],
		['Free slice of cake', 250],
		['10 € off', 500],
	]);
	expect(api.requests()).toMatchObject([
		{ method: 'GET', path: `/templates/${POINTS_TEMPLATE_ID}/points-rewards` },
	]);
});

test('a template without tiers: no items', async () => {
	const { items } = await stemp({
		resource: 'rewardTier',
		operation: 'getAll',
		templateId: STAMP_TEMPLATE_ID,
	});
	expect(items).toEqual([]);
});

test("an unknown template: stemp's 404 with the hint", async () => {
	const { error } = await stemp({
		resource: 'rewardTier',
		operation: 'getAll',
		templateId: 'tpl_x',
	});
	expect(error?.description).toContain('Check the Template ID');
});
