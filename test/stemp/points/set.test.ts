/** Points > Set: `POST walletpasses/{id}/points/set`; the same balance twice is the same balance, so it is retried. */
import { POINTS_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

beforeEach(() => {
	api.stemp.addPass({ walletPassId: 'wp_pts', templateId: POINTS_TEMPLATE_ID, currentPoints: 40 });
});

const set = (parameters: Record<string, unknown>) =>
	stemp({ resource: 'points', operation: 'set', walletPassId: 'wp_pts', ...parameters });

test('sets the exact balance', async () => {
	const { items } = await set({ points: 300 });
	expect(items[0].json).toMatchObject({ currentPoints: 300 });
	expect(api.requests()).toMatchObject([
		{ method: 'POST', path: '/walletpasses/wp_pts/points/set', body: { points: 300 } },
	]);
	expect(api.stemp.pointsHistory.get('wp_pts')![0].actionType).toBe('MANUAL_ADJUSTMENT');
});

test('a 5xx after applying is retried: the balance is the one asked, whatever happened first', async () => {
	api.inject({ vendor: 'stemp', path: '/points/set', kind: 500, phase: 'after', times: 1 });
	const { items, error } = await set({ points: 300 });
	expect(error).toBeUndefined();
	expect(items[0].json.currentPoints).toBe(300);
	expect(api.requests().map((request) => request.status)).toEqual([500, 200]);
});

test.each([
	[-1, 'Invalid "Points" in item 0: -1 is out of range (0 to 2147483647)'],
	['abc', 'Invalid "Points" in item 0: "abc" is not a whole number'],
	[2 ** 31, 'Invalid "Points" in item 0: 2147483648 is out of range (0 to 2147483647)'],
])('%j is refused before sending', async (points, message) => {
	const { error } = await set({ points });
	expect(error?.message).toBe(message);
	expect(api.requests()).toHaveLength(0);
});
