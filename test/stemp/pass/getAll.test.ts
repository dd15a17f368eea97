/** Wallet Pass > Get Many: `GET walletpasses?templateId&userId&status`, answered whole as `{passes: [...]}`. */
import { POINTS_TEMPLATE_ID, STAMP_TEMPLATE_ID } from '../../fake-api/stemp';
import { expectContractViolations } from '../../harness/contract-guard';
import { api, stemp, useStempApi } from '../support';

useStempApi();

let janeId: string;
beforeEach(() => {
	janeId = api.stemp.addUser({ email: 'jane@example.com', walletPassIds: ['wp_jane'] }).id;
	api.stemp.addPass({
		walletPassId: 'wp_pts',
		templateId: POINTS_TEMPLATE_ID,
		userId: janeId,
		installed: false,
	});
});

const getAll = (parameters: Record<string, unknown> = {}) =>
	stemp({ resource: 'pass', operation: 'getAll', returnAll: true, ...parameters });

test("every pass, with its customer's e-mail", async () => {
	const { items, error } = await getAll();
	expect(error).toBeUndefined();
	expect(items.map((item) => [item.json.id, (item.json.user as { email: string }).email])).toEqual([
		['wp_abc456', 'walk-in@example.com'],
		['wp_jane', 'jane@example.com'],
		['wp_pts', 'jane@example.com'],
	]);
	expect(api.requests()).toMatchObject([{ path: '/walletpasses', query: {} }]);
});

test('filters go to stemp as the file names them; Installed Only is status=INSTALLED', async () => {
	const { items } = await getAll({
		filters: { templateId: STAMP_TEMPLATE_ID, userId: janeId, installedOnly: true },
	});
	expect(items.map((item) => item.json.id)).toEqual(['wp_jane']);
	expect(api.requests()[0].query).toEqual({
		templateId: STAMP_TEMPLATE_ID,
		userId: janeId,
		status: 'INSTALLED',
	});
});

test('a Limit keeps the first passes of the one answer', async () => {
	const { items } = await getAll({ returnAll: false, limit: 2 });
	expect(items.map((item) => item.json.id)).toEqual(['wp_abc456', 'wp_jane']);
	expect(api.requests()).toHaveLength(1);
});

test('a filter that is an object is refused before sending', async () => {
	expect((await getAll({ filters: { templateId: '={{ { a: 1 } }}' } })).error?.message).toBe(
		'Invalid "Template ID" in item 0: it is an object, not a text',
	);
	expect(api.requests()).toHaveLength(0);
});

test('an answer without its list of passes fails loudly instead of looking empty', async () => {
	api.stemp.handle = () => ({ status: 200, body: { passes: null, total: 3 } });
	const { error, items } = await getAll();
	expect(items).toEqual([]);
	expect(error?.message).toBe('The answer to GET /walletpasses could not be read as a list');
	expectContractViolations(api, [
		/getOrganizationWalletPasses .*passes: required, missing/,
		/getOrganizationWalletPasses .*passes: expected an array, got null/,
	]);
});
