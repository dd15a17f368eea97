/** review get (one review by id) and getSummary (a product's rating summary), API v2, through n8n's engine. */
import type { IDataObject } from 'n8n-workflow';

import type { Review } from '../../fake-api/stamped-v2';
import { generatedReviews, runStampedOn, storePath, useStampedFake } from '../support';

const reviews: Review[] = [
	...generatedReviews(3),
	{ ...generatedReviews(1, 'f')[0], productId: 'p0', rating: 2, reviewState: 6, published: true },
];
const fake = useStampedFake({ reviews });

describe('Review > Get', () => {
	const get = (reviewId: IDataObject[string], options: { continueOnFail?: boolean } = {}) =>
		runStampedOn(fake(), { resource: 'review', operation: 'get', reviewId }, options);

	test('reads GET /dashboard/reviews/{id} and outputs the review as Get Many does', async () => {
		const { items, error } = await get('r1');
		expect(error).toBeUndefined();
		const [request] = fake().requests();
		expect(`${request.method} ${request.path}`).toBe(`GET ${storePath('/dashboard/reviews/r1')}`);
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					id: 'r1',
					rating: 2,
					reviewState: 2,
					published: false,
					body: 'Review number 1',
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a review by a known customer comes as {review, customer}: its fields at the top, the customer beside', async () => {
		fake().stamped.insert({ email: 'buyer0@example.com', firstName: 'Ann' });
		const { items } = await get('r0');
		expect(items[0].json).toMatchObject({
			id: 'r0',
			published: true,
			customer: { email: 'buyer0@example.com', firstName: 'Ann' },
		});
	});

	test("an unknown review is Stamped's 404, naming the Review ID to check", async () => {
		const { error } = await get('nope');
		expect(error?.message).toBe('Review not found');
		expect((error as { description?: string }).description).toMatch(/Check the Review ID/);
	});

	test.each([
		['..', /\.\./],
		['.', /\./],
		[{ id: 1 }, /an object, not a text/],
		[['r1'], /a list, not a text/],
		[' ', /empty/],
	])('Review ID %j is refused before anything is sent', async (reviewId, problem) => {
		const { error } = await get(reviewId);
		expect(error?.message).toMatch(/^Invalid "Review ID" in item 0: /);
		expect(error?.message).toMatch(problem);
		expect(fake().log).toHaveLength(0);
	});

	test('a "/" in the ID stays inside its segment, URL-encoded', async () => {
		await get('a/../b');
		expect(fake().requests()[0].rawPath).toBe(storePath('/dashboard/reviews/a%2F..%2Fb'));
	});

	test('an answer that is not a review fails saying what arrived', async () => {
		fake().inject({ kind: 200, times: 1, body: ['not', 'a', 'review'] });
		const { error } = await get('r1');
		expect(error?.message).toBe('Stamped answered review r1 with something unexpected');
		expect((error as { description?: string }).description).toBe(
			'Expected the review, got a list of 3.',
		);
	});
});

describe('Review > Get Summary', () => {
	const summary = (productId: IDataObject[string]) =>
		runStampedOn(fake(), { resource: 'review', operation: 'getSummary', productId });

	test('reads GET /richsnippet?productId= (the spelling the Magento plugin sends) and outputs a clean item', async () => {
		const { items, error } = await summary('p0');
		expect(error).toBeUndefined();
		const [request] = fake().requests();
		expect(`${request.method} ${request.path}`).toBe(`GET ${storePath('/richsnippet')}`);
		expect(request.query).toEqual({ productId: 'p0' });
		// p0: r0 (published, 1 star) and f0 (featured, 2 stars).
		expect(items).toEqual([
			{
				json: {
					productId: 'p0',
					averageRating: 1.5,
					reviewCount: 2,
					response: expect.objectContaining({ reviewsAverage: 1.5, reviewsCount: 2 }),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('when richsnippet is answered as an unknown address, the richSnippet spelling is read', async () => {
		fake().inject({
			kind: 404,
			times: 1,
			path: '/richsnippet',
			body: { Message: "No HTTP resource was found that matches the request URI '/richsnippet'." },
		});
		const { items, error } = await summary('p1');
		expect(error).toBeUndefined();
		expect(
			fake()
				.requests()
				.map((request) => request.path),
		).toEqual([storePath('/richsnippet'), storePath('/richSnippet')]);
		expect(items[0].json).toMatchObject({ productId: 'p1', reviewCount: 0, averageRating: 0 });
	});

	test('a 404 about the product is not a missing route: no second spelling is tried', async () => {
		fake().inject({ kind: 404, times: 1, body: { message: 'Product not found' } });
		const { error } = await summary('p9');
		expect(error?.message).toBe('Product not found');
		expect(fake().requests()).toHaveLength(1);
	});

	test.each([
		[{ richSnippet: { reviewsAverage: '4.5', reviewsCount: '12' } }, 4.5, 12],
		[{ richsnippet: { rating: 3, count: 7 } }, 3, 7],
		[{ rating: 5, count: 1, widget: '' }, 5, 1],
	])('figures are read wherever Stamped puts them: %j', async (body, average, count) => {
		fake().inject({ kind: 200, times: 1, body });
		const { items } = await summary('p0');
		expect(items[0].json).toMatchObject({
			averageRating: average,
			reviewCount: count,
			response: body,
		});
	});

	test('an answer with neither figure fails, naming what arrived', async () => {
		fake().inject({ kind: 200, times: 1, body: { ok: true } });
		const { error } = await summary('p0');
		expect(error?.message).toBe(
			'Stamped answered the rating summary of product p0 without a rating or a review count',
		);
		expect((error as { description?: string }).description).toMatch(/an object with "ok"/);
	});

	test.each([[{ id: 'p0' }], [['p0']], ['  ']])(
		'Product ID %j is refused before anything is sent',
		async (productId) => {
			const { error } = await summary(productId);
			expect(error?.message).toMatch(/^Invalid "Product ID" in item 0: /);
			expect(fake().log).toHaveLength(0);
		},
	);
});
