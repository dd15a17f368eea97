/** Points Redemption > Cancel: `POST points-redemptions/{id}/cancel` gives the points back; never sent twice. */
import { api, stemp, useStempApi } from '../support';
import { pendingRedemption } from '../support-loyalty';

useStempApi();

let redemptionId: string;
beforeEach(() => {
	redemptionId = pendingRedemption(api.stemp);
});

const cancel = () => stemp({ resource: 'redemption', operation: 'cancel', redemptionId });

test('cancels the redemption; stemp gives the points back', async () => {
	expect(api.stemp.points.get('wp_pts')!.currentPoints).toBe(200);
	const { items, error } = await cancel();
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ id: redemptionId, status: 'CANCELLED' });
	expect(api.requests()).toMatchObject([
		{ method: 'POST', path: `/points-redemptions/${redemptionId}/cancel` },
	]);
	expect(api.stemp.points.get('wp_pts')!.currentPoints).toBe(300);
});

test('a dropped connection after applying is not re-sent: the points come back once', async () => {
	api.inject({ vendor: 'stemp', path: '/cancel', kind: 'drop', phase: 'after', times: 1 });
	const { error } = await cancel();
	expect(error).toBeDefined();
	expect(api.requests()).toHaveLength(1);
	expect(api.stemp.points.get('wp_pts')!.currentPoints).toBe(300);
});
