/** review getAll over the dashboard's pages: exactly once, shift-safe, and a loud stop when the total lies. */
import type { Review } from '../../fake-api/stamped-v2';
import { generatedReviews, runStampedOn, useStampedFake } from '../support';

const fake = useStampedFake();

function seed(count: number): Review[] {
	const reviews = generatedReviews(count);
	fake().stamped.reviews.splice(0, Infinity, ...reviews);
	return reviews;
}

// minRating 1 matches every review and sends the list to the dashboard endpoint.
const readAll = (extra: Record<string, unknown> = {}) =>
	runStampedOn(fake(), {
		resource: 'review',
		operation: 'getAll',
		returnAll: true,
		filters: { minRating: 1 },
		...extra,
	});
const dashboardReads = () => fake().requests({ path: '/dashboard/reviews' });

test.each([
	[0, 1],
	[1, 1],
	[100, 1],
	[101, 2],
	[250, 3],
])('Return All over %i reviews: each once, in %i pages of take=100', async (count, pages) => {
	const reviews = seed(count);
	const { items, error } = await readAll();
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.id)).toEqual(reviews.map((review) => review.reviewId));
	// Every page once; with more than one page, the first and the last once more (a change that kept the total).
	const rereads = pages > 1 ? ['1', String(pages)] : [];
	expect(
		dashboardReads()
			.map((request) => request.query.page)
			.sort(),
	).toEqual([...Array.from({ length: pages }, (_, i) => String(i + 1)), ...rereads].sort());
	expect(new Set(dashboardReads().map((request) => request.query.take))).toEqual(new Set(['100']));
});

test('a Limit of 150 out of 250 reads two pages and outputs 150', async () => {
	const reviews = seed(250);
	const { items } = await readAll({ returnAll: false, limit: 150 });
	expect(items.map((item) => item.json.id)).toEqual(
		reviews.slice(0, 150).map((review) => review.reviewId),
	);
	expect(dashboardReads()).toHaveLength(2);
});

test('a Limit below a page asks for just that many', async () => {
	seed(250);
	const { items } = await readAll({ returnAll: false, limit: 7 });
	expect(items).toHaveLength(7);
	expect(dashboardReads().map((request) => request.query)).toEqual([
		{ minRating: '1', page: '1', take: '7' },
	]);
});

test('reviews written while the list is read (newest first) shift the pages: each review comes out once', async () => {
	const reviews = seed(250);
	let added = 0;
	fake().stamped.onListPage = (page) => {
		if (page >= 2 && added < 30)
			for (let i = 0; i < 10; i++)
				fake().stamped.addReview(generatedReviews(1, `new${added++}-`)[0]);
	};
	const { items, error } = await readAll({ options: { concurrency: 1 } });
	expect(error).toBeUndefined();
	const ids = items.map((item) => String(item.json.id));
	expect(new Set(ids).size).toBe(ids.length);
	expect(ids).toEqual(reviews.map((review) => review.reviewId));
});

test('reviews deleted while the list is read pull later ones back across a page boundary: none is lost', async () => {
	const reviews = seed(250);
	let deleted = false;
	fake().stamped.onListPage = (page) => {
		// Ten reviews of page 1, already output, are deleted before page 2 is read.
		if (page === 2 && !deleted) {
			fake().stamped.reviews.splice(0, 10);
			deleted = true;
		}
	};
	const { items, error } = await readAll({ options: { concurrency: 1 } });
	expect(error).toBeUndefined();
	const ids = items.map((item) => String(item.json.id));
	expect(new Set(ids).size).toBe(ids.length);
	expect(ids).toEqual(reviews.map((review) => review.reviewId));
	// More reads than the 3 pages of an undisturbed list: the boundary was read again.
	expect(dashboardReads().length).toBeGreaterThan(3);
});

test('a total smaller than the list stops loudly instead of returning part of it', async () => {
	seed(250);
	fake().stamped.reviewTotal = () => 150;
	const { items, error } = await readAll();
	expect(items).toHaveLength(0);
	expect(error?.message).toMatch(
		/^The list could not be read completely: got \d+ records of the 150 the API reported; page 2 held 100 records, more than the total of 150 it came with leaves room for \(50\)/,
	);
});

test('a total larger than the list stops loudly when a page comes back short', async () => {
	seed(120);
	fake().stamped.reviewTotal = () => 400;
	const { error } = await readAll({ options: { concurrency: 1 } });
	expect(error?.message).toMatch(
		/^The list could not be read completely: got 120 records of the 400 the API reported; page 3 came back empty \(twice\)/,
	);
});

test('with Continue On Fail the stop becomes an error item paired with its input', async () => {
	seed(120);
	fake().stamped.reviewTotal = () => 400;
	const { items } = await runStampedOn(
		fake(),
		{
			resource: 'review',
			operation: 'getAll',
			returnAll: true,
			filters: { minRating: 1 },
			options: { concurrency: 1 },
		},
		{ continueOnFail: true },
	);
	expect(items).toEqual([
		{
			json: expect.objectContaining({
				error: expect.stringMatching(
					/^The list could not be read completely: got 120 records of the 400/,
				),
			}),
			pairedItem: { item: 0 },
		},
	]);
});
