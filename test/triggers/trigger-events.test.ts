/**
 * Every event each webhook trigger offers, against the published event names (written out here rather than read
 * from the package so that a missing or renamed event fails), and the activation lifecycle
 * both triggers share.
 */
import { createHmac } from 'crypto';
import type { INodePropertyOptions, INodeType } from 'n8n-workflow';

import { loadPackage } from '../harness/engine';
import { TriggerUnderTest } from '../harness/trigger';

const STAMPED_SECRET = 'stamped-events-secret-21';
const STEMP_SECRET = 'stemp-events-secret-48';

/** What Stamped sends: each X-Stamped-Topic category and the published event it maps to. */
const STAMPED_TOPICS: Array<[string, string]> = [
	['Reviews', 'review.created'],
	['Questions & Answers', 'question.created'],
	['Net Promoter Scores', 'nps.submitted'],
	['Checkout Comments', 'checkout_comment.created'],
	['Rewards Earned', 'loyalty.points_earned'],
	['Rewards Spent', 'loyalty.points_redeemed'],
	['Rewards Referral', 'loyalty.referral'],
	['Rewards VIP', 'loyalty.tier_changed'],
	['Rewards Points Adjustment', 'loyalty.points_adjusted'],
];
/** The published events of each trigger. */
const STAMPED_EVENTS = [
	'review.created',
	'review.published',
	'review.updated',
	'loyalty.points_earned',
	'loyalty.points_redeemed',
	'loyalty.tier_changed',
	'question.created',
	'nps.submitted',
	'checkout_comment.created',
	'loyalty.referral',
	'loyalty.points_adjusted',
];
const STEMP_EVENTS = [
	'stamp.reward_triggered',
	'stamp.card_completed',
	'stamp.created',
	'user.created',
	'user.updated',
	'user.deleted',
	'pass.created',
	'pass.updated',
];

const stampedTrigger = (events: string[]) =>
	new TriggerUnderTest(
		'stampedTrigger',
		{ events },
		{
			stampedApi: {
				publicKey: 'pub',
				privateKey: 'priv',
				storeHash: 's',
				webhookSecret: STAMPED_SECRET,
			},
		},
	);
const stempTrigger = (events: string[]) =>
	new TriggerUnderTest(
		'stempTrigger',
		{ events },
		{ stempApi: { apiToken: 'tok', webhookSigningSecret: STEMP_SECRET } },
	);

function stampedDelivery(topic: string) {
	return {
		body: { email: 'jane@example.com', points: 10 },
		headers: { 'X-Stamped-Topic': topic, 'X-Stamped-Webhook-Secret': STAMPED_SECRET },
	};
}

let delivery = 0;
/** A signed stemp delivery whose header and signed body agree on the event. */
function stempDelivery(type: string) {
	const id = `evt_${++delivery}`;
	const raw = JSON.stringify({
		id,
		type,
		timestamp: new Date(Date.now() - 60_000).toISOString(),
		data: { id: 'usr_1', walletPassId: 'wp_1' },
	});
	const signature = `sha256=${createHmac('sha256', STEMP_SECRET).update(raw).digest('hex')}`;
	return {
		body: raw,
		headers: { 'X-Stemp-Signature': signature, 'X-Stemp-Event': type, 'X-Stemp-Delivery': id },
	};
}

async function eventOptions(type: string): Promise<INodePropertyOptions[]> {
	const nodeType = (await loadPackage()).getNode(type).type as INodeType;
	const events = nodeType.description.properties.find((property) => property.name === 'events');
	return events?.options as INodePropertyOptions[];
}

describe('the Events options', () => {
	test.each([
		['stampedTrigger', STAMPED_EVENTS],
		['stempTrigger', STEMP_EVENTS],
	])(
		'%s offers All Events and exactly the documented events, each described, sorted by name',
		async (type, documented) => {
			const options = await eventOptions(type);
			expect(options.map((option) => option.value).sort()).toEqual(['*', ...documented].sort());
			for (const option of options) expect(String(option.description).length).toBeGreaterThan(20);
			const names = options.map((option) => option.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		},
	);
});

describe('the Stamped Polling Trigger as n8n loads it', () => {
	test("has n8n's standard Poll Times (pollTimes, the public name) exactly once, and its event options", async () => {
		const nodeType = (await loadPackage()).getNode('stampedPollingTrigger').type as INodeType;
		const names = nodeType.description.properties.map((property) => property.name);
		expect(names.filter((name) => name === 'pollTimes')).toHaveLength(1);
		const event = nodeType.description.properties.find((property) => property.name === 'event');
		expect((event?.options as INodePropertyOptions[]).map((option) => option.value).sort()).toEqual(
			['loyalty.activity_created', 'review.created'],
		);
	});

	test('its notice points at Poll Times where the editor shows it: above the notice', async () => {
		const { properties } = (
			(await loadPackage()).getNode('stampedPollingTrigger').type as INodeType
		).description;
		const names = properties.map((property) => property.name);
		expect(names.indexOf('pollTimes')).toBeLessThan(names.indexOf('pollNotice'));
		const notice = properties.find((property) => property.name === 'pollNotice')!;
		expect(notice.displayName).toContain('Poll Times set above');
		expect(notice.displayName).not.toMatch(/below/);
	});
});

describe('Stamped Trigger: every topic category', () => {
	test.each(STAMPED_TOPICS)(
		'%s is %s and starts a workflow that selected only that event',
		async (topic, event) => {
			const result = await stampedTrigger([event]).deliver(stampedDelivery(topic));
			expect(result.items).toEqual([expect.objectContaining({ event, topic, verified: true })]);
		},
	);

	test.each(STAMPED_TOPICS)(
		'%s does not start a workflow that selected only another event',
		async (topic, event) => {
			const other = STAMPED_EVENTS.find((candidate) => candidate !== event)!;
			const result = await stampedTrigger([other]).deliver(stampedDelivery(topic));
			expect(result).toMatchObject({ status: 200, response: { started: false } });
		},
	);

	test('an unknown category passes only All Events', async () => {
		expect(
			(await stampedTrigger(STAMPED_EVENTS).deliver(stampedDelivery('Site Reviews'))).items,
		).toBeUndefined();
		expect(
			(await stampedTrigger(['*']).deliver(stampedDelivery('Site Reviews'))).items?.[0],
		).toMatchObject({ event: 'Site Reviews' });
	});
});

describe('stemp Trigger: every documented event', () => {
	test.each(STEMP_EVENTS)(
		'%s starts a workflow that selected only it, and no other',
		async (event) => {
			const selected = await stempTrigger([event]).deliver(stempDelivery(event));
			expect(selected.items).toEqual([
				expect.objectContaining({ event, type: event, verified: true }),
			]);
			const other = STEMP_EVENTS.find((candidate) => candidate !== event)!;
			expect((await stempTrigger([other]).deliver(stempDelivery(event))).items).toBeUndefined();
		},
	);

	test('an unknown event passes only All Events', async () => {
		expect(
			(await stempTrigger(STEMP_EVENTS).deliver(stempDelivery('pass.deleted'))).items,
		).toBeUndefined();
		expect(
			(await stempTrigger(['*']).deliver(stempDelivery('pass.deleted'))).items?.[0],
		).toMatchObject({ event: 'pass.deleted' });
	});
});

describe('activation lifecycle (shared)', () => {
	test.each([
		['stampedTrigger', () => stampedTrigger(['*'])],
		['stempTrigger', () => stempTrigger(['*'])],
	])('%s records its URL on activation and forgets it on deactivation', async (_type, make) => {
		const node = make();
		expect(await node.lifecycle('checkExists')).toBe(false);
		expect(await node.lifecycle('create')).toBe(true);
		expect(node.nodeStaticData.webhookUrl).toMatch(/\/webhook$/);
		expect(await node.lifecycle('checkExists')).toBe(true);
		expect(await node.lifecycle('delete')).toBe(true);
		expect(node.nodeStaticData.webhookUrl).toBeUndefined();
		expect(await node.lifecycle('checkExists')).toBe(false);
	});
});
