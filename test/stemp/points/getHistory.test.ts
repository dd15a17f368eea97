/** Points > Get History: the file's PagedModel (`{content, page: {...}}`) over 0-based pages; every entry once. */
import { POINTS_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

beforeEach(() => {
	api.stemp.addPass({ walletPassId: 'wp_pts', templateId: POINTS_TEMPLATE_ID });
});

const history = (parameters: Record<string, unknown> = {}) =>
	stemp({
		resource: 'points',
		operation: 'getHistory',
		walletPassId: 'wp_pts',
		returnAll: true,
		...parameters,
	});

test('Return All walks the pages, newest first, each entry once', async () => {
	api.stemp.seedPointsHistory('wp_pts', 230);
	const { items, error } = await history();
	expect(error).toBeUndefined();
	expect(items).toHaveLength(230);
	expect(new Set(items.map((item) => item.json.id)).size).toBe(230);
	expect(items[0].json).toMatchObject({
		actionType: 'POINTS_ADDED',
		note: 'seed 229',
		pointsAfter: 230,
	});
	// From the third page on, the next one is asked for with it (pages ahead): one page past the end.
	expect(api.requests().map((request) => request.query)).toEqual([
		{ page: '0', size: '100' },
		{ page: '1', size: '100' },
		{ page: '2', size: '100' },
		{ page: '3', size: '100' },
	]);
});

test('Limit reads only what it needs', async () => {
	api.stemp.seedPointsHistory('wp_pts', 230);
	const { items } = await history({ returnAll: false, limit: 5 });
	expect(items).toHaveLength(5);
	expect(api.requests().map((request) => request.query)).toEqual([{ page: '0', size: '5' }]);
});

test("totals in the answer's `page` are held to what arrived: a server that reports more fails loudly", async () => {
	api.stemp.seedPointsHistory('wp_pts', 120);
	api.hostile = { listTotal: 400 };
	const { error, items } = await history();
	expect(items).toEqual([]);
	expect(error?.message).toMatch(/got 120 records of the 400 the API reported/);
});

test('a server that ignores the page number fails rather than repeat or end short', async () => {
	api.stemp.seedPointsHistory('wp_pts', 250);
	api.hostile = { ignorePaging: true };
	const { error } = await history();
	expect(error?.message).toMatch(/repeated records already read/);
});

test('content that is not a list fails', async () => {
	api.stemp.seedPointsHistory('wp_pts', 3);
	api.hostile = { listRecords: { id: 'ph_1' } };
	const { error } = await history();
	expect(error?.message).toMatch(/page 0 could not be read/);
});
