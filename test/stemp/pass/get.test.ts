/** Wallet Pass > Get: `GET walletpasses/{id}`, the pass with its customer, template and state. */
import { api, stemp, useStempApi } from '../support';

useStempApi();

test("outputs the pass with its customer's e-mail, its template and its stamp state", async () => {
	api.stemp.addUser({ email: 'jane@example.com', name: 'Jane Doe', walletPassIds: ['wp_jane'] });
	const { items, error } = await stemp({
		resource: 'pass',
		operation: 'get',
		walletPassId: 'wp_jane',
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({
		id: 'wp_jane',
		object: 'wallet_pass',
		user: { email: 'jane@example.com', name: 'Jane Doe' },
		template: { name: 'Coffee stamp card', hasStampFeature: true },
		stampState: { currentStamps: 0, maxStamps: 10 },
		installations: [{ platform: 'APPLE', status: 'INSTALLED' }],
	});
	expect(api.requests()).toMatchObject([{ method: 'GET', path: '/walletpasses/wp_jane' }]);
});

test('"validate" as an ID is the pass "validate", not the QR check (a GET, one encoded segment)', async () => {
	api.stemp.addPass({ walletPassId: 'validate' });
	const { error } = await stemp({ resource: 'pass', operation: 'get', walletPassId: 'validate' });
	expect(error).toBeUndefined();
	expect(api.requests()).toMatchObject([{ method: 'GET', path: '/walletpasses/validate' }]);
});

test("a pass stemp does not know: stemp's own 404 with the hint", async () => {
	const { error } = await stemp({ resource: 'pass', operation: 'get', walletPassId: 'wp_nope' });
	expect(error?.message).toBe('Wallet pass not found (walletPassId: wp_nope)');
	expect(error?.description).toContain('Check the Wallet Pass ID');
});

test('a redirect to another origin is not followed: the token never leaves', async () => {
	api.inject({ vendor: 'stemp', kind: 302, redirectTo: 'http://127.0.0.1:9/steal', times: 1 });
	const { error } = await stemp({ resource: 'pass', operation: 'get', walletPassId: 'wp_abc456' });
	expect(error?.message).toMatch(/redirected GET \/walletpasses\/wp_abc456 to another origin/);
	expect(api.requests()).toHaveLength(1);
});
