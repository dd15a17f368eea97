/**
 * Reward Tier > Create: `POST templates/{id}/points-rewards` (201). Never created twice: with an External ID, a
 * failure midway is resolved by looking the tier up by it; without one it is not sent again.
 */
import { POINTS_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

const create = (parameters: Record<string, unknown> = {}) =>
	stemp({
		resource: 'rewardTier',
		operation: 'create',
		templateId: POINTS_TEMPLATE_ID,
		name: 'Free coffee',
		pointsRequired: 150,
		...parameters,
	});

const tiersNamed = (name: string) =>
	[...api.stemp.rewardTiers.values()].filter((tier) => tier.name === name);
const posts = () => api.requests({ method: 'POST' });

test('creates the tier with every field', async () => {
	const { items, error } = await create({
		additionalFields: { description: 'Any size', externalId: 'coffee', sortOrder: 4 },
	});
	expect(error).toBeUndefined();
	expect(posts()).toMatchObject([
		{
			path: `/templates/${POINTS_TEMPLATE_ID}/points-rewards`,
			body: {
				name: 'Free coffee',
				pointsRequired: 150,
				description: 'Any size',
				externalId: 'coffee',
				sortOrder: 4,
			},
			status: 201,
		},
	]);
	expect(items[0].json).toMatchObject({
		id: expect.any(String),
		templateId: POINTS_TEMPLATE_ID,
		name: 'Free coffee',
	});
});

test.each([
	[{ name: '   ' }, 'Invalid "Name" in item 0: it is empty'],
	[
		{ name: 'n'.repeat(256) },
		'Invalid "Name" in item 0: it is 256 characters long; at most 255 are allowed',
	],
	[
		{ pointsRequired: 0 },
		'Invalid "Points Required" in item 0: 0 is out of range (1 to 2147483647)',
	],
	[
		{ additionalFields: { description: 'd'.repeat(513) } },
		'Invalid "Description" in item 0: it is 513 characters long; at most 512 are allowed',
	],
	[
		{ additionalFields: { sortOrder: 2 ** 31 } },
		'Invalid "Sort Order" in item 0: 2147483648 is out of range (-2147483648 to 2147483647)',
	],
])('%j is refused before sending', async (parameters, message) => {
	const { error } = await create(parameters);
	expect(error?.message).toBe(message);
	expect(api.requests()).toHaveLength(0);
});

test('with an External ID, a 5xx after creating: found by it, not sent again', async () => {
	api.inject({
		vendor: 'stemp',
		method: 'POST',
		path: '/points-rewards',
		kind: 500,
		phase: 'after',
		times: 1,
	});
	const { items, error } = await create({ additionalFields: { externalId: 'coffee' } });
	expect(error).toBeUndefined();
	expect(posts()).toHaveLength(1);
	expect(tiersNamed('Free coffee')).toHaveLength(1);
	expect(items[0].json).toMatchObject({ externalId: 'coffee', resolvedByLookup: true });
});

test("with an External ID, a 5xx before anything happened: absent by stemp's own list, so sent once more", async () => {
	api.inject({
		vendor: 'stemp',
		method: 'POST',
		path: '/points-rewards',
		kind: 500,
		phase: 'before',
		times: 1,
	});
	const { items } = await create({ additionalFields: { externalId: 'coffee' } });
	expect(items[0].json).toMatchObject({ resolvedByLookup: false });
	expect(posts()).toHaveLength(2);
	expect(tiersNamed('Free coffee')).toHaveLength(1);
});

test('without an External ID a failure midway is not sent again, and the error says how to check', async () => {
	api.inject({
		vendor: 'stemp',
		method: 'POST',
		path: '/points-rewards',
		kind: 500,
		phase: 'after',
		times: 1,
	});
	const { error } = await create();
	expect(error?.description).toContain('Reward Tier > Get Many');
	expect(error?.description).toContain('Give tiers an External ID');
	expect(posts()).toHaveLength(1);
	expect(tiersNamed('Free coffee')).toHaveLength(1);
});

test('an External ID that only resembles one already there is not taken for it', async () => {
	api.stemp.addRewardTier({
		templateId: POINTS_TEMPLATE_ID,
		name: 'Old',
		pointsRequired: 1,
		externalId: 'Coffee',
	});
	api.inject({
		vendor: 'stemp',
		method: 'POST',
		path: '/points-rewards',
		kind: 500,
		phase: 'before',
		times: 1,
	});
	const { items } = await create({ additionalFields: { externalId: 'coffee' } });
	expect(items[0].json).toMatchObject({ name: 'Free coffee', resolvedByLookup: false });
});
