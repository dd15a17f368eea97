/** Points > Get Redemptions: `GET walletpasses/{id}/points/redemptions?status`, a plain array answered whole. */
import { POINTS_TEMPLATE_ID } from '../../fake-api/stemp';
import { expectContractViolations } from '../../harness/contract-guard';
import { api, stemp, useStempApi } from '../support';

useStempApi();

beforeEach(async () => {
	api.stemp.addPass({
		walletPassId: 'wp_pts',
		templateId: POINTS_TEMPLATE_ID,
		currentPoints: 1000,
	});
	for (const rewardTierId of ['rt_croissant', 'rt_cake'])
		api.stemp.handle({
			method: 'POST',
			path: '/walletpasses/wp_pts/points/redeem',
			segments: ['walletpasses', 'wp_pts', 'points', 'redeem'],
			query: {},
			queryAll: {},
			headers: { authorization: 'Bearer stemp-test-token-7f3a9c1e5b' },
			body: { rewardTierId },
		});
	const [first] = api.stemp.redemptions.values();
	first.status = 'COMPLETED';
});

const redemptions = (filters: Record<string, unknown> = {}) =>
	stemp({ resource: 'points', operation: 'getRedemptions', walletPassId: 'wp_pts', filters });

test('one item per redemption of the card', async () => {
	const { items } = await redemptions();
	expect(items.map((item) => [item.json.rewardTierName, item.json.status])).toEqual([
		['Free croissant', 'COMPLETED'],
		['Free slice of cake', 'PENDING'],
	]);
	expect(api.requests()).toMatchObject([
		{ path: '/walletpasses/wp_pts/points/redemptions', query: {} },
	]);
});

test('the status filter is sent as the file declares it', async () => {
	const { items } = await redemptions({ status: 'PENDING' });
	expect(items.map((item) => item.json.rewardTierName)).toEqual(['Free slice of cake']);
	expect(api.requests()[0].query).toEqual({ status: 'PENDING' });
});

test('a status the file does not list is refused before sending', async () => {
	const { error } = await redemptions({ status: 'pending' });
	expect(error?.message).toBe(
		'Invalid "Status" in item 0: "pending" is not one of PENDING, COMPLETED, CANCELLED',
	);
	expect(api.requests()).toHaveLength(0);
});

test('a list answered as an object fails loudly, naming the call', async () => {
	api.stemp.handle = () => ({ status: 200, body: { id: 'rdm_1', status: 'PENDING' } });
	const { error, items } = await redemptions();
	expect(items).toEqual([]);
	expect(error?.message).toBe(
		'The answer to GET /walletpasses/wp_pts/points/redemptions could not be read as a list',
	);
	expectContractViolations(api, [/getRedemptions .*expected an array/]);
});

test('a list said to be one page of more fails rather than pass for the whole list', async () => {
	api.stemp.handle = () => ({
		status: 200,
		body: {
			content: [{ id: 'rdm_1' }],
			page: { totalElements: 40, number: 0, size: 1, totalPages: 40 },
		},
	});
	const { error } = await redemptions();
	expect(error?.description).toMatch(/one page of 40 records/);
	api.contractViolations.length = 0;
});
