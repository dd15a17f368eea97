/** stemp stamp history: Return All over every page, Limit, the envelopes stemp may answer with, no endless loop. */
import { api, stemp, useStempApi } from '../support';

useStempApi();

describe('history', () => {
	test('Return All walks every page, one item per entry, newest first', async () => {
		api.stemp.seedHistory('wp_abc456', 250);
		const { items } = await stemp({
			operation: 'getHistory',
			walletPassId: 'wp_abc456',
			returnAll: true,
		});
		expect(items).toHaveLength(250);
		expect(items[0].json.note).toBe('seed 249');
		expect(items[249].json.note).toBe('seed 0');
		expect(new Set(items.map((item) => item.json.id)).size).toBe(250);
		expect(
			items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
		// From the third page on, the next one is asked for with it (pages ahead): one page past the end.
		expect(api.requests().map((request) => request.query)).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
			{ page: '2', size: '100' },
			{ page: '3', size: '100' },
		]);
	});

	test('Limit fetches only the pages it needs', async () => {
		api.stemp.seedHistory('wp_abc456', 250);
		const { items } = await stemp({
			operation: 'getHistory',
			walletPassId: 'wp_abc456',
			returnAll: false,
			limit: 30,
		});
		expect(items).toHaveLength(30);
		expect(api.requests().map((request) => request.query)).toEqual([{ page: '0', size: '30' }]);
	});

	test('Limit above one page keeps the page size, so pages keep their offsets', async () => {
		api.stemp.seedHistory('wp_abc456', 250);
		const { items } = await stemp({
			operation: 'getHistory',
			walletPassId: 'wp_abc456',
			returnAll: false,
			limit: 150,
		});
		expect(items).toHaveLength(150);
		expect(items[149].json.note).toBe('seed 100');
		expect(api.requests().map((request) => request.query)).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
		]);
	});

	test('an empty history gives no items and one request', async () => {
		const { items, error } = await stemp({
			operation: 'getHistory',
			walletPassId: 'wp_abc456',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(api.requests()).toHaveLength(1);
	});

	test.each(['array', 'data', 'items', 'spring'] as const)(
		'reads the %s envelope',
		async (envelope) => {
			api.stemp.historyEnvelope = envelope;
			api.stemp.seedHistory('wp_abc456', 120);
			const { items } = await stemp({
				operation: 'getHistory',
				walletPassId: 'wp_abc456',
				returnAll: true,
			});
			expect(items).toHaveLength(120);
			expect(items[0].json).toMatchObject({
				walletPassId: 'wp_abc456',
				actionType: 'STAMP_ADDED',
				stampsDelta: 1,
			});
		},
	);

	test('a server that ignores the page number does not make it loop, and fails rather than end short', async () => {
		api.stemp.historyEnvelope = 'array';
		api.stemp.seedHistory('wp_abc456', 100);
		api.stemp.seedHistory('wp_abc456', 0);
		const original = api.stemp.handle.bind(api.stemp);
		api.stemp.handle = (request) =>
			original({ ...request, query: { ...request.query, page: '0' } });
		const { items, error } = await stemp({
			operation: 'getHistory',
			walletPassId: 'wp_abc456',
			returnAll: true,
		});
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/got 100 records; page 1 repeated records already read/);
		// Page 1 repeated page 0, and a smaller page 0 came back smaller: a server that ignores the page number.
		expect(api.requests().map((request) => request.query)).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
			{ page: '0', size: '99' },
		]);
	});
});
