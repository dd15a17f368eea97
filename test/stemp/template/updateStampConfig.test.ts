/**
 * Template > Update Stamp Config: stemp's `PUT templates/{id}/stamp-config` replaces the whole configuration, so
 * the node reads it first and lays the changes over it; the PUT carries the whole state and is retried.
 */
import { STAMP_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

const update = (updateFields: Record<string, unknown>) =>
	stemp({
		resource: 'template',
		operation: 'updateStampConfig',
		templateId: STAMP_TEMPLATE_ID,
		updateFields,
	});

test('changes what was given and keeps the rest (the reward name is not wiped by the PUT)', async () => {
	const { items, error } = await update({ maxStamps: 8 });
	expect(error).toBeUndefined();
	expect(api.requests().map(({ method, path, body }) => ({ method, path, body }))).toEqual([
		{ method: 'GET', path: `/templates/${STAMP_TEMPLATE_ID}/stamp-config`, body: undefined },
		{
			method: 'PUT',
			path: `/templates/${STAMP_TEMPLATE_ID}/stamp-config`,
			body: {
				autoResetOnComplete: true,
				maxStamps: 8,
				rewardDescription: 'Any hot drink, any size',
				rewardName: 'Free coffee',
			},
		},
	]);
	expect(items[0].json).toMatchObject({ maxStamps: 8, rewardName: 'Free coffee' });
});

test.each([
	[{ maxStamps: 0 }, 'Invalid "Card Size" in item 0: 0 is out of range (1 to 1000)'],
	[{ maxStamps: 1001 }, 'Invalid "Card Size" in item 0: 1001 is out of range (1 to 1000)'],
	[
		{ rewardName: 'r'.repeat(256) },
		'Invalid "Reward Name" in item 0: it is 256 characters long; at most 255 are allowed',
	],
	[
		{ autoResetOnComplete: 'sometimes' },
		'Invalid "Auto Reset on Complete" in item 0: "sometimes" is not true or false',
	],
	[{}, 'Invalid "Update Fields" in item 0: nothing to change; add at least one field with a value'],
])('%j is refused before sending', async (fields, message) => {
	const { error } = await update(fields);
	expect(error?.message).toBe(message);
	expect(api.requests()).toHaveLength(0);
});

test('a 5xx after the PUT applied is retried: the same whole state again', async () => {
	api.inject({ vendor: 'stemp', method: 'PUT', kind: 500, phase: 'after', times: 1 });
	const { items } = await update({ rewardName: 'Free cappuccino' });
	expect(items[0].json.rewardName).toBe('Free cappuccino');
	expect(api.requests().map((request) => request.method)).toEqual(['GET', 'PUT', 'PUT']);
});
