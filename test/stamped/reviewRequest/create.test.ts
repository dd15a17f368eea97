/** reviewRequest create: orders batched 100 per request, each item its own output, not-queued orders reported. */
import type { IDataObject } from 'n8n-workflow';

import { runStampedOn, storePath, useStampedFake } from '../support';

const fake = useStampedFake();

const order = (n: number): IDataObject => ({
	email: `buyer${n}@example.com`,
	orderNumber: `#${1000 + n}`,
	items: [{ productId: `p${n % 3}`, productTitle: 'Beans' }],
});
const requestReviews = (
	input: IDataObject[],
	extra: IDataObject = {},
	options: { continueOnFail?: boolean } = {},
) =>
	runStampedOn(
		fake(),
		{
			resource: 'reviewRequest',
			operation: 'create',
			email: '={{ $json.email }}',
			orderNumber: '={{ $json.orderNumber }}',
			items: '={{ $json.items }}',
			...extra,
		},
		{ input, ...options },
	);
const bulkRequests = () => fake().requests({ path: '/survey/reviews/bulk' });

test('one order: sent as a one-entry array, reported as queued', async () => {
	const { items, error } = await requestReviews([order(1)], {
		additionalFields: {
			firstName: 'Ann',
			orderTotalPrice: 12.5,
			orderCurrencyISO: 'eur',
			orderDate: '2026-03-01T10:00:00Z',
			dateScheduled: '2026-03-08T09:00:00Z',
		},
	});
	expect(error).toBeUndefined();
	const [request] = bulkRequests();
	expect(request.path).toBe(storePath('/survey/reviews/bulk'));
	expect(request.body).toEqual([
		{
			email: 'buyer1@example.com',
			orderNumber: '#1001',
			itemsList: [{ productId: 'p1', productTitle: 'Beans' }],
			firstName: 'Ann',
			orderTotalPrice: 12.5,
			orderCurrencyISO: 'EUR',
			orderDate: '2026-03-01T10:00:00Z',
			dateScheduled: '2026-03-08T09:00:00Z',
		},
	]);
	expect(items).toEqual([
		{
			json: expect.objectContaining({
				orderNumber: '#1001',
				email: 'buyer1@example.com',
				queued: true,
				id: 'rr_1',
				dateScheduled: '2026-03-08T09:00:00Z',
			}),
			pairedItem: { item: 0 },
		},
	]);
});

test('Items as JSON text works like an array from an expression', async () => {
	const { items } = await requestReviews([order(2)], {
		items: '[{"productId": 42, "productPrice": "9.90"}]',
	});
	expect(bulkRequests()[0].body).toEqual([
		expect.objectContaining({ itemsList: [{ productId: '42', productPrice: 9.9 }] }),
	]);
	expect(items[0].json.queued).toBe(true);
});

test('250 items go out in 3 requests (100, 100, 50), each item paired with its own output', async () => {
	const input = Array.from({ length: 250 }, (_, n) => order(n));
	const { items, error } = await requestReviews(input);
	expect(error).toBeUndefined();
	expect(bulkRequests().map((request) => (request.body as unknown[]).length)).toEqual([
		100, 100, 50,
	]);
	expect(items).toHaveLength(250);
	items.forEach((item, n) => {
		expect(item.pairedItem).toEqual({ item: n });
		expect(item.json).toMatchObject({ orderNumber: `#${1000 + n}`, queued: true });
	});
	expect(fake().stamped.reviewRequests.size).toBe(250);
});

test('an order number sent before is reported as not queued, not as an error', async () => {
	await requestReviews([order(1)]);
	const { items, error } = await requestReviews([order(1), order(2)]);
	expect(error).toBeUndefined();
	expect(items.map((item) => [item.json.orderNumber, item.json.queued])).toEqual([
		['#1001', false],
		['#1002', true],
	]);
	expect(items[0].json.reason).toMatch(
		/^Stamped did not queue this order, most often because a review request for this order number was sent before/,
	);
});

test('the same order number twice in one batch: the second is not queued', async () => {
	const { items } = await requestReviews([order(5), order(5)]);
	expect(bulkRequests()).toHaveLength(1);
	expect(items.map((item) => item.json.queued)).toEqual([true, false]);
});

test('an empty answer means nothing was queued', async () => {
	fake().stamped.handle = () => ({ status: 200, body: [] });
	const { items } = await requestReviews([order(1), order(2)]);
	expect(items.map((item) => item.json.queued)).toEqual([false, false]);
});

test('entries without order numbers are matched by position when all were queued', async () => {
	fake().stamped.handle = () => ({ status: 200, body: [{ id: 'a' }, { id: 'b' }] });
	const { items } = await requestReviews([order(1), order(2)]);
	expect(items.map((item) => [item.json.orderNumber, item.json.queued, item.json.id])).toEqual([
		['#1001', true, 'a'],
		['#1002', true, 'b'],
	]);
});

test('entries without order numbers for only some orders: each item says it cannot tell which', async () => {
	fake().stamped.handle = () => ({ status: 200, body: [{ id: 'a' }] });
	const { items } = await requestReviews([order(1), order(2)], {}, { continueOnFail: true });
	expect(items.map((item) => [item.json.error, item.pairedItem])).toEqual([
		['Stamped queued 1 of 2 orders without saying which', { item: 0 }],
		['Stamped queued 1 of 2 orders without saying which', { item: 1 }],
	]);
});

test('an answer that is not a list fails the batch, saying what arrived', async () => {
	fake().stamped.handle = () => ({ status: 200, body: { status: 'ok' } });
	const { items } = await requestReviews([order(1), order(2)], {}, { continueOnFail: true });
	expect(items.map((item) => [item.json.error, item.pairedItem])).toEqual([
		['Stamped answered the review requests for 2 orders with something unexpected', { item: 0 }],
		['Stamped answered the review requests for 2 orders with something unexpected', { item: 1 }],
	]);
	expect(items[0].json.errorDescription).toContain('got an object with "status"');
});

test('is retried after a server error (Stamped de-duplicates by order number); what the first attempt did is unknown, not "sent before"', async () => {
	fake().inject({
		vendor: 'stamped',
		path: '/survey/reviews/bulk',
		kind: 500,
		phase: 'after',
		times: 1,
	});
	const { items, error } = await requestReviews([order(1), order(2)]);
	expect(error).toBeUndefined();
	expect(bulkRequests()).toHaveLength(2);
	// The first attempt queued them, so the retry's answer leaves them out: the node cannot tell that from
	// "sent before", and says so.
	for (const item of items) {
		expect(item.json).toMatchObject({ queued: null, outcome: 'unknown' });
		expect(item.json.reason).toMatch(/may have queued it on the first attempt/);
	}
	expect(fake().stamped.reviewRequests.size).toBe(2);
});

test('a retry after a dropped connection that queues some orders: those are queued, the rest unknown', async () => {
	await requestReviews([order(1)]);
	fake().inject({ vendor: 'stamped', path: '/survey/reviews/bulk', kind: 'drop', times: 1 });
	const { items, error } = await requestReviews([order(1), order(2)]);
	expect(error).toBeUndefined();
	expect(items.map((item) => [item.json.orderNumber, item.json.queued, item.json.outcome])).toEqual(
		[
			['#1001', null, 'unknown'],
			['#1002', true, 'queued'],
		],
	);
});

test('a retry after a 429 (Stamped did nothing) still reports an order sent before as not queued', async () => {
	await requestReviews([order(1)]);
	fake().inject({ vendor: 'stamped', path: '/survey/reviews/bulk', kind: 429, times: 1 });
	const { items } = await requestReviews([order(1), order(2)]);
	expect(items.map((item) => [item.json.queued, item.json.outcome])).toEqual([
		[false, 'notQueued'],
		[true, 'queued'],
	]);
});

describe('per-item errors', () => {
	test('with Continue On Fail a bad item gets its own error item; the others are still sent together', async () => {
		const input = [order(1), { ...order(2), email: 'not-an-email' }, order(3)];
		const { items } = await requestReviews(input, {}, { continueOnFail: true });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json.error).toBe(
			'Invalid "Email" in item 1: "not-an-email" is not a valid e-mail address',
		);
		expect([items[0].json.queued, items[2].json.queued]).toEqual([true, true]);
		expect(
			bulkRequests().map((request) =>
				(request.body as IDataObject[]).map((entry) => entry.orderNumber),
			),
		).toEqual([['#1001', '#1003']]);
	});

	test('a batch Stamped refuses fails each of its items; later batches still run with Continue On Fail', async () => {
		fake().inject({
			vendor: 'stamped',
			path: '/survey/reviews/bulk',
			kind: 400,
			body: { message: 'Bad batch' },
			times: 1,
		});
		const input = Array.from({ length: 150 }, (_, n) => order(n));
		const { items } = await requestReviews(input, {}, { continueOnFail: true });
		expect(items).toHaveLength(150);
		expect(items.slice(0, 100).every((item) => item.json.error === 'Bad batch')).toBe(true);
		expect(items.slice(100).every((item) => item.json.queued === true)).toBe(true);
	});

	test('without Continue On Fail a refused batch stops the run before the next batch', async () => {
		fake().inject({
			vendor: 'stamped',
			path: '/survey/reviews/bulk',
			kind: 400,
			body: { message: 'Bad batch' },
			times: 1,
		});
		const input = Array.from({ length: 150 }, (_, n) => order(n));
		const { error } = await requestReviews(input);
		expect(error?.message).toBe('Bad batch');
		expect(bulkRequests()).toHaveLength(1);
	});
});

describe('bad input is refused before any request', () => {
	test.each([
		[
			{ items: '[]' },
			'Invalid "Items" in item 0: it must be a non-empty array of products, each an object with a productId',
		],
		[
			{ items: '{"productId": "1"}' },
			'Invalid "Items" in item 0: it must be a non-empty array of products, each an object with a productId',
		],
		[
			{ items: '[{"productId": "1"' },
			'Invalid "Items" in item 0: it is not valid JSON (expected an array such as [{"productId": "123"}])',
		],
		[
			{ items: '["p1"]' },
			'Invalid "Items[0]" in item 0: each product must be an object with a productId',
		],
		[
			{ items: '[{"productTitle": "Beans"}]' },
			'Invalid "Items[0].productId" in item 0: it is empty',
		],
		[
			{ items: '[{"productId": "1", "sku": "x"}]' },
			'Invalid "Items[0]" in item 0: Stamped does not read "sku" (it reads productBarcode, productBrand, productDescription, productId, productImageUrl, productPrice, productSKU, productTags, productTitle, productType, productUrl)',
		],
		[
			{ items: '[{"productId": "1", "productTitle": {"en": "Beans"}}]' },
			'Invalid "Items[0].productTitle" in item 0: it is an object, not a text',
		],
		[
			{ items: '[{"productId": ["1", "2"]}]' },
			'Invalid "Items[0].productId" in item 0: it is a list, not a text',
		],
		[
			{ items: '[{"productId": "1", "productPrice": "cheap"}]' },
			'Invalid "Items[0].productPrice" in item 0: "cheap" is not a number',
		],
		[{ email: 'jane' }, 'Invalid "Email" in item 0: "jane" is not a valid e-mail address'],
		[{ orderNumber: '={{ "" }}' }, 'Invalid "Order Number" in item 0: it is empty'],
		[
			{ additionalFields: { orderDate: 'soon' } },
			'Invalid "Order Date" in item 0: "soon" is not a date (use ISO 8601, e.g. 2026-12-31)',
		],
		[
			{ additionalFields: { dateScheduled: '2026-13-01' } },
			'Invalid "Send At" in item 0: "2026-13-01" is not a date (use ISO 8601, e.g. 2026-12-31)',
		],
		[
			{ additionalFields: { orderCurrencyISO: 'euro' } },
			'Invalid "Currency" in item 0: "EURO" is not a three-letter currency code',
		],
		[
			{ additionalFields: { orderTotalPrice: -1 } },
			'Invalid "Order Total" in item 0: -1 is out of range (at least 0)',
		],
	])('%j', async (parameters, message) => {
		const { error } = await requestReviews([order(1)], parameters);
		expect(error?.message).toBe(message);
		expect(fake().log).toHaveLength(0);
	});

	test('one bad item among 250 stops the run before any batch is sent', async () => {
		const input = Array.from({ length: 250 }, (_, n) =>
			n === 180 ? { ...order(n), items: [] } : order(n),
		);
		const { error } = await requestReviews(input);
		expect(error?.message).toBe(
			'Invalid "Items" in item 180: it must be a non-empty array of products, each an object with a productId',
		);
		expect(fake().log).toHaveLength(0);
	});
});

describe("the fields Stamped's store plugins send", () => {
	test('per item productSKU, productBarcode, productTags; per order phoneNumber, locale, customerId', async () => {
		const { error } = await requestReviews(
			[
				{
					...order(1),
					items: [
						{
							productId: 'p1',
							productSKU: 'BEANS-250',
							productBarcode: '4006381333931',
							productTags: ['coffee', 'organic'],
						},
						{ productId: 'p2', productTags: 'tea, green' },
					],
				},
			],
			{ additionalFields: { phone: '+49 30 1234567', locale: 'de-DE', customerId: 'c-77' } },
		);
		expect(error).toBeUndefined();
		expect(bulkRequests()[0].body).toEqual([
			{
				email: 'buyer1@example.com',
				orderNumber: '#1001',
				itemsList: [
					{
						productId: 'p1',
						productSKU: 'BEANS-250',
						productBarcode: '4006381333931',
						productTags: 'coffee, organic',
					},
					{ productId: 'p2', productTags: 'tea, green' },
				],
				customerId: 'c-77',
				phoneNumber: '+49 30 1234567',
				locale: 'de-DE',
			},
		]);
	});

	test.each([
		[
			{ items: '[{"productId": "1", "productSKU": {"a": 1}}]' },
			/^Invalid "Items\[0\]\.productSKU" in item 0: it is an object/,
		],
		[
			{ items: '[{"productId": "1", "productTags": [["x"]]}]' },
			/^Invalid "Items\[0\]\.productTags\[0\]" in item 0: it is a list/,
		],
		[
			{ additionalFields: { phone: 'call me' } },
			/^Invalid "Phone" in item 0: "call me" is not a phone number/,
		],
		[{ additionalFields: { phone: { n: 1 } } }, /^Invalid "Phone" in item 0: it is an object/],
		[
			{ additionalFields: { locale: 'de/../x' } },
			/^Invalid "Locale" in item 0: .* is not a language code/,
		],
		[{ additionalFields: { customerId: ['c'] } }, /^Invalid "Customer ID" in item 0: it is a list/],
	])('%j is refused before anything is sent', async (parameters, message) => {
		const { error } = await requestReviews([order(1)], parameters);
		expect(error?.message).toMatch(message);
		expect(fake().log).toHaveLength(0);
	});
});
