/**
 * Stamped products on v3 (the reference's createProduct, lookupProduct, getProduct, filterProducts,
 * updateProduct, deleteProduct): the body as the reference types it, upsert by the shop's own product id, creates
 * that happen exactly once, checks before anything is sent, paging with filters.
 */
import {
	api,
	expectRefusedBeforeSending,
	merchant,
	stampedV2,
	stampedV3,
	summary,
	useStampedApi,
} from '../support';

useStampedApi();

const create = (more: Record<string, unknown> = {}) => ({
	resource: 'product',
	operation: 'create',
	productId: 'beans-espresso',
	title: 'Espresso Beans',
	additionalFields: {
		description: '<p>Dark roast</p>',
		vendor: 'Roastery',
		type: 'Coffee',
		handle: 'espresso-beans',
		status: 'active',
		publishedScope: 'web',
		tags: 'coffee, dark',
		imageUrl: 'https://shop.example.com/beans.jpg',
		variants:
			'[{"variantId": "esp-1kg", "title": "1 kg", "price": "24.00", "sku": "ESP-1KG", "weight": 1, "weightUnit": "kg", "inventoryQuantity": 12, "position": 1, "taxable": true, "requiresShipping": "true"}]',
	},
	...more,
});

const expectedBody = {
	customProductId: 'beans-espresso',
	title: 'Espresso Beans',
	htmlProductDescription: '<p>Dark roast</p>',
	vendor: 'Roastery',
	type: 'Coffee',
	handle: 'espresso-beans',
	status: 'active',
	publishedScope: 'web',
	tags: ['coffee', 'dark'],
	images: [{ urlSrc: 'https://shop.example.com/beans.jpg', position: '1' }],
	variants: [
		{
			customVariantId: 'esp-1kg',
			title: '1 kg',
			price: '24.00',
			sku: 'ESP-1KG',
			weight: '1',
			weightUnit: 'kg',
			inventoryQuantity: '12',
			position: '1',
			taxable: 'true',
			requiresShipping: 'true',
		},
	],
};

describe('Product > Create and Create or Update on v3', () => {
	test('Create sends the product as the reference types it: variant figures and flags as text', async () => {
		const { items, error } = await stampedV3(create());
		expect(error).toBeUndefined();
		expect(api.requests()).toMatchObject([
			{ method: 'POST', path: merchant('/products'), body: expectedBody },
		]);
		expect(items[0].json).toMatchObject({
			customProductId: 'beans-espresso',
			title: 'Espresso Beans',
		});
		expect(items[0].json.productId).toMatch(/^prd_/);
	});

	test("Create of a product id Stamped has already is Stamped's 400, quoted", async () => {
		api.stampedV3.insertProduct({ customProductId: 'beans-espresso', title: 'Old' });
		const { error } = await stampedV3(create());
		expect(error?.message).toBe('A product with customProductId beans-espresso already exists');
		expect(api.requests({ path: '/products/lookup' })).toHaveLength(0);
	});

	test('Create or Update creates a product Stamped does not have (after a lookup by customProductId)', async () => {
		const { items } = await stampedV3(create({ operation: 'upsert' }));
		expect(summary()).toEqual([
			`GET ${merchant('/products/lookup')} 404`,
			`POST ${merchant('/products')} 200`,
		]);
		expect(api.requests()[0].query).toEqual({ customProductId: 'beans-espresso' });
		expect(items[0].json).toMatchObject({ customProductId: 'beans-espresso' });
		expect(api.stampedV3.products.size).toBe(1);
	});

	test('Create or Update updates the product Stamped has under that customProductId', async () => {
		const existing = api.stampedV3.insertProduct({
			customProductId: 'beans-espresso',
			title: 'Old',
			vendor: 'Old vendor',
		});
		const { items } = await stampedV3(
			create({ operation: 'upsert', additionalFields: { status: 'archived' } }),
		);
		expect(summary()).toEqual([
			`GET ${merchant('/products/lookup')} 200`,
			`PATCH ${merchant(`/products/${existing.productId}`)} 200`,
		]);
		expect(api.requests()[1].body).toEqual({
			customProductId: 'beans-espresso',
			title: 'Espresso Beans',
			status: 'archived',
		});
		expect(items[0].json).toMatchObject({
			productId: existing.productId,
			title: 'Espresso Beans',
			vendor: 'Old vendor',
			status: 'archived',
		});
		expect(api.stampedV3.products.size).toBe(1);
	});

	test('Create or Update of the same product twice in one run: one product, created then updated', async () => {
		const { items } = await stampedV3(
			create({ operation: 'upsert', title: '={{ $json.title }}', additionalFields: {} }),
			{
				input: [{ title: 'First' }, { title: 'Second' }],
			},
		);
		expect(items.map((item) => item.json.title)).toEqual(['First', 'Second']);
		expect(api.stampedV3.products.size).toBe(1);
	});

	test.each([
		['create', { kind: 500 as const }],
		['upsert', { kind: 'drop' as const }],
	])(
		'%s after an ambiguous failure that created it: found by customProductId, not sent again',
		async (operation, fault) => {
			api.inject({
				vendor: 'stampedV3',
				method: 'POST',
				path: '/products',
				times: 1,
				phase: 'after',
				...fault,
			});
			const { items, error } = await stampedV3(create({ operation }));
			expect(error).toBeUndefined();
			expect(api.requests({ method: 'POST' })).toHaveLength(1);
			expect(api.stampedV3.products.size).toBe(1);
			expect(items[0].json).toMatchObject({
				customProductId: 'beans-espresso',
				resolvedByLookup: true,
			});
			expect(items[0].json.resolution).toMatch(/found by its customProductId/);
		},
	);

	test('create after an ambiguous failure that created nothing: sent once more', async () => {
		api.inject({
			vendor: 'stampedV3',
			method: 'POST',
			path: '/products',
			times: 1,
			phase: 'before',
			kind: 'drop',
		});
		const { items } = await stampedV3(create());
		expect(summary()).toEqual([
			`POST ${merchant('/products')} 0`,
			`GET ${merchant('/products/lookup')} 404`,
			`POST ${merchant('/products')} 200`,
		]);
		expect(items[0].json).toMatchObject({ resolvedByLookup: false });
		expect(api.stampedV3.products.size).toBe(1);
	});

	test.each([
		[{ productId: '={{ ["a"] }}' }, 'Invalid "Product ID" in item 0: it is a list, not a text'],
		[{ title: ' ' }, 'Invalid "Title" in item 0: it is empty'],
		[
			{ additionalFields: { imageUrl: 'javascript:alert(1)' } },
			'Invalid "Image URL" in item 0: "javascript:alert(1)" is not an http(s) URL',
		],
		[
			{ additionalFields: { variants: '[{"price": 1' } },
			'Invalid "Variants" in item 0: it is not valid JSON (expected an array such as [{"variantId": "v1", "price": 24}])',
		],
		[
			{ additionalFields: { variants: '{"price": 1}' } },
			'Invalid "Variants" in item 0: it must be an array of variants (objects)',
		],
		[
			{ additionalFields: { variants: '[{"colour": "red"}]' } },
			'Invalid "Variants[0]" in item 0: "colour" is not a field of a variant (it has variantId, customVariantId, title, sku, barcode, weightUnit, price, weight, position, inventoryQuantity, taxable, requiresShipping)',
		],
		[
			{ additionalFields: { variants: '[{"inventoryQuantity": 1.5}]' } },
			'Invalid "Variants[0].inventoryQuantity" in item 0: "1.5" is not a whole number',
		],
		[
			{ additionalFields: { variants: '[{"taxable": "yes"}]' } },
			'Invalid "Variants[0].taxable" in item 0: "yes" is not true or false',
		],
		[
			{ additionalFields: { variants: '[{"title": {"en": "x"}}]' } },
			'Invalid "Variants[0].title" in item 0: it is an object, not a text',
		],
		[
			{ additionalFields: { vendor: '={{ {"name": "x"} }}' } },
			'Invalid "Vendor" in item 0: it is an object, not a text',
		],
	])('%j is refused before anything is sent', async (override, message) => {
		await expectRefusedBeforeSending(stampedV3, create(override), message);
		await expectRefusedBeforeSending(
			stampedV3,
			create({ ...override, operation: 'upsert' }),
			message,
		);
	});
});

describe('Product > Get, Update, Delete on v3', () => {
	test.each([
		['stampedId', true, {}],
		['customProductId', false, { customProductId: 'sku-1' }],
	])('Get by %s', async (lookupBy, byPath, query) => {
		const product = api.stampedV3.insertProduct({ customProductId: 'sku-1', title: 'Mug' });
		const { items } = await stampedV3({
			resource: 'product',
			operation: 'get',
			lookupBy,
			lookupValue: byPath ? product.productId : 'sku-1',
		});
		expect(api.requests()).toMatchObject([
			{
				method: 'GET',
				path: merchant(byPath ? `/products/${product.productId}` : '/products/lookup'),
				query,
			},
		]);
		expect(items[0].json).toMatchObject({ productId: product.productId, title: 'Mug' });
	});

	test("Get of an unknown product is Stamped's 404", async () => {
		const { error } = await stampedV3({
			resource: 'product',
			operation: 'get',
			lookupBy: 'bigcommerceId',
			lookupValue: '7',
		});
		expect(error?.message).toBe('Product not found');
		expect(error?.httpCode).toBe('404');
	});

	test('a Stamped id of ".." or with a slash never changes the endpoint', async () => {
		await expectRefusedBeforeSending(
			stampedV3,
			{ resource: 'product', operation: 'delete', lookupBy: 'stampedId', lookupValue: '..' },
			'Invalid "Lookup Value" in item 0: ".." is not an ID: as part of a URL it would address another endpoint',
		);
		await stampedV3({
			resource: 'product',
			operation: 'get',
			lookupBy: 'stampedId',
			lookupValue: 'a/../b',
		});
		expect(api.requests()[0].rawPath).toBe(merchant('/products/a%2F..%2Fb'));
	});

	test('Update sends only the fields set, after finding the product', async () => {
		const product = api.stampedV3.insertProduct({
			customProductId: 'sku-1',
			title: 'Mug',
			vendor: 'A',
		});
		const { items } = await stampedV3({
			resource: 'product',
			operation: 'update',
			lookupBy: 'customProductId',
			lookupValue: 'sku-1',
			updateFields: { title: 'Big Mug', tags: ['kitchen'] },
		});
		expect(api.requests()[1]).toMatchObject({
			method: 'PATCH',
			path: merchant(`/products/${product.productId}`),
			body: { title: 'Big Mug', tags: ['kitchen'] },
		});
		expect(items[0].json).toMatchObject({ title: 'Big Mug', vendor: 'A' });
	});

	test('Update with no field set is refused before anything is sent', async () => {
		await expectRefusedBeforeSending(
			stampedV3,
			{
				resource: 'product',
				operation: 'update',
				lookupBy: 'stampedId',
				lookupValue: 'prd_1',
				updateFields: {},
			},
			'Nothing to update in item 0',
		);
	});

	test('Delete answers softDelete', async () => {
		const product = api.stampedV3.insertProduct({ customProductId: 'sku-1', title: 'Mug' });
		const { items } = await stampedV3({
			resource: 'product',
			operation: 'delete',
			lookupBy: 'stampedId',
			lookupValue: product.productId,
		});
		expect(items[0].json).toEqual({
			productId: product.productId,
			deleted: true,
			softDelete: true,
		});
		expect(api.stampedV3.products.size).toBe(0);
	});
});

describe('Product > Get Many on v3', () => {
	beforeEach(() => {
		api.stampedV3.seedProducts(230);
		api.stampedV3.insertProduct({
			customProductId: 'mug-1',
			title: 'Mug',
			vendor: 'Potter',
			tags: ['kitchen', 'gift'],
		});
		api.stampedV3.insertProduct({
			customProductId: 'mug-2',
			title: 'Mug XL',
			vendor: 'Potter',
			tags: ['kitchen'],
		});
	});

	test('Return All reads every page, each product once', async () => {
		const { items } = await stampedV3({
			resource: 'product',
			operation: 'getAll',
			returnAll: true,
		});
		expect(items).toHaveLength(232);
		expect(new Set(items.map((item) => item.json.productId)).size).toBe(232);
		// Pages 0 to 2, and page 3 asked for ahead with page 2 (past the end, dropped unread).
		expect(api.requests().map((entry) => entry.query.page)).toEqual(['0', '1', '2', '3']);
	});

	test('Limit stops early', async () => {
		const { items } = await stampedV3({
			resource: 'product',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
		});
		expect(items).toHaveLength(5);
		expect(api.requests().map((entry) => entry.query)).toEqual([{ page: '0', limit: '5' }]);
	});

	test('filters go as the reference declares them, tags repeated', async () => {
		const { items } = await stampedV3({
			resource: 'product',
			operation: 'getAll',
			returnAll: true,
			filters: { vendor: 'Potter', title: 'Mug', tags: ['kitchen', 'gift'] },
		});
		expect(items.map((item) => item.json.customProductId)).toEqual(['mug-1']);
		expect(api.requests()[0].queryAll).toEqual({
			vendor: ['Potter'],
			title: ['Mug'],
			tags: ['kitchen', 'gift'],
			page: ['0'],
			limit: ['100'],
		});
	});

	test('a filter that is not text is refused before anything is sent', async () => {
		await expectRefusedBeforeSending(
			stampedV3,
			{
				resource: 'product',
				operation: 'getAll',
				returnAll: true,
				filters: { status: '={{ {"a": 1} }}' },
			},
			'Invalid "Status" in item 0: it is an object, not a text',
		);
	});

	test('records that are not records make the list fail, loudly', async () => {
		api.hostile = { listRecords: 'nope' };
		const { error, items } = await stampedV3({
			resource: 'product',
			operation: 'getAll',
			returnAll: true,
		});
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/could not be read completely/);
	});
});

describe('products need API v3', () => {
	test.each(['create', 'upsert', 'get', 'getAll', 'update', 'delete'])(
		'%s with a v2 credential is refused before any request',
		async (operation) => {
			const { error } = await stampedV2({
				...create(),
				operation,
				lookupBy: 'stampedId',
				lookupValue: 'p1',
			});
			expect(error?.message).toMatch(
				/^"Product > [A-Za-z ]+" is offered by Stamped API v3, but the selected credential is for Stamped API v2$/,
			);
			expect(api.requests()).toHaveLength(0);
		},
	);
});
