/**
 * Class 5 of issue 29, headlines: a write whose answer was cut off on its way back (the fake's `cut` fault: the
 * status line and half the body, then the connection closes) reached the vendor, and one whose connection
 * dropped may have: the error says so and that the outcome is unknown, never "could not reach" or "perhaps it is
 * offline". Such a write is not sent again unless it is safe to repeat; a read, or a write safe to repeat, is
 * retried and succeeds.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Vendor } from '../fake-api/server';
import { FakeApi } from '../fake-api/server';
import { useFastRetries } from '../harness/fast-retries';
import { stampedV2, stampedV3, stemp } from './support';

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi({
		stamped: { customers: [{ email: 'jane@example.com', points: 100 }] },
		stampedV3: {
			customers: [{ email: 'jane@example.com', points: 5000 }],
			rewards: [{ email: 'jane@example.com', rewardId: 'rwd-5off' }],
		},
	}).start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

type Runner = typeof stampedV2;

const WRITES: Array<[string, Runner, Vendor, string, IDataObject]> = [
	[
		'v3 Loyalty Transaction > Trigger Rule',
		stampedV3,
		'stampedV3',
		'/trigger-activity',
		{
			resource: 'loyaltyTransaction',
			operation: 'triggerRule',
			email: 'jane@example.com',
			ruleId: 'rule-newsletter',
		},
	],
	[
		'v3 Point > Update (add)',
		stampedV3,
		'stampedV3',
		'/adjust-points',
		{
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action: 'add',
			points: 5,
		},
	],
	[
		'v3 Reward > Redeem',
		stampedV3,
		'stampedV3',
		'/redeem-reward',
		{ resource: 'reward', operation: 'redeem', email: 'jane@example.com', rewardId: 'rwd-5off' },
	],
	[
		'v3 Coupon > Void',
		stampedV3,
		'stampedV3',
		'/void-coupon',
		{
			resource: 'coupon',
			operation: 'void',
			email: 'jane@example.com',
			couponCode: 'SANDBOX-0001',
		},
	],
	[
		'v3 Loyalty Transaction > Create (a campaign)',
		stampedV3,
		'stampedV3',
		'/activities',
		{
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			points: 0,
			additionalFields: { campaignId: 'cmp-birthday' },
		},
	],
	[
		'v2 Loyalty Transaction > Create',
		stampedV2,
		'stamped',
		'/loyalty/transactions',
		{ resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com', points: 5 },
	],
	[
		'v2 Point > Update (add)',
		stampedV2,
		'stamped',
		'/customers/points',
		{
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action: 'add',
			points: 5,
		},
	],
	[
		'v2 Order > Create',
		stampedV2,
		'stamped',
		'/orders',
		{
			resource: 'order',
			operation: 'create',
			email: 'jane@example.com',
			orderNumber: '1042',
			items: '[{"productId": "p1"}]',
		},
	],
	[
		'stemp Stamp > Add',
		stemp,
		'stemp',
		'/stamps/add',
		{ operation: 'add', walletPassId: 'wp_abc456' },
	],
	[
		'stemp User > Create',
		stemp,
		'stemp',
		'/users',
		{ resource: 'user', operation: 'create', email: 'new@example.com' },
	],
];

describe('a write whose answer was cut off reached the vendor: the error says so, and that the outcome is unknown', () => {
	test.each(WRITES)('%s', async (_, run, vendor, path, parameters) => {
		api.inject({ vendor, method: 'POST', path, kind: 'cut', times: 1 });
		const { error } = await run(api, parameters);
		const name = vendor === 'stemp' ? 'stemp' : 'Stamped';
		expect(error?.message).toMatch(
			new RegExp(
				`^${name} received POST \\S+ and answered HTTP 20[01], but the answer was cut off: the request reached ${name}, and its outcome is unknown$`,
			),
		);
		expect(error?.message).not.toMatch(/could not reach|offline/i);
		expect(error?.description).toContain(
			'but the connection closed before the whole answer arrived',
		);
		expect(error?.description).toContain('Not retried');
		expect(api.requests({ method: 'POST', path })).toHaveLength(1);
	});
});

describe('a write whose connection dropped may have reached the vendor: the error says the outcome is unknown', () => {
	test.each(WRITES)('%s', async (_, run, vendor, path, parameters) => {
		api.inject({ vendor, method: 'POST', path, kind: 'drop', times: 1, phase: 'after' });
		const { error } = await run(api, parameters);
		const name = vendor === 'stemp' ? 'stemp' : 'Stamped';
		expect(error?.message).toMatch(
			new RegExp(
				`before ${name} answered POST \\S+: the request may have reached ${name}, and whether ${name} applied it is unknown$`,
			),
		);
		expect(error?.message).not.toMatch(/could not reach|offline/i);
		expect(api.requests({ method: 'POST', path })).toHaveLength(1);
	});
});

describe('what is safe to repeat is retried after a cut-off answer', () => {
	test('stemp Stamp > Get (a read)', async () => {
		api.inject({ vendor: 'stemp', method: 'GET', kind: 'cut', times: 1 });
		const { items, error } = await stemp(api, { operation: 'get', walletPassId: 'wp_abc456' });
		expect(error).toBeUndefined();
		expect(items[0].json.currentStamps).toBe(5);
		expect(api.requests()).toHaveLength(2);
	});

	test('v3 Tier > Set (setting a tier twice leaves it set)', async () => {
		api.inject({
			vendor: 'stampedV3',
			method: 'POST',
			path: '/adjust-vip-tier',
			kind: 'cut',
			times: 1,
		});
		const { error } = await stampedV3(api, {
			resource: 'tier',
			operation: 'set',
			email: 'jane@example.com',
			tierName: 'Gold',
		});
		expect(error).toBeUndefined();
		expect(api.stampedV3.byEmail('jane@example.com')?.vipTier).toBe('Gold');
		expect(api.requests({ path: '/adjust-vip-tier' })).toHaveLength(2);
	});

	test('v3 Order > Create: a cut-off create is found by its own ID afterwards, not sent again', async () => {
		api.inject({ vendor: 'stampedV3', method: 'POST', path: '/orders', kind: 'cut', times: 1 });
		const { items, error } = await stampedV3(api, {
			resource: 'order',
			operation: 'create',
			email: 'jane@example.com',
			orderId: 'web-77',
			lineItems: '[]',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ customOrderId: 'web-77', resolvedByLookup: true });
		expect(api.requests({ method: 'POST', path: '/orders' })).toHaveLength(1);
	});
});
