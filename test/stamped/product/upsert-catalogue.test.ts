/**
 * Product > Create or Update over many items (a catalogue sync): the catalogue is read once and replaces the
 * lookup of each product, while every guarantee of the per-product path holds: a product is created exactly once
 * (also after an ambiguous failure), taken only under exactly its ID, and proven absent only by a complete read;
 * a read that fails or cannot be complete falls back to the lookups, never to creates.
 */
import type { IDataObject } from 'n8n-workflow';

import { api, merchant, stampedV3, useStampedApi } from '../support';

useStampedApi();

/** Create or Update with the product ID, title and vendor of each input item. */
const upsert = {
	resource: 'product',
	operation: 'upsert',
	productId: '={{ $json.id }}',
	title: '={{ $json.title }}',
	additionalFields: { vendor: 'Roastery' },
};
const itemsFor = (ids: string[]) => ids.map((id) => ({ id, title: `Synced ${id}` }));
const sku = (i: number) => `sku-${String(i).padStart(5, '0')}`;
const skus = (from: number, to: number) =>
	Array.from({ length: to - from }, (_, i) => sku(from + i));

const lookups = () => api.requests({ path: '/products/lookup' });
const catalogueReads = () =>
	api.requests({ method: 'GET' }).filter((request) => request.path === merchant('/products'));
const writes = (method: 'POST' | 'PATCH') => api.requests({ method });
const productsHeld = (id: string) =>
	[...api.stampedV3.products.values()].filter((product) => product.customProductId === id);

async function sync(ids: string[], options: { continueOnFail?: boolean } = {}) {
	return await stampedV3(upsert, { input: itemsFor(ids), ...options });
}

describe('a catalogue sync reads the catalogue once instead of looking each product up', () => {
	test('20 products, 10 in Stamped: one catalogue read, then only the writes (no lookup)', async () => {
		api.stampedV3.seedProducts(10);
		const ids = skus(0, 20);
		const { items, error } = await sync(ids);
		expect(error).toBeUndefined();
		expect(lookups()).toHaveLength(0);
		expect(catalogueReads()).toHaveLength(1);
		expect(writes('PATCH')).toHaveLength(10);
		expect(writes('POST')).toHaveLength(10);
		expect(api.requests()).toHaveLength(21);
		// Each product once in Stamped, updated or created, and the output in input order, paired.
		expect(ids.every((id) => productsHeld(id).length === 1)).toBe(true);
		expect(items.map((item) => item.json.customProductId)).toEqual(ids);
		expect(items.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(items.every((item) => item.json.title === `Synced ${item.json.customProductId}`)).toBe(
			true,
		);
	});

	test('fewer than 4 products: each looked up, as one item alone', async () => {
		api.stampedV3.seedProducts(2);
		const { error } = await sync(skus(0, 3));
		expect(error).toBeUndefined();
		expect(catalogueReads()).toHaveLength(0);
		expect(lookups()).toHaveLength(3);
	});

	test('a catalogue larger than the items make worth reading (a page per 4 products): the lookups instead', async () => {
		api.stampedV3.seedProducts(300);
		const ids = skus(290, 298);
		const { error } = await sync(ids);
		expect(error).toBeUndefined();
		// 8 products allow 2 pages of 100: the third page shows there is more, and the read stops there.
		expect(catalogueReads().map((request) => request.query.page)).toEqual(['0', '1', '2']);
		expect(lookups()).toHaveLength(8);
		expect(writes('POST')).toHaveLength(0);
	});

	test('the same product twice in the run (not in Stamped): created once, then updated', async () => {
		const ids = ['new-1', 'new-2', 'new-1', 'new-3', 'new-4'];
		const { items, error } = await sync(ids);
		expect(error).toBeUndefined();
		expect(productsHeld('new-1')).toHaveLength(1);
		expect(writes('POST')).toHaveLength(4);
		expect(writes('PATCH').map((request) => request.path)).toEqual([
			merchant(`/products/${productsHeld('new-1')[0].productId}`),
		]);
		expect(items.map((item) => item.json.customProductId)).toEqual(ids);
	});
});

describe('only what a complete catalogue read proves', () => {
	test('a product ID held twice in Stamped is looked up, as one item alone would be', async () => {
		api.stampedV3.seedProducts(5);
		api.stampedV3.insertProduct({ customProductId: 'dup-1', title: 'A' });
		api.stampedV3.insertProduct({ customProductId: 'dup-1', title: 'B' });
		const { items } = await sync([...skus(0, 5), 'dup-1'], { continueOnFail: true });
		expect(lookups().map((request) => request.query.customProductId)).toEqual(['dup-1']);
		// What follows is Stamped's to say (this fake refuses the update: another product holds the ID too).
		expect(items[5].json.error).toBe('A product with customProductId dup-1 already exists');
		expect(productsHeld('dup-1')).toHaveLength(2);
		expect(writes('POST')).toHaveLength(0);
	});

	test.each([
		['letter case', 'SKU-X1', 'sku-x1'],
		['spaces', ' sku-x1', 'sku-x1'],
		['a longer ID that begins with it', 'sku-x10', 'sku-x1'],
	])(
		'a product whose ID differs from the one asked only by %s is not taken for it, nor is its absence assumed: looked up',
		async (_what, held, asked) => {
			api.stampedV3.seedProducts(5);
			api.stampedV3.insertProduct({ customProductId: held, title: 'Held' });
			const { items, error } = await sync([...skus(0, 5), asked]);
			expect(error).toBeUndefined();
			expect(lookups().map((request) => request.query.customProductId)).toEqual([asked]);
			// Stamped's exact lookup says it is not there: created under exactly the ID asked, the other untouched.
			expect(productsHeld(asked)).toHaveLength(1);
			expect(productsHeld(held)[0].title).toBe('Held');
			expect(items[5].json.customProductId).toBe(asked);
		},
	);

	test('with lookups that match loosely, a near match held makes the item fail as one item alone would: nothing created', async () => {
		api.stampedV3.seedProducts(5);
		api.stampedV3.insertProduct({ customProductId: 'SKU-X1', title: 'Held' });
		api.hostile = { lenientLookups: true };
		const { items, error } = await sync([...skus(0, 5), 'sku-x1'], { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items[5].json.error).toMatch(/lookup of the product with customProductId "sku-x1"/);
		expect(productsHeld('sku-x1')).toHaveLength(0);
		expect(writes('POST')).toHaveLength(0);
	});

	test.each([
		[
			'answered 500 every time',
			() =>
				api.inject({ vendor: 'stampedV3', kind: 500, times: 50, method: 'GET', path: '/products' }),
		],
		[
			'a page that says more follow on every page (never ends)',
			() => (api.hostile = { morePagesAlways: true }),
		],
		['a server that ignores the page number', () => (api.hostile = { ignorePaging: true })],
		['an answer that holds no list', () => (api.hostile = { listRecords: 'none' })],
	])(
		'a catalogue read %s: every product looked up, none created blindly',
		async (_what, misbehave) => {
			api.stampedV3.seedProducts(250);
			misbehave();
			const ids = [...skus(200, 220), 'new-1', 'new-2'];
			const { error } = await sync(ids, { continueOnFail: true });
			expect(error).toBeUndefined();
			// Every write was preceded by the lookup of its product.
			const log = api
				.requests()
				.filter((request) => request.path !== merchant('/products') || request.method !== 'GET');
			for (const id of ids) {
				const first = log.findIndex(
					(request) =>
						request.query.customProductId === id ||
						(request.body as IDataObject)?.customProductId === id,
				);
				expect({ id, first: log[first]?.path }).toEqual({
					id,
					first: merchant('/products/lookup'),
				});
			}
			expect(lookups().length).toBeGreaterThanOrEqual(ids.length);
			expect(skus(200, 220).every((id) => productsHeld(id).length === 1)).toBe(true);
		},
	);

	test('products removed from the front of the catalogue while it is read: none taken for absent, none created twice', async () => {
		api.stampedV3.seedProducts(500);
		let removed = false;
		api.stampedV3.onListPage = (route, page) => {
			if (route === 'merchant/products' && page === 3 && !removed) {
				removed = true;
				for (const id of [...api.stampedV3.products.keys()].slice(0, 15))
					api.stampedV3.products.delete(id);
			}
		};
		// 40 products held past the removed ones: the removal moves them across page boundaries while read.
		const ids = Array.from({ length: 40 }, (_, i) => sku(100 + i * 10));
		const { error } = await sync(ids);
		expect(error).toBeUndefined();
		expect(removed).toBe(true);
		expect(writes('POST')).toHaveLength(0);
		expect(writes('PATCH')).toHaveLength(40);
		expect(ids.every((id) => productsHeld(id).length === 1)).toBe(true);
	});
});

describe('what changes between the catalogue read and the writes', () => {
	/** Runs `change` just after the catalogue's first page has been answered. */
	const afterCatalogueRead = (change: () => void) => {
		api.latencyMs = 5;
		let done = false;
		api.stampedV3.onListPage = (route) => {
			if (route === 'merchant/products' && !done) {
				done = true;
				setTimeout(change, 0);
			}
		};
	};

	test('a product created since by another workflow: Stamped refuses the create, the product is found and updated', async () => {
		api.stampedV3.seedProducts(5);
		afterCatalogueRead(() =>
			api.stampedV3.insertProduct({ customProductId: 'new-1', title: 'Theirs' }),
		);
		const { items, error } = await sync([...skus(0, 5), 'new-1']);
		expect(error).toBeUndefined();
		expect(productsHeld('new-1')).toHaveLength(1);
		expect(productsHeld('new-1')[0].title).toBe('Synced new-1');
		expect(items[5].json).toMatchObject({ customProductId: 'new-1', title: 'Synced new-1' });
		expect(
			api
				.requests()
				.slice(-3)
				.map((request) => `${request.method} ${request.status}`),
		).toEqual(['POST 400', 'GET 200', 'PATCH 200']);
	});

	test("a product deleted since: Stamped's own not-found on the update, then looked up and created once", async () => {
		api.stampedV3.seedProducts(6);
		const gone = [...api.stampedV3.products.values()][5];
		afterCatalogueRead(() => api.stampedV3.products.delete(gone.productId));
		const { error } = await sync(skus(0, 6));
		expect(error).toBeUndefined();
		expect(productsHeld(sku(5))).toHaveLength(1);
		expect(productsHeld(sku(5))[0].productId).not.toBe(gone.productId);
		expect(lookups().map((request) => request.query.customProductId)).toEqual([sku(5)]);
	});

	test('an update answered 404 by something other than Stamped proves nothing: the item fails, nothing is created', async () => {
		api.stampedV3.seedProducts(6);
		api.inject({
			vendor: 'stampedV3',
			method: 'PATCH',
			path: '/products/',
			times: 1,
			kind: 404,
			raw: '<html><body>404 Not Found</body></html>',
		});
		const { items, error } = await sync(skus(0, 6), { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(items[0].json.error).toBeDefined();
		expect(items[0].json.errorDescription).toMatch(/does not prove the record absent/);
		expect(writes('POST')).toHaveLength(0);
	});

	test('a create that fails ambiguously but went through: found by its ID, not sent again', async () => {
		api.stampedV3.seedProducts(5);
		api.inject({
			vendor: 'stampedV3',
			method: 'POST',
			path: '/products',
			times: 1,
			phase: 'after',
			kind: 'drop',
		});
		const { items, error } = await sync([...skus(0, 5), 'new-1']);
		expect(error).toBeUndefined();
		expect(writes('POST')).toHaveLength(1);
		expect(productsHeld('new-1')).toHaveLength(1);
		expect(items[5].json).toMatchObject({ customProductId: 'new-1', resolvedByLookup: true });
	});

	test('a create whose outcome stays unknown: a later item on the same product looks it up, never creates blindly', async () => {
		api.stampedV3.seedProducts(5);
		// The create is dropped after it was applied, and so is the lookup that would tell.
		api.inject({
			vendor: 'stampedV3',
			method: 'POST',
			path: '/products',
			times: 1,
			phase: 'after',
			kind: 'drop',
		});
		api.inject({
			vendor: 'stampedV3',
			method: 'GET',
			path: '/products/lookup',
			times: 10,
			kind: 'drop',
		});
		const { items, error } = await sync([...skus(0, 5), 'new-1', 'new-1'], {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items[5].json.error).toBeDefined();
		expect(items[6].json.error).toBeDefined();
		expect(writes('POST')).toHaveLength(1);
		expect(productsHeld('new-1')).toHaveLength(1);
	});
});
