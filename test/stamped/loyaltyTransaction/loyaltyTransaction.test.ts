/**
 * Stamped loyalty transactions: create (v2: a transaction; v3: a points adjustment with a reason, or a custom
 * activity by Campaign ID) and, on v3, Get Many over the activities. A create is never sent twice.
 */
import type { Version } from '../support';
import {
	VERSIONS,
	api,
	expectRefusedBeforeSending,
	jane,
	lookupOfJane,
	loyalty,
	stampedV2,
	stampedV3,
	useStampedApi,
	v2Path,
} from '../support';

useStampedApi();

/** Where a version's create lands, and how many records the fake API holds for it. */
const createdBy: Record<Version, { path: string; recorded: () => number }> = {
	v2: { path: '/loyalty/transactions', recorded: () => api.stamped.transactions.length },
	v3: { path: '/adjust-points', recorded: () => api.stampedV3.activities.length },
};
const create = { resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com' };

describe.each(VERSIONS)('loyalty transactions on %s', (version, { run, vendor }) => {
	test('a custom transaction with a note', async () => {
		const { items } = await run({
			...create,
			type: 'custom',
			points: 25,
			additionalFields: { note: 'Referral bonus' },
		});
		if (version === 'v2') {
			expect(api.requests()).toMatchObject([
				{
					method: 'POST',
					path: v2Path('/loyalty/transactions'),
					body: { email: 'jane@example.com', type: 'custom', points: 25, note: 'Referral bonus' },
				},
			]);
			expect(items[0].json).toMatchObject({ transactionId: 'txn_001', type: 'custom', points: 25 });
		} else {
			// v3 has no transactions: the points are adjusted, with the note as the reason.
			expect(api.requests()).toMatchObject([
				lookupOfJane,
				{
					method: 'POST',
					path: loyalty(`/customers/${jane().customerId}/adjust-points`),
					body: { points: 25, reason: 'Referral bonus' },
				},
			]);
			expect(items[0].json).toMatchObject({ email: 'jane@example.com', activityId: 'act_00001' });
			expect(jane().points).toBe(175);
		}
	});

	test('a transaction is never re-sent after a 5xx', async () => {
		const { path, recorded } = createdBy[version];
		api.inject({ vendor, kind: 504, times: 1, phase: 'after', path });
		const { error } = await run({ ...create, type: 'custom', points: 10 });
		expect(error?.httpCode).toBe('504');
		expect(api.requests({ path })).toHaveLength(1);
		expect(recorded()).toBe(1);
	});

	test('a purchase without its order value is refused before anything is sent', async () => {
		await expectRefusedBeforeSending(
			run,
			{ ...create, type: 'purchase', points: 10 },
			'Invalid "Order Value" in item 0: a purchase needs the order value',
		);
	});
});

describe('loyalty transactions on v2', () => {
	test('a purchase carries the order value', async () => {
		await stampedV2({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: 'purchase',
			points: 120,
			additionalFields: { orderValue: 120.5 },
		});
		expect(api.requests()[0].body).toEqual({
			email: 'jane@example.com',
			type: 'purchase',
			points: 120,
			orderValue: 120.5,
		});
	});

	test('any type configured in the program is accepted from an expression', async () => {
		const { items } = await stampedV2({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: '={{ "birthday" }}',
			points: 10,
		});
		expect(items[0].json).toMatchObject({ type: 'birthday' });
	});

	test('a type the program does not know is quoted from Stamped', async () => {
		const { error } = await stampedV2({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: '={{ "anniversary" }}',
			points: 10,
		});
		expect(error?.message).toBe(
			"Transaction type 'anniversary' is not configured in the loyalty program",
		);
	});

	test.each([
		[
			{
				resource: 'loyaltyTransaction',
				operation: 'create',
				email: 'jane@example.com',
				type: 'custom',
				points: 10,
				additionalFields: { note: 'n'.repeat(513) },
			},
			'Invalid "Note" in item 0: it is 513 characters long; at most 512 are allowed',
		],
		[
			{
				resource: 'loyaltyTransaction',
				operation: 'create',
				email: 'jane@example.com',
				type: 'custom',
				points: '={{ "ten" }}',
			},
			'Invalid "Points" in item 0: "ten" is not a whole number',
		],
	])('%j is refused before anything is sent', async (parameters, message) => {
		await expectRefusedBeforeSending(stampedV2, parameters, message);
	});
});

describe('loyalty transactions on v3', () => {
	test.each([
		['custom', {}, 'custom'],
		['={{ "birthday" }}', {}, 'birthday'],
		['purchase', { orderValue: 120.5 }, 'purchase, order value 120.5'],
	])('without a note, type %s gives the reason "%s"', async (type, additionalFields, reason) => {
		await stampedV3({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type,
			points: 10,
			additionalFields,
		});
		expect(api.requests()[1].body).toEqual({ points: 10, reason });
	});

	test('with a Campaign ID it triggers that custom activity, whose rule sets the points', async () => {
		const { items } = await stampedV3({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: 'custom',
			points: 0,
			additionalFields: { campaignId: 'cmp-birthday' },
		});
		expect(api.requests()).toMatchObject([
			{
				method: 'POST',
				path: loyalty('/activities'),
				query: { email: 'jane@example.com', campaignId: 'cmp-birthday' },
			},
		]);
		expect(api.requests()[0].body).toBeUndefined();
		expect(items[0].json).toEqual({
			email: 'jane@example.com',
			customerId: jane().customerId,
			ruleId: 'cmp-birthday',
			activityId: 'act_00001',
			pointsAdded: 100,
		});
	});

	test('an unknown campaign is quoted from Stamped', async () => {
		const { error } = await stampedV3({
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: 'jane@example.com',
			type: 'custom',
			points: 0,
			additionalFields: { campaignId: 'cmp-nope' },
		});
		expect(error?.message).toBe("Campaign 'cmp-nope' does not exist");
	});

	test('create with a Campaign ID is never re-sent after a 5xx', async () => {
		api.inject({ vendor: 'stampedV3', kind: 504, times: 1, phase: 'after', path: '/activities' });
		const { error } = await stampedV3({
			...create,
			type: 'custom',
			points: 0,
			additionalFields: { campaignId: 'cmp-birthday' },
		});
		expect(error?.httpCode).toBe('504');
		expect(api.requests({ path: '/activities' })).toHaveLength(1);
		expect(api.stampedV3.activities).toHaveLength(1);
	});

	test.each([0, 1, 100, 101, 230])(
		'Get Many with Return All over %i activities walks morePages',
		async (count) => {
			api.stampedV3.seedActivities(count, jane());
			const { items } = await stampedV3({
				resource: 'loyaltyTransaction',
				operation: 'getAll',
				returnAll: true,
			});
			expect(items.map((item) => item.json.activityId)).toEqual(
				api.stampedV3.activities.map((activity) => activity.activityId).reverse(),
			);
			// From the third page on, the next page is asked for with it: one page past the end.
			const pages = Math.max(1, Math.ceil(count / 100));
			expect(api.requests().map((request) => request.query.page)).toEqual(
				Array.from({ length: pages >= 3 ? pages + 1 : pages }, (_, page) => String(page)),
			);
			expect(
				api
					.requests()
					.every((request) => request.path === loyalty('/activities') && request.method === 'GET'),
			).toBe(true);
		},
	);

	test('Get Many with a Limit reads one page of that size', async () => {
		api.stampedV3.seedActivities(80, jane());
		const { items } = await stampedV3({
			resource: 'loyaltyTransaction',
			operation: 'getAll',
			returnAll: false,
			limit: 7,
		});
		expect(items).toHaveLength(7);
		expect(api.requests().map((request) => request.query)).toEqual([{ page: '0', limit: '7' }]);
	});

	test('Get Many retries a page after a 5xx (a read)', async () => {
		api.stampedV3.seedActivities(10, jane());
		api.inject({ vendor: 'stampedV3', kind: 502, times: 1, path: '/activities' });
		const { items, error } = await stampedV3({
			resource: 'loyaltyTransaction',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(10);
	});

	test.each([
		[
			{
				resource: 'loyaltyTransaction',
				operation: 'create',
				email: 'jane@example.com',
				type: 'custom',
				points: 5,
				additionalFields: { campaignId: 'cmp-birthday' },
			},
			'Invalid "Points" in item 0: leave it at 0 with a Campaign ID: the custom activity rule decides the points',
		],
		[
			{
				resource: 'loyaltyTransaction',
				operation: 'create',
				email: 'jane@example.com',
				type: 'purchase',
				points: 0,
				additionalFields: { campaignId: 'cmp-birthday', orderValue: 10 },
			},
			'Invalid "Type" in item 0: "purchase" cannot be used with a Campaign ID: a custom activity is of type custom',
		],
		[
			{
				resource: 'loyaltyTransaction',
				operation: 'create',
				email: 'jane@example.com',
				type: 'custom',
				points: 0,
				additionalFields: { campaignId: 'cmp-birthday', note: 'hi' },
			},
			'Invalid "Note" in item 0: a custom activity (Campaign ID) carries no note',
		],
		[
			{
				resource: 'loyaltyTransaction',
				operation: 'create',
				email: 'jane@example.com',
				type: 'custom',
				points: 0,
				additionalFields: { campaignId: 'cmp-birthday', orderValue: 3 },
			},
			'Invalid "Order Value" in item 0: a custom activity (Campaign ID) carries no order value',
		],
		[
			{
				resource: 'loyaltyTransaction',
				operation: 'getAll',
				returnAll: false,
				limit: '={{ "ten" }}',
			},
			'Invalid "Limit" in item 0: "ten" is not a whole number',
		],
	])('%j is refused before anything is sent', async (parameters, message) => {
		await expectRefusedBeforeSending(stampedV3, parameters, message);
	});
});
