/** Stamped reviews on v2: Get Many over several pages, filtered by e-mail, with a Limit. */
import { api, expectRefusedBeforeSending, reviews, stampedV2, useStampedApi } from '../support';

useStampedApi();

describe('reviews on v2', () => {
	test('reviews: Return All over several pages', async () => {
		const { items } = await stampedV2({ resource: 'review', operation: 'getAll', returnAll: true });
		expect(items.map((item) => item.json.reviewId)).toEqual(
			reviews.map((review) => review.reviewId),
		);
	});

	test('reviews: filtered by e-mail, with a Limit', async () => {
		const { items } = await stampedV2({
			resource: 'review',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { email: 'jane@example.com' },
		});
		expect(items).toHaveLength(5);
		expect(items.every((item) => item.json.email === 'jane@example.com')).toBe(true);
		expect(api.requests()[0].query).toEqual({ email: 'jane@example.com', page: '1', limit: '5' });
	});

	test.each([
		[
			{ resource: 'review', operation: 'getAll', returnAll: true, filters: { email: 'jane' } },
			'Invalid "Email" in item 0: "jane" is not a valid e-mail address',
		],
	])('%j is refused before anything is sent', async (parameters, message) => {
		await expectRefusedBeforeSending(stampedV2, parameters, message);
	});
});
