/**
 * Class 5 of issue 29, pickers: one picker answer shows at most the documented 100 entries, also when the server
 * sends more records than the page size asked (the fake's `listRecords` switch puts 250 on one page). Every list
 * search of both nodes shows the rest of such a page over n8n's next pagination tokens, each entry once; every
 * dropdown filled from the shop shows its first 100.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../fake-api/stamped-v2';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID } from '../fake-api/stamped-v3';
import { STEMP_TOKEN } from '../fake-api/stemp';
import { listSearch, loadOptions } from '../harness/list-search';
import { useFastRetries } from '../harness/fast-retries';

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi().start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

const ON_ONE_PAGE = 250;
const PAGE = 100;

type Credential = [string, ICredentialDataDecryptedObject];

const v2 = (): Credential => [
	'stampedApi',
	{
		publicKey: STAMPED_PUBLIC_KEY,
		privateKey: STAMPED_PRIVATE_KEY,
		storeHash: STAMPED_STORE_HASH,
		baseUrl: api.stampedUrl,
	},
];
const v3 = (): Credential => [
	'stampedApi',
	{
		apiVersion: 'v3',
		privateKey: STAMPED_V3_PRIVATE_KEY,
		storeHash: STAMPED_V3_SHOP_ID,
		baseUrl: api.stampedV3Url,
	},
];
const stempCredential = (): Credential => [
	'stempApi',
	{ apiToken: STEMP_TOKEN, baseUrl: api.stempUrl },
];

interface Picker {
	node: string;
	method: string;
	credential: () => Credential;
	parameters: INodeParameters;
	path: string;
	/** The i-th record of the oversized page, and the value the picker shows for it. */
	record: (i: number) => IDataObject;
	value: (i: number) => string;
}

const PICKERS: Array<[string, Picker]> = [
	[
		'Stamped customers (v3)',
		{
			node: 'stamped',
			method: 'searchCustomers',
			credential: v3,
			parameters: { resource: 'customer', operation: 'get' },
			path: 'parameters.email',
			record: (i) => ({ customerId: `cus_${i}`, email: `c${i}@example.com` }),
			value: (i) => `c${i}@example.com`,
		},
	],
	[
		'Stamped customers (v2)',
		{
			node: 'stamped',
			method: 'searchCustomers',
			credential: v2,
			parameters: { resource: 'customer', operation: 'get' },
			path: 'parameters.email',
			record: (i) => ({ email: `c${i}@example.com` }),
			value: (i) => `c${i}@example.com`,
		},
	],
	[
		'Stamped reviews (v2)',
		{
			node: 'stamped',
			method: 'searchReviews',
			credential: v2,
			parameters: { resource: 'review', operation: 'get' },
			path: 'parameters.reviewId',
			record: (i) => ({ id: `rev${i}`, rating: 5, title: `Review ${i}` }),
			value: (i) => `rev${i}`,
		},
	],
	[
		'Stamped rewards (v3)',
		{
			node: 'stamped',
			method: 'searchRewards',
			credential: v3,
			parameters: { resource: 'reward', operation: 'redeem' },
			path: 'parameters.rewardId',
			record: (i) => ({ rewardId: `rwd-${i}`, title: `Reward ${i}` }),
			value: (i) => `rwd-${i}`,
		},
	],
	[
		'Stamped orders (v3)',
		{
			node: 'stamped',
			method: 'searchOrders',
			credential: v3,
			parameters: { resource: 'order', operation: 'get' },
			path: 'parameters.lookupValue',
			record: (i) => ({ orderId: `ord_${i}`, customOrderId: `web-${i}` }),
			value: (i) => `ord_${i}`,
		},
	],
	[
		'Stamped products (v3)',
		{
			node: 'stamped',
			method: 'searchProducts',
			credential: v3,
			parameters: { resource: 'product', operation: 'get' },
			path: 'parameters.lookupValue',
			record: (i) => ({ productId: `prd_${i}`, title: `Product ${i}` }),
			value: (i) => `prd_${i}`,
		},
	],
	[
		'stemp users',
		{
			node: 'stemp',
			method: 'searchUsers',
			credential: stempCredential,
			parameters: { resource: 'user', operation: 'get' },
			path: 'parameters.userId',
			record: (i) => ({ id: `usr_${i}`, email: `u${i}@example.com` }),
			value: (i) => `usr_${i}`,
		},
	],
];

/** Every answer of a list search from its first page on, following n8n's pagination token. */
async function everyAnswer(picker: Picker) {
	const answers: Array<Array<string | number | boolean>> = [];
	let paginationToken: string | undefined;
	do {
		const { result, error } = await listSearch({
			node: picker.node,
			method: picker.method,
			credential: picker.credential(),
			parameters: picker.parameters,
			path: picker.path,
			paginationToken,
		});
		expect(error).toBeUndefined();
		answers.push(result!.results.map((entry) => entry.value));
		paginationToken = result!.paginationToken;
	} while (paginationToken !== undefined && answers.length < 10);
	return answers;
}

const all = (count: number, value: (i: number) => string) =>
	Array.from({ length: count }, (_, i) => value(i));

test.each(PICKERS)(
	'%s: a page of 250 records is shown 100 at a time, each entry once',
	async (_, picker) => {
		api.hostile = { listRecords: Array.from({ length: ON_ONE_PAGE }, (_, i) => picker.record(i)) };
		const answers = await everyAnswer(picker);
		expect(answers.map((answer) => answer.length)).toEqual([PAGE, PAGE, ON_ONE_PAGE - 2 * PAGE]);
		expect(answers.flat()).toEqual(all(ON_ONE_PAGE, picker.value));
	},
);

test('Stamped tiers (v2): 250 tiers in one answer are shown 100 at a time', async () => {
	api.stamped.tiers = Array.from({ length: ON_ONE_PAGE }, (_, i) => ({
		name: `Tier ${i}`,
		minPoints: i,
	}));
	const answers = await everyAnswer({
		node: 'stamped',
		method: 'searchTiers',
		credential: v2,
		parameters: { resource: 'customer', operation: 'upsert' },
		path: 'parameters.additionalFields.tier',
		record: () => ({}),
		value: (i) => `Tier ${i}`,
	});
	expect(answers.map((answer) => answer.length)).toEqual([PAGE, PAGE, ON_ONE_PAGE - 2 * PAGE]);
	expect(answers.flat()).toEqual(all(ON_ONE_PAGE, (i) => `Tier ${i}`));
});

describe('dropdowns filled from the shop show at most 100 options', () => {
	test('Tier (v2): 250 tiers', async () => {
		api.stamped.tiers = Array.from({ length: ON_ONE_PAGE }, (_, i) => ({
			name: `Tier ${i}`,
			minPoints: i,
		}));
		const { options, error } = await loadOptions({
			node: 'stamped',
			method: 'getTierNames',
			credential: v2(),
			parameters: { resource: 'customer', operation: 'upsert', additionalFields: {} },
			path: 'parameters.additionalFields.tier',
		});
		expect(error).toBeUndefined();
		expect(options).toHaveLength(PAGE);
		expect(options?.[0]).toMatchObject({ name: 'Tier 0', value: 'Tier 0' });
	});

	test('Reward (v3): 300 different rewards in the rewards list', async () => {
		const [customer] = api.stampedV3.customers.values();
		for (let i = 0; i < 300; i++)
			api.stampedV3.rewards.push({
				rewardId: `rwd-${String(i).padStart(3, '0')}`,
				activityId: `act_${i}`,
				customerId: customer?.customerId ?? 'cus_1',
				status: 'active',
				title: `Reward ${String(i).padStart(3, '0')}`,
				couponCode: `C-${i}`,
				category: 'coupon',
				type: 'fixed_amount',
				value: '1',
				dateCreated: '2026-02-01T00:00:00.000Z',
			});
		const { options, error } = await loadOptions({
			node: 'stamped',
			method: 'getRewards',
			credential: v3(),
			parameters: { apiVersion: 'v3', resource: 'reward', operation: 'redeem' },
			path: 'parameters.rewardId',
		});
		expect(error).toBeUndefined();
		expect(options).toHaveLength(PAGE);
		expect(options?.[0]).toEqual({ name: 'Reward 000 (rwd-000)', value: 'rwd-000' });
	});
});
