/**
 * What the per-node workflows must produce, shared by the n8n 2.x suite and the n8n 1.x smoke test: the output
 * items of every node, and the requests the sandbox received, in order.
 */
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../../../test/fake-api/stamped-v2';
import { SANDBOX_KEYS } from '../../../test/fake-api/sandbox';
import { STEMP_TOKEN } from '../../../test/fake-api/stemp';
import type { Execution } from '../../src/n8n';
import { nodeOutput } from '../../src/n8n';
import type { LoggedRequest } from '../../src/sandbox';
import {
	NEW_CUSTOMER,
	NEW_CUSTOMER_FIELDS,
	NEW_V3_CUSTOMER_FIELDS,
	POINTS_PASS,
	POINTS_PASS_SIGNATURE,
	STAMP_PASS,
} from './workflows';

/** `METHOD path` of each request, for comparing sequences at a glance. */
export function routes(log: LoggedRequest[]): string[] {
	return log.map((entry) => `${entry.method} ${entry.path}`);
}

export function expectStampedEveryOperation(execution: Execution, log: LoggedRequest[]): void {
	expect(execution.data.resultData.error).toBeUndefined();
	const output = (node: string) => nodeOutput(execution, node);

	expect(output('Create customer')).toEqual([
		expect.objectContaining({ email: NEW_CUSTOMER, ...NEW_CUSTOMER_FIELDS }),
	]);
	expect(output('Get customer')).toEqual([
		expect.objectContaining({ email: NEW_CUSTOMER, points: 100 }),
	]);
	expect(output('Add points')).toEqual([
		expect.objectContaining({ email: NEW_CUSTOMER, points: 150 }),
	]);
	expect(output('Subtract points')).toEqual([
		expect.objectContaining({ email: NEW_CUSTOMER, points: 130 }),
	]);
	expect(output('Set points')).toEqual([
		expect.objectContaining({ email: NEW_CUSTOMER, points: 600, tier: 'Silver' }),
	]);
	expect(output('Record purchase')).toEqual([
		expect.objectContaining({
			email: NEW_CUSTOMER,
			type: 'purchase',
			points: 120,
			note: 'Order #1001',
			orderValue: 120.5,
		}),
	]);
	const customers = output('List customers');
	expect(customers.map((customer) => customer.email).sort()).toEqual(
		[
			'ahmed@example.com',
			'jane@example.com',
			'li.wei@example.com',
			'maria@example.com',
			NEW_CUSTOMER,
		].sort(),
	);
	expect(customers.find((customer) => customer.email === NEW_CUSTOMER)).toMatchObject({
		points: 720,
		tier: 'Silver',
	});
	expect(output('List tiers')).toEqual([
		{ name: 'Bronze', minPoints: 0 },
		{ name: 'Silver', minPoints: 500 },
		{ name: 'Gold', minPoints: 1500 },
	]);
	expect(output("Jane's reviews").map((review) => review.reviewId)).toEqual([
		'rev_1001',
		'rev_1002',
	]);
	expect(output('Delete customer')).toEqual([
		expect.objectContaining({ email: NEW_CUSTOMER, deleted: true }),
	]);

	const store = `/${STAMPED_STORE_HASH}`;
	expect(routes(log)).toEqual([
		`POST ${store}/customers`,
		`GET ${store}/customers/${NEW_CUSTOMER}`,
		`POST ${store}/customers/points`,
		`POST ${store}/customers/points`,
		`POST ${store}/customers/points`,
		`POST ${store}/loyalty/transactions`,
		`GET ${store}/customers`,
		`GET ${store}/loyalty/tiers`,
		`GET ${store}/reviews`,
		`DELETE ${store}/customers/${NEW_CUSTOMER}`,
	]);
	expect(log[0].body).toEqual({ email: NEW_CUSTOMER, ...NEW_CUSTOMER_FIELDS });
	expect(log[1].rawPath).toBe(`${store}/customers/sam%40example.com`);
	expect(log.slice(2, 5).map((entry) => entry.body)).toEqual([
		{ email: NEW_CUSTOMER, action: 'add', points: 50 },
		{ email: NEW_CUSTOMER, action: 'subtract', points: 20 },
		{ email: NEW_CUSTOMER, action: 'set', points: 600 },
	]);
	expect(log[5].body).toEqual({
		email: NEW_CUSTOMER,
		type: 'purchase',
		points: 120,
		note: 'Order #1001',
		orderValue: 120.5,
	});
	expect(log[8].query).toMatchObject({ email: 'jane@example.com' });
	// Every request carried the sandbox keys as HTTP Basic authentication, and every one succeeded.
	const basic =
		'Basic ' + Buffer.from(`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`).toString('base64');
	expect(log.every((entry) => entry.headers.authorization === basic && entry.status === 200)).toBe(
		true,
	);
}

export function expectStampedV3EveryOperation(execution: Execution, log: LoggedRequest[]): void {
	expect(execution.data.resultData.error).toBeUndefined();
	const output = (node: string) => nodeOutput(execution, node);
	const { customerId: customCustomerId, ...names } = NEW_V3_CUSTOMER_FIELDS;
	const created = output('Create customer')[0];
	const id = created.customerId as string;

	// v3 keeps numbers as text and the loyalty figures under `activity`; the node outputs them as they came.
	expect(created).toMatchObject({
		email: NEW_CUSTOMER,
		...names,
		customCustomerId,
		activity: { totalPoints: '0' },
	});
	expect(output('Get customer')).toEqual([
		expect.objectContaining({ customerId: id, email: NEW_CUSTOMER }),
	]);
	expect(output('Look up by custom ID')).toEqual([
		expect.objectContaining({ customerId: id, customCustomerId }),
	]);
	const balance = (node: string) => {
		const [{ pointsBefore, pointsAdjustment, pointsAfter }] = output(node);
		return [pointsBefore, pointsAdjustment, pointsAfter];
	};
	expect(balance('Add points')).toEqual([0, 700, 700]);
	expect(balance('Subtract points')).toEqual([700, -50, 650]);
	expect(balance('Set points')).toEqual([650, -50, 600]);
	expect(output('Record transaction')).toEqual([
		expect.objectContaining({
			customerId: id,
			activity: expect.objectContaining({ pointsCredit: 25 }),
		}),
	]);
	expect(output('Set tier')).toEqual([
		expect.objectContaining({ customerId: id, rule: expect.objectContaining({ category: 'vip' }) }),
	]);
	expect(output('Redeem reward')).toEqual([
		expect.objectContaining({
			customerId: id,
			activity: expect.objectContaining({ pointsDebit: 500 }),
		}),
	]);
	expect(output('Void coupon')).toEqual([
		expect.objectContaining({ couponCode: 'LOYAL-0001', status: 'voided' }),
	]);
	expect(output('List transactions').map((activity) => activity.activityId)).toEqual([
		'act_00006',
		'act_00005',
		'act_00004',
		'act_00003',
		'act_00002',
		'act_00001',
	]);
	expect(output('List customers').map((customer) => customer.email)).toEqual([
		'jane@example.com',
		'ahmed@example.com',
		'maria@example.com',
		NEW_CUSTOMER,
	]);
	expect(output('Delete customer')).toEqual([
		{ email: NEW_CUSTOMER, customerId: id, deleted: true, softDelete: true },
	]);

	const merchant = `/merchant/shops/${SANDBOX_KEYS.stampedV3.storeHash}`;
	const loyalty = `/loyalty/shops/${SANDBOX_KEYS.stampedV3.storeHash}`;
	const lookup = `GET ${merchant}/customers/lookup`;
	expect(log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
		lookup, // upsert: not there yet (404)...
		`POST ${merchant}/customers`, // ...so it is created
		lookup,
		lookup,
		lookup,
		`POST ${loyalty}/customers/${id}/adjust-points`,
		lookup,
		`POST ${loyalty}/customers/${id}/adjust-points`,
		lookup, // set: the lookup also reads the balance...
		`POST ${loyalty}/customers/${id}/adjust-points`, // ...and the difference is adjusted
		lookup,
		`POST ${loyalty}/customers/${id}/adjust-points`,
		lookup,
		`POST ${loyalty}/customers/${id}/adjust-vip-tier`,
		lookup,
		`POST ${loyalty}/customers/${id}/redeem-reward/rwd-5off`,
		lookup,
		`POST ${loyalty}/customers/${id}/void-coupon/LOYAL-0001`,
		`GET ${loyalty}/activities`,
		`GET ${merchant}/customers`,
		lookup,
		`DELETE ${merchant}/customers/${id}`,
	]);
	expect(log[1].body).toEqual({ email: NEW_CUSTOMER, ...names, customCustomerId });
	expect(log[3].query).toEqual({ customCustomerId });
	expect([5, 7, 9, 11].map((index) => log[index].body)).toEqual([
		{ points: 700 },
		{ points: -50 },
		{ points: -50 },
		{ points: 25, reason: 'Referral bonus' },
	]);
	expect(log[13].body).toEqual({ tierName: 'Gold' });
	expect(log[18].query).toEqual({ page: '0', limit: '100' });
	// v3 authenticates with the private key in `stamped-api-key`; no Basic header is ever sent.
	expect(
		log.every(
			(entry) =>
				entry.headers['stamped-api-key'] === SANDBOX_KEYS.stampedV3.privateKey &&
				entry.headers.authorization === undefined,
		),
	).toBe(true);
	expect(log.map((entry) => entry.status)).toEqual([404, ...Array(log.length - 1).fill(200)]);
}

export function expectStempEveryOperation(execution: Execution, log: LoggedRequest[]): void {
	expect(execution.data.resultData.error).toBeUndefined();
	const stamps = (node: string) => nodeOutput(execution, node).map((item) => item.currentStamps);

	expect(nodeOutput(execution, 'Get stamps')).toEqual([
		expect.objectContaining({ walletPassId: STAMP_PASS, currentStamps: 5, maxStampsSnapshot: 10 }),
	]);
	expect(stamps('Add stamp')).toEqual([6]);
	expect(stamps('Remove stamp')).toEqual([5]);
	expect(stamps('Set stamps')).toEqual([9]);
	expect(stamps('Reset card')).toEqual([0]);
	expect(
		nodeOutput(execution, 'History').map(({ actionType, stampsBefore, stampsAfter, note }) => ({
			actionType,
			stampsBefore,
			stampsAfter,
			note,
		})),
	).toEqual([
		{ actionType: 'MANUAL_ADJUSTMENT', stampsBefore: 9, stampsAfter: 0, note: null },
		{ actionType: 'MANUAL_ADJUSTMENT', stampsBefore: 5, stampsAfter: 9, note: null },
		{ actionType: 'STAMP_REMOVED', stampsBefore: 6, stampsAfter: 5, note: null },
		{ actionType: 'STAMP_ADDED', stampsBefore: 5, stampsAfter: 6, note: 'Main St.' },
	]);

	const pass = `/walletpasses/${STAMP_PASS}/stamps`;
	expect(routes(log)).toEqual([
		`GET ${pass}`,
		`POST ${pass}/add`,
		`POST ${pass}/remove`,
		`POST ${pass}/set`,
		`POST ${pass}/reset`,
		`GET ${pass}/history`,
	]);
	expect(log[1].body).toEqual({ note: 'Main St.' });
	expect(log[3].body).toEqual({ stamps: 9 });
	expect(
		log.every(
			(entry) => entry.headers.authorization === `Bearer ${STEMP_TOKEN}` && entry.status === 200,
		),
	).toBe(true);
}

/** What `stempPublishedApi` (every operation of stemp's published API) must output and send. */
export function expectStempPublishedApi(execution: Execution, log: LoggedRequest[]): void {
	expect(execution.data.resultData.error).toBeUndefined();
	const output = (node: string) => nodeOutput(execution, node);
	const first = (node: string) => output(node)[0];

	expect(first('Organization')).toMatchObject({ id: 'org_sandbox', object: 'organization' });
	expect(output('Templates').map((template) => template.id)).toEqual(['tpl_stamps', 'tpl_points']);
	expect(first('Template')).toMatchObject({ id: 'tpl_points', name: 'Bakery points card' });
	expect(first('Template statistics')).toMatchObject({ totalPasses: 1 });
	expect(first('Stamp config')).toMatchObject({ maxStamps: 10, rewardName: 'Free coffee' });
	expect(first('Points config')).toMatchObject({ pointsPerUnit: 1, unitLabel: 'EUR' });
	// The PUT carried the whole configuration: the description was kept.
	expect(first('Update stamp config')).toMatchObject({
		rewardName: 'Free cappuccino',
		rewardDescription: 'Any hot drink, any size',
		maxStamps: 10,
	});
	expect(first('Update points config')).toMatchObject({ pointsLabel: 'Beans', pointsPerUnit: 1 });
	expect(output('Reward tiers').map((tier) => [tier.name, tier.pointsRequired])).toEqual([
		['Free croissant', 100],
		['Free slice of cake', 250],
		['10 € off', 500],
	]);
	const tier = first('Create tier');
	expect(tier).toMatchObject({
		name: 'Free coffee',
		pointsRequired: 150,
		externalId: 'e2e-coffee',
	});
	expect(first('Update tier')).toMatchObject({ id: tier.id, pointsRequired: 175 });
	expect(first('Delete tier')).toEqual({ rewardTierId: tier.id, deleted: true });
	expect(output('Search users')).toEqual([
		{
			id: 'usr_maria_1004',
			email: 'maria@example.com',
			name: 'María García',
			externalId: 'shopify-1004',
		},
	]);
	expect(output('User passes')).toEqual([
		expect.objectContaining({
			id: POINTS_PASS,
			template: expect.objectContaining({ id: 'tpl_points' }),
		}),
	]);
	const pass = first('Issue pass');
	expect(pass).toMatchObject({ id: expect.stringMatching(/^wp_/), templateId: 'tpl_points' });
	expect(first('Get pass')).toMatchObject({
		id: pass.id,
		user: expect.objectContaining({ email: 'e2e.pass@example.com', externalId: 'e2e-pass-1' }),
	});
	expect(output('Passes of template').map((entry) => entry.id)).toEqual([POINTS_PASS, pass.id]);
	expect(first('Validate QR code')).toMatchObject({ valid: true, walletPass: { id: POINTS_PASS } });
	expect(first('Delete pass')).toEqual({ walletPassId: pass.id, deleted: true });
	const balance = (node: string) => first(node).currentPoints;
	expect(['Points', 'Add points', 'Remove points', 'Set points'].map(balance)).toEqual([
		60, 146, 140, 400,
	]);
	expect(first('Add points')).toMatchObject({ lifetimeValue: 8640 });
	const redemption = first('Redeem');
	expect(redemption).toMatchObject({
		rewardTierName: 'Free croissant',
		pointsRedeemed: 100,
		status: 'PENDING',
	});
	expect(first('Complete redemption')).toMatchObject({ id: redemption.id, status: 'COMPLETED' });
	expect(first('Cancel redemption')).toMatchObject({
		id: first('Redeem again').id,
		status: 'CANCELLED',
	});
	expect(output('Redemptions').map((entry) => entry.id)).toEqual([redemption.id]);
	expect(output('Points history').map((entry) => entry.actionType)).toEqual([
		'MANUAL_ADJUSTMENT',
		'POINTS_REDEEMED',
		'POINTS_REDEEMED',
		'MANUAL_ADJUSTMENT',
		'POINTS_REMOVED',
		'POINTS_ADDED',
	]);
	expect(first('Complete a card')).toMatchObject({ currentStamps: 0, timesCompleted: 3 });
	const reward = first('Stamp rewards');
	expect(reward).toMatchObject({ walletPassId: 'wp_jane_0001', status: 'PENDING' });
	expect(first('Claim reward')).toMatchObject({ id: reward.id, status: 'CLAIMED' });
	expect(first('Push to pass')).toMatchObject({
		targetScope: 'PASS',
		targetCount: 1,
		messageHeader: 'Reward unlocked',
	});
	expect(first('Push to template')).toMatchObject({ targetScope: 'TEMPLATE', targetCount: 1 });
	expect(output('Push history').map((entry) => entry.messageBody)).toEqual([
		'Double points this weekend',
		'Your reward is waiting',
	]);
	const failed = first('Failed deliveries');
	expect(failed).toMatchObject({ eventType: 'stamp.card_completed', status: 'FAILED' });
	expect(first('Retry delivery')).toEqual({
		eventId: failed.id,
		success: true,
		message: 'Event queued for retry',
	});
	expect(first('Delivery stats')).toMatchObject({ failed: 0 });
	expect(first('Stamps (saved as plain text)')).toMatchObject({
		walletPassId: STAMP_PASS,
		currentStamps: 5,
	});

	expect(
		log.every(
			(entry) =>
				entry.vendor === 'stemp' && entry.headers.authorization === `Bearer ${STEMP_TOKEN}`,
		),
	).toBe(true);
	expect(log.filter((entry) => entry.status >= 400)).toEqual([]);
	expect(log.find((entry) => entry.path === '/walletpasses/validate')?.body).toEqual({
		walletPassId: POINTS_PASS,
		signature: POINTS_PASS_SIGNATURE,
	});
	expect(log.find((entry) => entry.path.endsWith('/points/add'))?.body).toEqual({
		points: 86,
		monetaryValue: 8640,
		note: 'Order #1077',
	});
	expect(
		log.find(
			(entry) => entry.method === 'POST' && entry.path === '/templates/tpl_points/walletpasses',
		)?.body,
	).toEqual({
		sendEmailNotification: false,
		user: { email: 'e2e.pass@example.com', name: 'E2E Pass', externalId: 'e2e-pass-1' },
	});
}
