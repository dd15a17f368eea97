/**
 * What holds for every Stamped operation: API errors carry the vendor's message and a hint, nothing secret is
 * shown, Continue On Fail keeps going item by item, and a bad item stops the run before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { STAMPED_PRIVATE_KEY, STAMPED_PUBLIC_KEY } from '../fake-api/stamped-v2';
import { STAMPED_V3_PRIVATE_KEY } from '../fake-api/stamped-v3';
import { expectNoSecrets, secretForms, visibleText } from '../harness/secrets';
import type { Version } from './support';
import {
	VERSIONS,
	WEBHOOK_SECRET,
	api,
	jane,
	merchant,
	stampedV2,
	stampedV3,
	useStampedApi,
} from './support';

useStampedApi();

/** How each version answers a wrong private key, and the forms in which the wrong key must not show. */
const wrongKey: Record<
	Version,
	{ message: string; hint: string; forms: (key: string) => string[] }
> = {
	v2: {
		message: 'Unauthorized: the API key pair is not valid',
		hint: 'Check the API Public Key and API Private Key',
		forms: (key) => secretForms(key, `${STAMPED_PUBLIC_KEY}:${key}`),
	},
	v3: {
		message: 'Unauthorized: invalid stamped-api-key',
		hint: 'stamped-api-key header',
		forms: (key) => secretForms(key),
	},
};

/** A store the credential's hash does not name: each version's message, for an operation it offers. */
const unknownStore: Record<Version, { parameters: IDataObject; message: string; path: string }> = {
	v2: {
		parameters: { resource: 'tier', operation: 'getAll' },
		message: 'Store not found',
		path: '/other-shop/loyalty/tiers',
	},
	v3: {
		parameters: { resource: 'customer', operation: 'getAll', returnAll: true },
		message: 'Shop not found',
		path: '/merchant/shops/other-shop/customers',
	},
};

const input = [{ email: 'nobody@example.com' }, { email: 'bad' }, { email: 'jane@example.com' }];

describe.each(VERSIONS)(
	'errors and redaction on %s',
	(version, { run, pointsOfJane, balanceField }) => {
		test('a wrong key: 401 with the vendor message and a hint, not retried, nothing leaks', async () => {
			const key = `wrong-${version}-key-5521`;
			const { error } = await run(
				{ resource: 'customer', operation: 'get', email: 'jane@example.com' },
				{ privateKey: key },
			);
			expect(error?.message).toBe(wrongKey[version].message);
			expect(error?.httpCode).toBe('401');
			expect(error?.description).toContain(wrongKey[version].hint);
			expect(api.requests()).toHaveLength(1);
			expectNoSecrets(visibleText([], error), wrongKey[version].forms(key));
		});

		test.each<[string, IDataObject, () => void]>([
			[
				'customer get',
				{ resource: 'customer', operation: 'get' },
				() => expect(api.requests()).toHaveLength(2),
			],
			[
				'points update',
				{ resource: 'points', operation: 'update', action: 'add', points: 10 },
				() => expect(pointsOfJane()).toBe(160),
			],
		])(
			'Continue On Fail on %s: each failing item carries its error, the others go through',
			async (operation, parameters, sentOnlyGoodItems) => {
				const { items, error } = await run(
					{ ...parameters, email: '={{ $json.email }}' },
					{ input, continueOnFail: true },
				);
				expect(error).toBeUndefined();
				expect(items.map((item) => item.pairedItem)).toEqual([
					{ item: 0 },
					{ item: 1 },
					{ item: 2 },
				]);
				expect(items[0].json).toMatchObject({ error: 'Customer not found', httpCode: '404' });
				expect(items[1].json).toMatchObject({
					error: 'Invalid "Email" in item 1: "bad" is not a valid e-mail address',
				});
				expect(items[2].json).toMatchObject(
					operation === 'points update'
						? { email: 'jane@example.com', [balanceField]: 160 }
						: { email: 'jane@example.com' },
				);
				sentOnlyGoodItems();
			},
		);

		test('an unknown store hash is a 404 that points at the store hash', async () => {
			const { error } = await run(unknownStore[version].parameters, {
				credentials: { storeHash: 'other-shop' },
			});
			expect(error?.message).toBe(unknownStore[version].message);
			expect(error?.description).toContain('Store Hash');
			expect(api.requests()[0].path).toBe(unknownStore[version].path);
		});
	},
);

describe('errors and redaction on v2', () => {
	test('a vendor message that echoes the keys is redacted', async () => {
		const basic = Buffer.from(`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`).toString('base64');
		api.inject({
			vendor: 'stamped',
			kind: 403,
			times: 1,
			body: { message: `key ${STAMPED_PRIVATE_KEY} / Basic ${basic} refused` },
		});
		const { error } = await stampedV2({ resource: 'tier', operation: 'getAll' });
		expect(error?.message).toBe('key [redacted] / Basic [redacted] refused');
	});

	test('the item index is that of the bad item, and nothing is sent for any item', async () => {
		const { error } = await stampedV2(
			{
				resource: 'points',
				operation: 'update',
				email: '={{ $json.email }}',
				action: 'add',
				points: 5,
			},
			{
				input: [{ email: 'jane@example.com' }, { email: 'jane@example.com' }, { email: 'broken' }],
			},
		);
		expect(error?.message).toBe(
			'Invalid "Email" in item 2: "broken" is not a valid e-mail address',
		);
		expect(api.requests()).toHaveLength(0);
	});
});

describe('errors and redaction on v3', () => {
	test.each([
		['customer', 'getAll', { returnAll: true }, '/customers'],
		['points', 'update', { email: 'jane@example.com', action: 'add', points: 1 }, '/adjust-points'],
		['tier', 'set', { email: 'jane@example.com', tierName: 'Gold' }, '/adjust-vip-tier'],
		['reward', 'redeem', { email: 'jane@example.com', rewardId: 'rwd-5off' }, '/redeem-reward'],
		['loyaltyTransaction', 'getAll', { returnAll: true }, '/activities'],
	])(
		'a vendor message on %s %s that echoes the key is redacted',
		async (resource, operation, parameters, path) => {
			jane().points = 2000;
			const encoded = encodeURIComponent(`${STAMPED_V3_PRIVATE_KEY}/`);
			api.inject({
				vendor: 'stampedV3',
				kind: 403,
				times: 1,
				path,
				body: {
					message: `key ${STAMPED_V3_PRIVATE_KEY} (${encoded}, secret ${WEBHOOK_SECRET}) refused`,
					echo: STAMPED_V3_PRIVATE_KEY,
				},
			});
			const { error } = await stampedV3({ resource, operation, ...parameters });
			expect(error?.message).toBe(
				`key [redacted] ([redacted]${encodeURIComponent('/')}, secret [redacted]) refused`,
			);
			expect(error?.description).toContain('Check the API Private Key');
		},
	);

	test('an unreachable base URL fails with the network reason', async () => {
		const { error } = await stampedV3(
			{ resource: 'customer', operation: 'get', email: 'jane@example.com' },
			{ credentials: { baseUrl: 'http://127.0.0.1:9/api/v3' } },
		);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.description).toContain(`GET ${merchant('/customers/lookup')} failed after`);
		expect(error?.description).toContain('Check the Base URL in the credential');
	});
});
