/** Wallet Pass > Delete: `DELETE walletpasses/{id}` (204), retried; only stemp's own 404 to a retry proves it done. */
import type { VendorRequest } from '../../fake-api/server';
import { api, stemp, useStempApi } from '../support';

useStempApi();

const remove = (walletPassId = 'wp_abc456') =>
	stemp({ resource: 'pass', operation: 'delete', walletPassId });

test('revokes the pass', async () => {
	const { items, error } = await remove();
	expect(error).toBeUndefined();
	expect(items).toEqual([
		{ json: { walletPassId: 'wp_abc456', deleted: true }, pairedItem: { item: 0 } },
	]);
	expect(api.requests()).toMatchObject([
		{ method: 'DELETE', path: '/walletpasses/wp_abc456', status: 204 },
	]);
	expect(api.stemp.walletPasses.has('wp_abc456')).toBe(false);
});

test("a 5xx after deleting: the retry's 404 from stemp means the first attempt went through", async () => {
	api.inject({ vendor: 'stemp', method: 'DELETE', kind: 502, phase: 'after', times: 1 });
	const { items, error } = await remove();
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({
		deleted: true,
		resolution: expect.stringContaining('had deleted it'),
	});
	expect(api.requests().map((request) => request.status)).toEqual([502, 404]);
});

test("after a 5xx, a gateway's 404 to the retry proves nothing: the item fails", async () => {
	api.inject({ vendor: 'stemp', method: 'DELETE', kind: 502, phase: 'before', times: 1 });
	const original = api.stemp.handle.bind(api.stemp);
	let calls = 0;
	api.stemp.handle = (request: VendorRequest) =>
		++calls > 0 && request.method === 'DELETE'
			? { status: 404, raw: '<html>Not Found</html>', headers: { 'Content-Type': 'text/html' } }
			: original(request);
	const { error } = await remove();
	expect(error?.httpCode).toBe('404');
	api.contractViolations.length = 0;
});

test("a pass that was never there: stemp's 404 is an error (nothing was deleted by this item)", async () => {
	const { error } = await remove('wp_never');
	expect(error?.message).toBe('Wallet pass not found (walletPassId: wp_never)');
});

test('the panel warns before it revokes', async () => {
	const { loadPackage } = await import('../../harness/engine');
	const { description } = (await loadPackage()).getNode('stemp')
		.type as import('n8n-workflow').INodeType;
	const notice = description.properties.find(
		(property) =>
			property.name === 'deleteNotice' && property.displayOptions?.show?.resource?.[0] === 'pass',
	);
	expect(notice?.displayName).toContain('revokes it');
});
