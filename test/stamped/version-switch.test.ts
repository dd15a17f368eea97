/**
 * The credential decides which Stamped API is called. Every operation both versions offer (read from the
 * registry, so a new shared operation is covered or this file fails) runs on the credential's version whatever
 * the (hidden) API Version of a saved node says, without a hint: nothing is left for the user to keep in step.
 */
import type { IDataObject } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../fake-api/stamped-v2';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID } from '../fake-api/stamped-v3';
import { runNode } from '../harness/engine';
import { useFastRetries } from '../harness/fast-retries';
import { expectNoSecrets, secretForms, visibleText } from '../harness/secrets';

const { stampedRegistry } =
	require('../../dist/nodes/Stamped/actions/registry') as typeof import('../../nodes/Stamped/actions/registry');

const JANE = 'jane@example.com';

/** Parameters that make each shared operation do its work on both versions; keyed `resource.operation`. */
const SAMPLE_PARAMETERS: Record<string, IDataObject> = {
	'customer.upsert': { email: JANE, additionalFields: { firstName: 'Jane' } },
	'customer.get': { email: JANE },
	'customer.getAll': { returnAll: true },
	'customer.delete': { email: JANE },
	'points.update': { email: JANE, action: 'add', points: 10 },
	'loyaltyTransaction.create': {
		email: JANE,
		type: 'custom',
		points: 5,
		additionalFields: { note: 'Welcome' },
	},
	// Each version's order has its own fields (the other version's are refused when filled in, not dropped).
	'order.create': {
		v2: {
			email: JANE,
			orderNumber: '1001',
			items: '[{"productId": "12", "productTitle": "Beans"}]',
		},
		v3: {
			email: JANE,
			orderId: '1001',
			lineItems: '[{"productId": "12", "title": "Beans", "quantity": 1, "price": "9.50"}]',
			additionalFields: { currency: 'USD', totalPrice: 9.5 },
		},
	},
};

/** The sample of an operation for a credential's version: one set for both, or one per version. */
function sampleFor(key: string, version: 'v2' | 'v3'): IDataObject {
	const sample = SAMPLE_PARAMETERS[key];
	return (sample[version] as IDataObject | undefined) ?? sample;
}

const shared = stampedRegistry.operations.filter(
	(operation) => !operation.versions || Object.keys(operation.versions).length === 2,
);

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi({
		stamped: { customers: [{ email: JANE, firstName: 'Jane', points: 100 }] },
		stampedV3: { customers: [{ email: JANE, firstName: 'Jane', points: 100 }] },
	}).start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

const credentialFor = (version: 'v2' | 'v3') =>
	version === 'v2'
		? {
				apiVersion: 'v2',
				publicKey: STAMPED_PUBLIC_KEY,
				privateKey: STAMPED_PRIVATE_KEY,
				storeHash: STAMPED_STORE_HASH,
				baseUrl: api.stampedUrl,
			}
		: {
				apiVersion: 'v3',
				privateKey: STAMPED_V3_PRIVATE_KEY,
				storeHash: STAMPED_V3_SHOP_ID,
				baseUrl: api.stampedV3Url,
			};

test('every operation both versions offer has sample parameters here', () => {
	expect(shared.map(({ resource, operation }) => `${resource}.${operation}`).sort()).toEqual(
		Object.keys(SAMPLE_PARAMETERS).sort(),
	);
});

describe.each([
	['v2', 'v3'],
	['v3', 'v2'],
	[undefined, 'v3'],
])('a node set to %s with a %s credential', (nodeVersion, credentialVersion) => {
	test.each(shared.map(({ resource, operation }) => [resource, operation]))(
		"%s %s runs on the credential's version",
		async (resource, operation) => {
			const result = await runNode({
				type: 'stamped',
				parameters: {
					...(nodeVersion ? { apiVersion: nodeVersion } : {}),
					resource,
					operation,
					...sampleFor(`${resource}.${operation}`, credentialVersion as 'v2' | 'v3'),
				} as never,
				credentials: { stampedApi: credentialFor(credentialVersion as 'v2' | 'v3') as never },
			});
			expectNoSecrets(
				visibleText(result.items, result.error),
				secretForms(STAMPED_PRIVATE_KEY, STAMPED_V3_PRIVATE_KEY),
			);
			expect(result.error).toBeUndefined();
			expect(result.items.length).toBeGreaterThan(0);
			const vendors = new Set(api.requests().map((request) => request.vendor));
			expect([...vendors]).toEqual([credentialVersion === 'v3' ? 'stampedV3' : 'stamped']);
			expect(result.hints).toEqual([]);
		},
	);
});
