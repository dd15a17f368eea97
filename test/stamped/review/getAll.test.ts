/** review getAll: the dashboard list's filters, its output shape, Without Reply and the e-mail list. */
import { STAMPED_STORE_HASH } from '../../fake-api/stamped-v2';
import { generatedReviews, runStampedOn, storePath, useStampedFake } from '../support';

const reviews = generatedReviews(30);
const fake = useStampedFake({
	customers: [{ email: 'buyer1@example.com', firstName: 'Ann', points: 10 }],
	reviews,
});
const list = (filters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	runStampedOn(fake(), {
		resource: 'review',
		operation: 'getAll',
		returnAll: true,
		filters,
		...extra,
	});

describe('the dashboard list', () => {
	test('every filter is sent to Stamped, with 1-based page and take', async () => {
		const { items, error } = await list({
			productId: 'p1',
			rating: 2,
			minRating: 2,
			dateFrom: '2026-02-01',
			dateTo: '2026-02-28',
			search: 'late delivery',
		});
		expect(error).toBeUndefined();
		const [request] = fake().requests({ path: '/dashboard/reviews' });
		expect(request.path).toBe(storePath('/dashboard/reviews'));
		expect(request.query).toEqual({
			productId: 'p1',
			rating: '2',
			minRating: '2',
			dateFrom: '2026-02-01',
			dateTo: '2026-02-28',
			search: 'late delivery',
			page: '1',
			take: '100',
		});
		const expected = reviews.filter(
			(review) =>
				review.productId === 'p1' &&
				review.rating === 2 &&
				review.title === 'Late delivery' &&
				review.dateCreated! < '2026-03',
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(items.map((item) => item.json.id)).toEqual(expected.map((review) => review.reviewId));
	});

	test("a review's fields come at the top, rating a number, published from reviewState, the customer when sent", async () => {
		fake().stamped.reviews[1].reviewState = 6;
		(fake().stamped.reviews[2] as { rating: unknown }).rating = '3';
		const { items } = await list({ minRating: 1 }, { returnAll: false, limit: 3 });
		expect(items).toHaveLength(3);
		expect(items[0].json).toMatchObject({
			id: 'r0',
			rating: 1,
			reviewState: 1,
			published: true,
			title: 'Late delivery',
		});
		expect(items[0].json.customer).toBeUndefined();
		// buyer1 is a customer: Stamped nests the review and sends the customer with it.
		expect(items[1].json).toMatchObject({
			id: 'r1',
			reviewState: 6,
			published: true,
			customer: { email: 'buyer1@example.com', firstName: 'Ann' },
		});
		expect(items[1].json.review).toBeUndefined();
		expect(items[2].json).toMatchObject({ id: 'r2', rating: 3, published: true });
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	test('an unpublished review (reviewState 2) is published: false', async () => {
		const { items } = await list({ productId: 'p1' }, { returnAll: false, limit: 1 });
		expect(items[0].json).toMatchObject({ id: 'r1', reviewState: 2, published: false });
	});

	test('Without Reply keeps only unanswered reviews, read in full before the Limit applies', async () => {
		const { items } = await list({ withoutReply: true, rating: 1 }, { returnAll: false, limit: 2 });
		const unanswered = reviews
			.filter((review) => review.rating === 1 && !review.reply)
			.map((review) => review.reviewId);
		expect(unanswered.length).toBeGreaterThan(2);
		expect(items.map((item) => item.json.id)).toEqual(unanswered.slice(0, 2));
		expect(fake().requests({ path: '/dashboard/reviews' })[0].query).toMatchObject({
			rating: '1',
			take: '100',
		});
	});

	test('Without Reply alone reads the dashboard list', async () => {
		const { items } = await list({ withoutReply: true });
		expect(items.map((item) => item.json.id)).toEqual(
			reviews.filter((review) => !review.reply).map((review) => review.reviewId),
		);
		expect(
			fake()
				.requests()
				.map((request) => request.path),
		).toEqual([storePath('/dashboard/reviews')]);
	});

	test('an answer without a results list fails, saying what arrived', async () => {
		const api = fake();
		const original = api.stamped.handle.bind(api.stamped);
		api.stamped.handle = (request) =>
			request.path.includes('/dashboard/')
				? { status: 200, body: { reviews: 'none', count: 0 } }
				: original(request);
		const { error } = await list({ rating: 5 });
		expect(error?.message).toBe('Stamped answered page 1 of the reviews with something unexpected');
		expect(error?.description).toContain(
			'Expected a list under "results" (or a bare list), got an object with "reviews", "count"',
		);
	});

	test('a bare list of reviews is read too', async () => {
		const api = fake();
		api.stamped.handle = () => ({
			status: 200,
			body: [{ id: 7, rating: '4', reviewState: 3, reply: '' }],
		});
		const { items } = await list({ rating: 4 });
		expect(items.map((item) => item.json)).toEqual([
			{ id: 7, rating: 4, reviewState: 3, reply: '', published: false },
		]);
	});
});

describe('the e-mail filter', () => {
	test('Email alone reads the customer review list as before', async () => {
		const { items } = await list({ email: 'buyer4@example.com' });
		expect(items.map((item) => item.json.reviewId)).toEqual(['r4']);
		expect(
			fake()
				.requests()
				.map((request) => `${request.method} ${request.path}`),
		).toEqual([`GET /${STAMPED_STORE_HASH}/reviews`]);
		expect(fake().requests()[0].query).toEqual({
			email: 'buyer4@example.com',
			page: '1',
			limit: '100',
		});
	});

	test.each([
		[{ email: 'buyer4@example.com', rating: 4 }],
		[{ email: 'buyer4@example.com', withoutReply: true }],
	])('Email with another filter is refused before any request: %j', async (filters) => {
		const { error } = await list(filters);
		expect(error?.message).toBe(
			'Invalid "Email" in item 0: it cannot be combined with other filters. Use Email alone (then filter with n8n\'s Filter node), or remove it and use Search',
		);
		expect(fake().log).toHaveLength(0);
	});
});

describe('bad filters are refused before any request', () => {
	test.each([
		[{ rating: 0 }, 'Invalid "Rating" in item 0: 0 is out of range (1 to 5)'],
		[{ rating: 6 }, 'Invalid "Rating" in item 0: 6 is out of range (1 to 5)'],
		[{ rating: 2.5 }, 'Invalid "Rating" in item 0: "2.5" is not a whole number'],
		[{ minRating: 'four' }, 'Invalid "Minimum Rating" in item 0: "four" is not a whole number'],
		[
			{ rating: 2, minRating: 4 },
			'Invalid "Rating" in item 0: 2 stars is below the Minimum Rating 4: no review can match',
		],
		[
			{ dateFrom: 'last week' },
			'Invalid "From Date" in item 0: "last week" is not a date (use ISO 8601, e.g. 2026-12-31)',
		],
		[
			{ dateTo: '2026-02-30' },
			'Invalid "To Date" in item 0: "2026-02-30" is not a date (use ISO 8601, e.g. 2026-12-31)',
		],
		[
			{ dateFrom: '2026-03-02', dateTo: '2026-03-01' },
			'Invalid "To Date" in item 0: 2026-03-01 is before the From Date 2026-03-02',
		],
		[{ email: 'jane' }, 'Invalid "Email" in item 0: "jane" is not a valid e-mail address'],
		[{ search: '   ' }, 'Invalid "Search" in item 0: it is empty'],
	])('%j', async (filters, message) => {
		const { error } = await list(filters);
		expect(error?.message).toBe(message);
		expect(fake().log).toHaveLength(0);
	});
});
