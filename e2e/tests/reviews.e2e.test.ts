/**
 * The review operations inside the current n8n 2.x, against the sandbox's reviews: the filtered dashboard list,
 * review requests for many items in one request, a reply and an imported review; and the two review examples.
 * The AI Agent example is imported (it must load in n8n) but not run: no model is reachable here.
 */
import { loadExample } from '../src/examples';
import { CURRENT_N8N } from '../src/install';
import { nodeOutput } from '../src/n8n';
import { routes } from './support/expectations';
import { executeOk, useInstance } from './support/lifecycle';
import { lineWorkflow, stamped } from './support/workflows';

const store = '/store-123';

const everyReviewOperation = lineWorkflow('e2eReviewOperations', 'Every review operation', [
	stamped('All reviews', {
		resource: 'review',
		operation: 'getAll',
		returnAll: true,
		filters: { minRating: 1 },
	}),
	stamped('Ask for reviews', {
		resource: 'reviewRequest',
		operation: 'create',
		email: '={{ $json.email }}',
		orderNumber: "={{ 'R-' + $json.id }}",
		items: '={{ [{ productId: $json.productId, productTitle: $json.productTitle }] }}',
	}),
	stamped(
		'Unanswered one-star reviews',
		{
			resource: 'review',
			operation: 'getAll',
			returnAll: true,
			filters: { rating: 1, withoutReply: true },
		},
		true,
	),
	stamped('Reply', {
		resource: 'review',
		operation: 'reply',
		reviewId: '={{ $json.id }}',
		reply: 'Sorry about the torn bag: a new one is on its way.',
		options: { sendEmail: true },
	}),
	stamped(
		'Import a review',
		{
			resource: 'review',
			operation: 'create',
			productId: 'beans-house',
			rating: 5,
			author: 'Kim',
			email: 'kim@example.com',
			title: 'Great',
			body: 'Lovely beans.',
			additionalFields: { recommend: true },
		},
		true,
	),
]);

// Review > Get, Review > Get Summary, the State filter and Order > Create (API v2), as a user builds them.
const newV2Operations = lineWorkflow('e2eReviewReadsAndOrder', 'Review reads and a v2 order', [
	stamped(
		'Published reviews',
		{ resource: 'review', operation: 'getAll', returnAll: true, filters: { state: 'published' } },
		true,
	),
	stamped('Review by id', { resource: 'review', operation: 'get', reviewId: 'rev_1004' }, true),
	stamped(
		'Rating summary',
		{ resource: 'review', operation: 'getSummary', productId: 'grinder-pro' },
		true,
	),
	stamped(
		'Send the order',
		{
			resource: 'order',
			operation: 'create',
			email: 'li.wei@example.com',
			orderNumber: '1042',
			items:
				'={{ [{ productId: "grinder-pro", productTitle: "Grinder Pro", productSKU: "GP-1", productPrice: 71.5 }] }}',
			additionalFields: { currency: 'EUR', totalPrice: 71.5, orderStatus: 'processing' },
		},
		true,
	),
]);

const askForReview = loadExample('new-order-ask-for-review.json');
const lowRatingReply = loadExample('low-rated-reviews-reply.json');
const aiAgent = loadExample('ai-agent-review-replies.json');

const instance = useInstance({
	dist: CURRENT_N8N,
	name: 'e2e-reviews',
	workflows: [everyReviewOperation, newV2Operations, askForReview, lowRatingReply, aiAgent],
});

test('every review operation runs in n8n', async () => {
	const execution = await executeOk(instance, everyReviewOperation.id);
	const output = (node: string) => nodeOutput(execution, node);

	const ids = ['rev_1001', 'rev_1002', 'rev_1003', 'rev_1004', 'rev_1005', 'rev_1006'];
	expect(output('All reviews').map((review) => review.id)).toEqual(ids);
	expect(output('All reviews')[3]).toMatchObject({
		id: 'rev_1004',
		rating: 1,
		published: true,
		customer: { email: 'li.wei@example.com' },
	});
	expect(output('Ask for reviews')).toEqual(
		ids.map((id) => expect.objectContaining({ orderNumber: `R-${id}`, queued: true })),
	);
	expect(output('Unanswered one-star reviews')).toEqual([
		expect.objectContaining({ id: 'rev_1004', reply: '' }),
	]);
	expect(output('Reply')).toEqual([
		{
			reviewId: 'rev_1004',
			reply: 'Sorry about the torn bag: a new one is on its way.',
			isPrivate: false,
			sendEmail: true,
		},
	]);
	expect(output('Import a review')).toEqual([
		expect.objectContaining({ productId: 'beans-house', rating: 5, reviewSource: 'api' }),
	]);

	const log = await instance.sandbox.log();
	expect(routes(log)).toEqual([
		`GET ${store}/dashboard/reviews`,
		// Six input items, one request.
		`POST ${store}/survey/reviews/bulk`,
		`GET ${store}/dashboard/reviews`,
		`POST ${store}/dashboard/reviews/rev_1004/reply`,
		'POST /reviews3',
	]);
	expect(log[1].body).toHaveLength(6);
	expect(log[3].query).toEqual({ isPrivate: 'false', isEmail: 'true' });
	expect(log[4].query).toEqual({ apiKey: expect.any(String), sId: 'store-123' });
});

test('Review > Get, Review > Get Summary, the State filter and Order > Create run in n8n', async () => {
	const execution = await executeOk(instance, newV2Operations.id);
	const output = (node: string) => nodeOutput(execution, node);
	expect(output('Published reviews').map((review) => review.id)).toEqual([
		'rev_1001',
		'rev_1002',
		'rev_1004',
		'rev_1005',
		'rev_1006',
	]);
	expect(output('Review by id')).toEqual([
		expect.objectContaining({ id: 'rev_1004', rating: 1, published: true }),
	]);
	expect(output('Rating summary')).toEqual([
		{
			productId: 'grinder-pro',
			averageRating: 4.5,
			reviewCount: 2,
			response: expect.objectContaining({ reviewsAverage: 4.5, reviewsCount: 2 }),
		},
	]);
	expect(output('Send the order')).toEqual([
		expect.objectContaining({ orderNumber: '1042', email: 'li.wei@example.com', sent: true }),
	]);
	const log = await instance.sandbox.log();
	expect(routes(log)).toEqual([
		`GET ${store}/dashboard/reviews`,
		`GET ${store}/dashboard/reviews/rev_1004`,
		`GET ${store}/richsnippet`,
		`POST ${store}/orders`,
	]);
	expect(log[0].query).toMatchObject({ state: 'published' });
	expect(log[3].body).toEqual({
		email: 'li.wei@example.com',
		orderNumber: '1042',
		orderId: '1042',
		orderCurrencyISO: 'EUR',
		orderTotalPrice: 71.5,
		orderTotal: 71.5,
		orderStatus: 'processing',
		itemsList: [
			{
				productId: 'grinder-pro',
				productTitle: 'Grinder Pro',
				productSKU: 'GP-1',
				productPrice: 71.5,
			},
		],
		userReference: 'li.wei@example.com',
	});
});

test('example: new order → ask for a review (a second run queues nothing again)', async () => {
	const first = await executeOk(instance, askForReview.id);
	expect(nodeOutput(first, 'Ask for a review')).toEqual([
		expect.objectContaining({ orderNumber: '#1042', email: 'li.wei@example.com', queued: true }),
	]);
	const [request] = await instance.sandbox.log();
	expect(request.body).toEqual([
		expect.objectContaining({
			email: 'li.wei@example.com',
			orderNumber: '#1042',
			firstName: 'Li',
			orderCurrencyISO: 'EUR',
			orderTotalPrice: 86.4,
			itemsList: [
				{
					productId: 'beans-house',
					productTitle: 'House Blend',
					productPrice: 14.9,
					productUrl: 'https://shop.example/products/house-blend',
				},
				{
					productId: 'grinder-pro',
					productTitle: 'Grinder Pro',
					productPrice: 71.5,
					productUrl: 'https://shop.example/products/grinder-pro',
				},
			],
		}),
	]);
	const second = await executeOk(instance, askForReview.id);
	expect(nodeOutput(second, 'Ask for a review')).toEqual([
		expect.objectContaining({ orderNumber: '#1042', queued: false }),
	]);
});

test('example: unanswered reviews of 3 stars or less → reply from a template', async () => {
	const execution = await executeOk(instance, lowRatingReply.id);
	expect(
		nodeOutput(execution, '3 stars or less').map((review) => [review.id, review.rating]),
	).toEqual([
		['rev_1003', 3],
		['rev_1004', 1],
	]);
	expect(nodeOutput(execution, 'Reply from template')).toEqual([
		expect.objectContaining({
			reviewId: 'rev_1003',
			reply: expect.stringMatching(/^Hi Ahmed K\., thank you for reviewing House Blend\./),
		}),
		expect.objectContaining({
			reviewId: 'rev_1004',
			reply: expect.stringMatching(/^Hi Li W\., thank you for reviewing House Blend\./),
		}),
	]);
	expect(routes(await instance.sandbox.log())).toEqual([
		`GET ${store}/dashboard/reviews`,
		`POST ${store}/dashboard/reviews/rev_1003/reply`,
		`POST ${store}/dashboard/reviews/rev_1004/reply`,
	]);
});

test('example: the AI Agent workflow is imported, with the Stamped node as its tool', async () => {
	const exported = await instance.n8n.cli(['export:workflow', `--id=${aiAgent.id}`]);
	expect(exported.code).toBe(0);
	expect(exported.stdout).toContain('"type":"n8n-nodes-stamped-stemp.stampedTool"');
	expect(exported.stdout).toContain('"type":"@n8n/n8n-nodes-langchain.agent"');
});
