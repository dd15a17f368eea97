/** Points > Get: `GET walletpasses/{id}/points`, a read retried like every read. */
import { POINTS_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

beforeEach(() => {
	api.stemp.addPass({ walletPassId: 'wp_pts', templateId: POINTS_TEMPLATE_ID, currentPoints: 120 });
});

test("outputs the card's balance", async () => {
	const { items, error } = await stemp({
		resource: 'points',
		operation: 'get',
		walletPassId: 'wp_pts',
	});
	expect(error).toBeUndefined();
	expect(items).toEqual([
		{
			json: expect.objectContaining({
				walletPassId: 'wp_pts',
				currentPoints: 120,
				totalPointsRedeemed: 0,
			}),
			pairedItem: { item: 0 },
		},
	]);
	expect(api.requests()).toMatchObject([{ method: 'GET', path: '/walletpasses/wp_pts/points' }]);
});

test('a 5xx is retried: a read is safe to repeat', async () => {
	api.inject({ vendor: 'stemp', path: '/points', kind: 503, times: 2 });
	const { items, error } = await stemp({
		resource: 'points',
		operation: 'get',
		walletPassId: 'wp_pts',
	});
	expect(error).toBeUndefined();
	expect(items[0].json.currentPoints).toBe(120);
	expect(api.requests().map((request) => request.status)).toEqual([503, 503, 200]);
});

test('an ID with "/" or "?" stays one URL-encoded path segment', async () => {
	api.stemp.addPass({ walletPassId: 'wp/1?x', templateId: POINTS_TEMPLATE_ID });
	const { error } = await stemp({ resource: 'points', operation: 'get', walletPassId: 'wp/1?x' });
	expect(error).toBeUndefined();
	expect(api.requests()[0].rawPath).toBe('/walletpasses/wp%2F1%3Fx/points');
});

test("a gateway's HTML 404 is an error naming the call, not a balance", async () => {
	api.inject({ vendor: 'stemp', kind: 404, times: 1, body: '<html>Not Found</html>' });
	const { error, items } = await stemp({
		resource: 'points',
		operation: 'get',
		walletPassId: 'wp_pts',
	});
	expect(items).toEqual([]);
	expect(error?.httpCode).toBe('404');
	expect(error?.description).toContain('GET /walletpasses/wp_pts/points');
});
