/**
 * The evidence table (nodes/Stamped/transport/evidence.ts) tells the truth: every v2 operation has an entry,
 * and every request each one sends through n8n's engine is one its entry lists. A request added to an
 * operation without its evidence fails here.
 */
import type { IDataObject } from 'n8n-workflow';

import { STAMPED_STORE_HASH } from '../fake-api/stamped-v2';
import { generatedReviews, runStampedOn, useStampedFake } from './support';

/* eslint-disable @typescript-eslint/no-require-imports */
const evidence =
	require('../../dist/nodes/Stamped/transport/evidence') as typeof import('../../nodes/Stamped/transport/evidence');
const { stampedRegistry } =
	require('../../dist/nodes/Stamped/actions/registry') as typeof import('../../nodes/Stamped/actions/registry');
const { offeredOperations } =
	require('../../dist/nodes/core/registry') as typeof import('../../nodes/core/registry');
/* eslint-enable @typescript-eslint/no-require-imports */

const fake = useStampedFake({
	customers: [{ email: 'jane@example.com', points: 100 }],
	reviews: generatedReviews(3),
});

const RUNS: Array<[string, IDataObject]> = [
	['customer.getAll', { returnAll: true }],
	['customer.get', { email: 'jane@example.com' }],
	['customer.upsert', { email: 'jane@example.com', additionalFields: { firstName: 'Jane' } }],
	['customer.delete', { email: 'jane@example.com' }],
	['points.update', { email: 'jane@example.com', action: 'add', points: 5 }],
	['loyaltyTransaction.create', { email: 'jane@example.com', type: 'custom', points: 5 }],
	['tier.getAll', {}],
	['review.getAll', { returnAll: true }],
	['review.getAll', { returnAll: true, filters: { email: 'buyer1@example.com' } }],
	['review.getAll', { returnAll: true, filters: { state: 'published', withoutReply: true } }],
	['review.get', { reviewId: 'r1' }],
	['review.getSummary', { productId: 'p1' }],
	['review.reply', { reviewId: 'r1', reply: 'Thanks' }],
	[
		'review.create',
		{ productId: 'p1', rating: 5, author: 'Jane', email: 'jane@example.com', body: 'Great' },
	],
	[
		'reviewRequest.create',
		{ email: 'jane@example.com', orderNumber: '1', items: '[{"productId": "p1"}]' },
	],
	['order.create', { email: 'jane@example.com', orderNumber: '1', items: '[{"productId": "p1"}]' }],
];

test('every operation API v2 offers has its requests in the evidence table', () => {
	const missing = offeredOperations(stampedRegistry, 'v2')
		.map(({ resource, operation }) => `${resource}.${operation}`)
		.filter((key) => !evidence.V2_REQUESTS[key]?.length);
	expect(missing).toEqual([]);
});

test('every operation API v2 offers is run below', () => {
	const run = new Set(RUNS.map(([key]) => key));
	const offered = offeredOperations(stampedRegistry, 'v2').map(
		({ resource, operation }) => `${resource}.${operation}`,
	);
	expect(offered.filter((key) => !run.has(key))).toEqual([]);
});

test.each(RUNS)('%s sends only the requests its entry lists (%j)', async (key, parameters) => {
	const [resource, operation] = key.split('.');
	const { error } = await runStampedOn(fake(), { resource, operation, ...parameters });
	expect(error).toBeUndefined();
	const sent = fake()
		.requests()
		.map((request) => {
			const path = request.outsideBase
				? request.path
				: request.path.replace(new RegExp(`^/${STAMPED_STORE_HASH}`), '');
			return { method: request.method, path };
		});
	expect(sent.length).toBeGreaterThan(0);
	for (const request of sent) {
		const entry = evidence.v2RequestFor(request.method, request.path);
		expect({ ...request, listed: evidence.V2_REQUESTS[key].includes(entry!) }).toEqual({
			...request,
			listed: true,
		});
	}
});

test('the credential test and the polling trigger read a confirmed endpoint', () => {
	for (const key of ['credentialTest.probe', 'pollingTrigger.reviews'])
		expect(evidence.V2_REQUESTS[key].map((request) => request.evidence)).toEqual(['integrations']);
});

test.each([
	['<!DOCTYPE html><html><body>Not Found</body></html>', true],
	[{ Message: "No HTTP resource was found that matches the request URI 'x'." }, true],
	[{ message: 'No route for GET /x' }, true],
	['Cannot GET /api/v2/x', true],
	[{ message: 'Customer not found' }, false],
	[{ message: 'Review not found' }, false],
	['', false],
	[undefined, false],
	['customer gone', false],
])('isMissingRoute(%j) is %s', (body, expected) => {
	expect(evidence.isMissingRoute(body)).toBe(expected);
});
