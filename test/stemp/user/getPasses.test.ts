/** User > Get Passes: `GET users/{userId}/passes`, answered whole as `{passes: [...]}`. */
import { POINTS_TEMPLATE_ID } from '../../fake-api/stemp';
import { expectContractViolations } from '../../harness/contract-guard';
import { api, stemp, useStempApi } from '../support';

useStempApi();

let janeId: string;
beforeEach(() => {
	janeId = api.stemp.addUser({
		email: 'jane@example.com',
		externalId: 'shop-1',
		walletPassIds: ['wp_jane'],
	}).id;
	api.stemp.addPass({
		walletPassId: 'wp_jane_pts',
		templateId: POINTS_TEMPLATE_ID,
		userId: janeId,
		currentPoints: 80,
	});
});

test("one item per pass of the user, by stemp's ID or the external ID", async () => {
	for (const userId of [janeId, 'shop-1']) {
		api.log.length = 0;
		const { items, error } = await stemp({ resource: 'user', operation: 'getPasses', userId });
		expect(error).toBeUndefined();
		expect(
			items.map((item) => [item.json.id, (item.json.template as { name: string }).name]),
		).toEqual([
			['wp_jane', 'Coffee stamp card'],
			['wp_jane_pts', 'Bakery points card'],
		]);
		expect(items[1].json.pointsState).toMatchObject({ currentPoints: 80 });
		expect(api.requests()).toMatchObject([{ method: 'GET', path: `/users/${userId}/passes` }]);
	}
});

test('the User picker on version 2', async () => {
	const { items } = await stemp(
		{
			resource: 'user',
			operation: 'getPasses',
			userId: { __rl: true, mode: 'list', value: janeId },
		},
		{ typeVersion: 2 },
	);
	expect(items).toHaveLength(2);
});

test("an unknown user: stemp's 404 with the hint", async () => {
	const { error } = await stemp({ resource: 'user', operation: 'getPasses', userId: 'nobody' });
	expect(error?.message).toBe('User not found (userId: nobody)');
	expect(error?.description).toContain('Check the User ID');
});

test('an answer whose passes are not a list fails, not an empty list', async () => {
	api.stemp.handle = () => ({ status: 200, body: { passes: { id: 'wp_jane' } } });
	const { error, items } = await stemp({
		resource: 'user',
		operation: 'getPasses',
		userId: janeId,
	});
	expect(items).toEqual([]);
	expect(error?.message).toBe(
		`The answer to GET /users/${janeId}/passes could not be read as a list`,
	);
	expectContractViolations(api, [/getUserPasses .*passes: expected an array/]);
});
