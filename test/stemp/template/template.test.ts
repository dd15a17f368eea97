/** Template > Get Many, Get, Get Statistics, Get Stamp Config, Get Points Config: reads, retried. */
import { POINTS_TEMPLATE_ID, STAMP_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

const run = (operation: string, templateId: string = STAMP_TEMPLATE_ID) =>
	stemp({ resource: 'template', operation, templateId });

test('getAll: one item per template', async () => {
	const { items } = await stemp({ resource: 'template', operation: 'getAll' });
	expect(items.map((item) => [item.json.id, item.json.name])).toEqual([
		[STAMP_TEMPLATE_ID, 'Coffee stamp card'],
		[POINTS_TEMPLATE_ID, 'Bakery points card'],
	]);
	expect(api.requests()).toMatchObject([{ method: 'GET', path: '/templates' }]);
});

test.each([
	['get', '', { id: STAMP_TEMPLATE_ID, name: 'Coffee stamp card' }],
	[
		'getStatistics',
		'/pass-statistics',
		{ totalPasses: 1, appleWalletCount: 1, googleWalletCount: 0 },
	],
	[
		'getStampConfig',
		'/stamp-config',
		{ maxStamps: 10, rewardName: 'Free coffee', autoResetOnComplete: true },
	],
	['getPointsConfig', '/points-config', { pointsPerUnit: 1, unitLabel: 'EUR' }],
])('%s reads templates/{id}%s', async (operation, suffix, expected) => {
	const { items, error } = await run(operation);
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject(expected);
	expect(api.requests()).toMatchObject([
		{ method: 'GET', path: `/templates/${STAMP_TEMPLATE_ID}${suffix}` },
	]);
});

test('a 5xx is retried', async () => {
	api.inject({ vendor: 'stemp', path: '/templates', kind: 500, times: 1 });
	const { error } = await run('getStampConfig');
	expect(error).toBeUndefined();
	expect(api.requests()).toHaveLength(2);
});

test("an unknown template: stemp's 404 with the hint; a path-changing ID is refused", async () => {
	expect((await run('get', 'tpl_x')).error?.description).toContain('Check the Template ID');
	expect((await run('getStatistics', '..')).error?.message).toBe(
		'Invalid "Template ID" in item 0: ".." is not an ID: as part of a URL it would address another endpoint',
	);
});
