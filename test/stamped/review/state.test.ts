/** review getAll's State filter: sent as the dashboard list's `state`, and refused when Stamped ignores it. */
import type { Review } from '../../fake-api/stamped-v2';
import { generatedReviews, runStampedOn, storePath, useStampedFake } from '../support';

// States: r0 published (1), r1 unpublished (2), r2 featured (6), r3 pending (0), r4 published.
const reviews: Review[] = generatedReviews(5).map((review, i) => ({
	...review,
	reviewState: [1, 2, 6, 0, 1][i],
}));
const fake = useStampedFake({ reviews });
const list = (filters: Record<string, unknown>) =>
	runStampedOn(fake(), { resource: 'review', operation: 'getAll', returnAll: true, filters });

test.each([
	['published', ['r0', 'r2', 'r4']],
	['featured', ['r2']],
	['unpublished', ['r1']],
	['pending', ['r3']],
])('State %s is sent as state=%s and lists those reviews', async (state, ids) => {
	const { items, error } = await list({ state });
	expect(error).toBeUndefined();
	const [request] = fake().requests();
	expect(request.path).toBe(storePath('/dashboard/reviews'));
	expect(request.query).toEqual({ state, page: '1', take: '100' });
	expect(items.map((item) => item.json.id)).toEqual(ids);
});

test('State combines with the other filters', async () => {
	await list({ state: 'published', productId: 'p1' });
	expect(fake().requests()[0].query).toMatchObject({ state: 'published', productId: 'p1' });
});

test('a Stamped that ignores the filter (a published review under Pending) fails the list, outputting nothing', async () => {
	fake().inject({
		kind: 200,
		times: 1,
		body: { results: [{ id: 'r0', reviewState: 1, rating: 5 }], total: 1, page: 1 },
	});
	const { items, error } = await list({ state: 'pending' });
	expect(items).toEqual([]);
	expect(error?.message).toBe(
		'Stamped answered the "pending" reviews with a review in another state',
	);
	expect((error as { description?: string }).description).toMatch(
		/reviewState 1, which is not pending/,
	);
});

test('a review without a state number is kept (nothing contradicts the filter)', async () => {
	fake().inject({
		kind: 200,
		times: 1,
		body: { results: [{ id: 'x1', rating: 5 }], total: 1, page: 1 },
	});
	const { items, error } = await list({ state: 'featured' });
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.id)).toEqual(['x1']);
});

test.each([['archived'], [{ state: 'published' }], [['published']]])(
	'State %j is refused before anything is sent',
	async (state) => {
		const { error } = await list({ state });
		expect(error?.message).toMatch(/^Invalid "State" in item 0: /);
		expect(fake().log).toHaveLength(0);
	},
);
