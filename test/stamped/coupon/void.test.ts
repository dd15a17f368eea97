/** Stamped coupons on v3: void a coupon a customer got from a reward; a void is never sent twice. */
import {
	api,
	expectRefusedBeforeSending,
	jane,
	lookupOfJane,
	loyalty,
	stampedV3,
	useStampedApi,
} from '../support';

useStampedApi();

describe('coupons on v3', () => {
	beforeEach(() => {
		jane().points = 2000;
	});

	/** A coupon Jane got from a reward, as Stamped would hold it. */
	function couponOfJane(couponCode: string) {
		api.stampedV3.rewards.push({
			rewardId: 'rwd-5off',
			activityId: 'act_x',
			customerId: jane().customerId,
			status: 'active',
			title: '$5 off',
			couponCode,
			category: 'coupon',
			type: 'fixed_amount',
			value: '5',
			dateCreated: '2026-02-01T00:00:00.000Z',
		});
	}

	test('void a coupon', async () => {
		couponOfJane('LOYAL-0001');
		const { items } = await stampedV3({
			resource: 'coupon',
			operation: 'void',
			email: 'jane@example.com',
			couponCode: 'LOYAL-0001',
		});
		expect(api.requests()).toMatchObject([
			lookupOfJane,
			{ method: 'POST', path: loyalty(`/customers/${jane().customerId}/void-coupon/LOYAL-0001`) },
		]);
		expect(items[0].json).toMatchObject({
			email: 'jane@example.com',
			couponCode: 'LOYAL-0001',
			status: 'voided',
		});
	});

	test('a coupon code is URL-encoded in the path', async () => {
		couponOfJane('SUMMER/5 OFF');
		const { error } = await stampedV3({
			resource: 'coupon',
			operation: 'void',
			email: 'jane@example.com',
			couponCode: 'SUMMER/5 OFF',
		});
		expect(error).toBeUndefined();
		expect(api.requests()[1].rawPath).toBe(
			loyalty(`/customers/${jane().customerId}/void-coupon/SUMMER%2F5%20OFF`),
		);
	});

	test.each([
		['NOPE-1', 'Coupon not found', '404'],
		['LOYAL-0001', 'Coupon is already voided', '400'],
	])('void of %s: %s', async (couponCode, message, httpCode) => {
		couponOfJane('LOYAL-0001');
		api.stampedV3.rewards[0].status = 'voided';
		const { error } = await stampedV3({
			resource: 'coupon',
			operation: 'void',
			email: 'jane@example.com',
			couponCode,
		});
		expect(error?.message).toBe(message);
		expect(error?.httpCode).toBe(httpCode);
	});

	test('void is never re-sent after a 5xx', async () => {
		couponOfJane('LOYAL-0001');
		api.inject({ vendor: 'stampedV3', kind: 502, times: 1, phase: 'after', path: '/void-coupon' });
		const { error } = await stampedV3({
			resource: 'coupon',
			operation: 'void',
			email: 'jane@example.com',
			couponCode: 'LOYAL-0001',
		});
		expect(error?.httpCode).toBe('502');
		expect(api.requests({ path: '/void-coupon' })).toHaveLength(1);
	});

	test.each([
		[
			{ resource: 'coupon', operation: 'void', email: 'jane@example.com', couponCode: ' ' },
			'Invalid "Coupon Code" in item 0: it is empty',
		],
	])('%j is refused before anything is sent', async (parameters, message) => {
		await expectRefusedBeforeSending(stampedV3, parameters, message);
	});
});
