/** Template > Update Points Config: `PATCH templates/{id}/points-config` with the settings to change; retried. */
import { POINTS_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

const update = (updateFields: Record<string, unknown>) =>
	stemp({
		resource: 'template',
		operation: 'updatePointsConfig',
		templateId: POINTS_TEMPLATE_ID,
		updateFields,
	});

test('sends only the settings given', async () => {
	const { items, error } = await update({ pointsPerUnit: 2, pointsLabel: 'Beans' });
	expect(error).toBeUndefined();
	expect(api.requests()).toMatchObject([
		{
			method: 'PATCH',
			path: `/templates/${POINTS_TEMPLATE_ID}/points-config`,
			body: { pointsPerUnit: 2, pointsLabel: 'Beans' },
		},
	]);
	expect(items[0].json).toMatchObject({ pointsPerUnit: 2, pointsLabel: 'Beans', unitLabel: 'EUR' });
});

test.each([
	[
		{ pointsPerUnit: 0 },
		'Invalid "Points per Unit" in item 0: 0 is out of range (1 to 2147483647)',
	],
	[
		{ unitLabel: 'u'.repeat(51) },
		'Invalid "Unit Label" in item 0: it is 51 characters long; at most 50 are allowed',
	],
	[
		{ pointsExpiryDays: 1.5 },
		'Invalid "Points Expiry Days" in item 0: "1.5" is not a whole number',
	],
])('%j is refused before sending', async (fields, message) => {
	const { error } = await update(fields);
	expect(error?.message).toBe(message);
	expect(api.requests()).toHaveLength(0);
});

test('a 5xx after applying is retried', async () => {
	api.inject({ vendor: 'stemp', method: 'PATCH', kind: 500, phase: 'after', times: 1 });
	const { error } = await update({ minimumRedemptionPoints: 50 });
	expect(error).toBeUndefined();
	expect(api.requests()).toHaveLength(2);
});
