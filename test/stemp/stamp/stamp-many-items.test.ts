/** stemp with many input items: four passes at a time, one pass in input order, and what a failure stops. */
import { api, stemp, useStempApi } from '../support';

useStempApi();

describe('many items', () => {
	const passes = Array.from({ length: 12 }, (_, i) => `wp_bulk_${i}`);
	beforeEach(() => {
		for (const walletPassId of passes) api.stemp.addPass({ walletPassId, currentStamps: 1 });
		api.latencyMs = 15;
	});

	test('items on different passes are sent four at a time; the output keeps the input order', async () => {
		api.holdUntilInFlight = 4;
		const { items, error } = await stemp(
			{ operation: 'add', walletPassId: '={{ $json.pass }}' },
			{ input: passes.map((pass) => ({ pass })) },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.walletPassId, item.pairedItem])).toEqual(
			passes.map((pass, i) => [pass, { item: i }]),
		);
		expect(api.maxInFlight).toBe(4);
		expect(api.requests()).toHaveLength(12);
	});

	test('items on the same pass wait for each other, in input order', async () => {
		const { items } = await stemp(
			{ operation: 'set', walletPassId: '={{ $json.pass }}', stamps: '={{ $json.stamps }}' },
			{
				input: [
					{ pass: 'wp_bulk_0', stamps: 7 },
					{ pass: 'wp_bulk_1', stamps: 2 },
					{ pass: 'wp_bulk_0', stamps: 3 },
					{ pass: 'wp_bulk_0', stamps: 5 },
				],
			},
		);
		expect(items.map((item) => item.json.currentStamps)).toEqual([7, 2, 3, 5]);
		expect(api.stemp.passes.get('wp_bulk_0')!.currentStamps).toBe(5);
		const onFirstPass = api.requests({ path: 'wp_bulk_0' });
		expect(onFirstPass.map((request) => request.body)).toEqual([
			{ stamps: 7 },
			{ stamps: 3 },
			{ stamps: 5 },
		]);
		// Each waited for the one before: none overlapped.
		for (let i = 1; i < onFirstPass.length; i++)
			expect(onFirstPass[i].receivedAt).toBeGreaterThanOrEqual(onFirstPass[i - 1].receivedAt + 15);
	});

	test('a failure starts no further item and fails the run with the earliest failing item', async () => {
		const input = passes.map((pass) => ({ pass }));
		input[2] = { pass: 'wp_missing' };
		const { error } = await stemp(
			{ operation: 'add', walletPassId: '={{ $json.pass }}' },
			{ input },
		);
		expect(error?.message).toBe('Wallet pass not found (walletPassId: wp_missing)');
		expect(error?.context?.itemIndex).toBe(2);
		// At most the items already on their way when item 2 failed were sent, never the whole list.
		expect(api.requests().length).toBeLessThan(8);
		// Those after item 2 that went through are named, so that a re-run can leave them out.
		const doneLater = input
			.map(({ pass }, itemIndex) =>
				itemIndex > 2 && api.stemp.passes.get(pass)!.currentStamps > 1 ? itemIndex : -1,
			)
			.filter((itemIndex) => itemIndex >= 0);
		expect(doneLater.length).toBeGreaterThan(0);
		expect(error?.description).toContain(
			`${doneLater.join(', ')}, sent at the same time, succeeded before the run stopped`,
		);
	});

	test('with Continue On Fail every item runs and the failure sits on its own item', async () => {
		const input = passes.map((pass) => ({ pass }));
		input[2] = { pass: 'wp_missing' };
		const { items } = await stemp(
			{ operation: 'add', walletPassId: '={{ $json.pass }}' },
			{ input, continueOnFail: true },
		);
		expect(items).toHaveLength(12);
		expect(items[2].json.error).toBe('Wallet pass not found (walletPassId: wp_missing)');
		expect(items.filter((item) => item.json.error === undefined)).toHaveLength(11);
		expect(items.map((item) => item.pairedItem)).toEqual(passes.map((_, i) => ({ item: i })));
	});
});
