/**
 * The v2 endpoints only the source document shows (evidence class S): when Stamped answers them as unknown
 * addresses (the fake's switch removes their routes), the error says the endpoint is not confirmed by Stamped
 * and names what to use instead; a 404 about a record stays the record's error; confirmed endpoints, and the
 * credential test, are untouched.
 */
import type { IDataObject } from 'n8n-workflow';

import type { UnconfirmedRoutes } from '../fake-api/stamped-v2';
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../fake-api/stamped-v2';
import { testCredential } from '../harness/credential-test';
import { generatedReviews, runStampedOn, useStampedFake } from './support';

const fake = useStampedFake({
	customers: [{ email: 'jane@example.com', points: 10 }],
	reviews: generatedReviews(3),
});
const run = (parameters: IDataObject) => runStampedOn(fake(), parameters);
const missing = (kind: UnconfirmedRoutes) => {
	fake().stamped.unconfirmedRoutes = kind;
};

const S_OPERATIONS: Array<[string, IDataObject, string, RegExp]> = [
	[
		'Customer > Get',
		{ resource: 'customer', operation: 'get', email: 'jane@example.com' },
		'GET /customers/:email',
		/Customer > Get on a Stamped API credential set to API v3/,
	],
	[
		'Customer > Get Many',
		{ resource: 'customer', operation: 'getAll', returnAll: true },
		'GET /customers',
		/Customer > Get Many on a Stamped API credential set to API v3/,
	],
	[
		'Customer > Create or Update',
		{ resource: 'customer', operation: 'upsert', email: 'jane@example.com' },
		'POST /customers',
		/Customer > Create or Update on a Stamped API credential set to API v3/,
	],
	[
		'Customer > Delete',
		{ resource: 'customer', operation: 'delete', email: 'jane@example.com' },
		'DELETE /customers/:email',
		/Customer > Delete on a Stamped API credential set to API v3/,
	],
	[
		'Point > Update',
		{
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action: 'add',
			points: 5,
		},
		'POST /customers/points',
		/Point > Update on a Stamped API credential set to API v3/,
	],
	[
		'Loyalty Transaction > Create',
		{
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: 'custom',
			points: 5,
		},
		'POST /loyalty/transactions',
		/Loyalty Transaction > Create on a Stamped API credential set to API v3 .*Order > Create on API v2/,
	],
	[
		'Tier > Get Many',
		{ resource: 'tier', operation: 'getAll' },
		'GET /loyalty/tiers',
		/Tier > Set on a Stamped API credential set to API v3/,
	],
	[
		'Review > Get Many (Email alone)',
		{
			resource: 'review',
			operation: 'getAll',
			returnAll: true,
			filters: { email: 'jane@example.com' },
		},
		'GET /reviews',
		/Review > Get Many with a filter other than Email/,
	],
];

describe.each([['missingJson'], ['missingHtml']] as Array<[UnconfirmedRoutes]>)(
	'S endpoints answered as unknown addresses (%s)',
	(kind) => {
		test.each(S_OPERATIONS)(
			'%s says the endpoint is not confirmed by Stamped and names the alternative',
			async (_name, parameters, endpoint, alternative) => {
				missing(kind);
				const { error } = await run(parameters);
				expect(error?.message).toBe(
					`Stamped does not serve ${endpoint}: this API v2 endpoint is not confirmed by Stamped (the source document only)`,
				);
				const description = (error as { description?: string }).description ?? '';
				expect(description).toMatch(/not an unknown record/);
				expect(description).toMatch(alternative);
				expect(description).not.toMatch(/<html|<!DOCTYPE/i);
			},
		);

		test.each([
			[
				'Review > Get Many with a filter',
				{ resource: 'review', operation: 'getAll', returnAll: true, filters: { rating: 2 } },
			],
			['Review > Get', { resource: 'review', operation: 'get', reviewId: 'r1' }],
			['Review > Get Summary', { resource: 'review', operation: 'getSummary', productId: 'p1' }],
			[
				'Order > Create',
				{
					resource: 'order',
					operation: 'create',
					email: 'jane@example.com',
					orderNumber: '1',
					items: '[{"productId": "1"}]',
				},
			],
		])('%s (confirmed elsewhere) still works', async (_name, parameters) => {
			missing(kind);
			const { error } = await run(parameters as IDataObject);
			expect(error).toBeUndefined();
		});

		test('the credential test still passes: it probes a confirmed endpoint', async () => {
			missing(kind);
			const result = await testCredential('stampedApi', {
				publicKey: STAMPED_PUBLIC_KEY,
				privateKey: STAMPED_PRIVATE_KEY,
				storeHash: STAMPED_STORE_HASH,
				baseUrl: fake().stampedUrl,
			});
			expect(result).toEqual({ status: 'OK', message: 'Connected to Stamped' });
		});
	},
);

test('a 404 about a record (served routes) is the record\'s error, not "not confirmed"', async () => {
	const { error } = await run({
		resource: 'customer',
		operation: 'get',
		email: 'nobody@example.com',
	});
	expect(error?.message).toBe('Customer not found');
	expect((error as { description?: string }).description).toMatch(/Check the e-mail address/);
});

test('an empty 404 is not taken for a missing route', async () => {
	fake().inject({ kind: 404, times: 1, body: '' });
	const { error } = await run({
		resource: 'customer',
		operation: 'get',
		email: 'jane@example.com',
	});
	expect(error?.message).not.toMatch(/not confirmed/);
});
