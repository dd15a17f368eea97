/** Points > Remove: `POST walletpasses/{id}/points/remove` (points ≥ 0), never sent twice. */
import { POINTS_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

beforeEach(() => {
	api.stemp.addPass({ walletPassId: 'wp_pts', templateId: POINTS_TEMPLATE_ID, currentPoints: 40 });
});

const remove = (parameters: Record<string, unknown>) =>
	stemp({ resource: 'points', operation: 'remove', walletPassId: 'wp_pts', ...parameters });

test('takes the points off and outputs the new balance', async () => {
	const { items, error } = await remove({ points: 15 });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ currentPoints: 25 });
	expect(api.requests()).toMatchObject([
		{ method: 'POST', path: '/walletpasses/wp_pts/points/remove', body: { points: 15 } },
	]);
});

test('0 points is what the file allows (points ≥ 0); a negative number is refused before sending', async () => {
	expect((await remove({ points: 0 })).error).toBeUndefined();
	const { error } = await remove({ points: -5 });
	expect(error?.message).toBe('Invalid "Points" in item 0: -5 is out of range (0 to 2147483647)');
	expect(api.requests()).toHaveLength(1);
});

test("more points than the card holds: stemp's refusal, quoted", async () => {
	const { error } = await remove({ points: 41 });
	expect(error?.message).toBe('Insufficient points (current: 40; requested: 41)');
	expect(error?.httpCode).toBe('400');
});

test('a 5xx after applying is not re-sent: the points are taken once', async () => {
	api.inject({ vendor: 'stemp', path: '/points/remove', kind: 500, phase: 'after', times: 1 });
	const { error } = await remove({ points: 10 });
	expect(error?.description).toContain('Not retried');
	expect(api.requests()).toHaveLength(1);
	expect(api.stemp.points.get('wp_pts')!.currentPoints).toBe(30);
});
