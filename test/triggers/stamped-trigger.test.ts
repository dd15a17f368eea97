import { logLines } from '../harness/engine';
import { expectNoSecrets, secretForms } from '../harness/secrets';
import { TriggerUnderTest } from '../harness/trigger';

const SECRET = 'stamped-hook-secret-7d3e';
const PRIVATE_KEY = 'privkey-trigger-31b9';

const tierChanged = { email: 'jane@example.com', oldTier: 'Silver', newTier: 'Gold', points: 1510 };
const rawTierChanged = JSON.stringify(tierChanged);
const ALL_KNOWN = [
	'review.created',
	'review.published',
	'review.updated',
	'loyalty.points_earned',
	'loyalty.points_redeemed',
	'loyalty.tier_changed',
];

function trigger(events: string[] = ALL_KNOWN, secret = SECRET) {
	return new TriggerUnderTest(
		'stampedTrigger',
		{ events },
		{
			stampedApi: {
				publicKey: 'pub',
				privateKey: PRIVATE_KEY,
				storeHash: 'store-1',
				webhookSecret: secret,
			},
		},
	);
}

const withSecret = (topic = 'Rewards VIP', extra: Record<string, string> = {}) => ({
	'X-Stamped-Topic': topic,
	'X-Stamped-Webhook-Secret': SECRET,
	'X-Secret-Key': SECRET,
	...extra,
});

afterEach(() => {
	expectNoSecrets(logLines.join('\n'), secretForms(SECRET, PRIVATE_KEY));
});

describe('secret', () => {
	test('a delivery carrying the secret starts the workflow with the payload', async () => {
		const result = await trigger().deliver({ body: rawTierChanged, headers: withSecret() });
		expect(result.status).toBe(200);
		expect(result.items).toEqual([
			{ ...tierChanged, event: 'loyalty.tier_changed', topic: 'Rewards VIP', verified: true },
		]);
	});

	test.each([
		['only X-Stamped-Webhook-Secret', { 'X-Stamped-Webhook-Secret': SECRET }],
		['only X-Secret-Key', { 'X-Secret-Key': SECRET }],
	])('%s is enough', async (_name, secretHeaders) => {
		const result = await trigger().deliver({
			body: rawTierChanged,
			headers: { 'X-Stamped-Topic': 'Rewards VIP', ...secretHeaders },
		});
		expect(result.items).toHaveLength(1);
	});

	test.each([
		['no secret header', { 'X-Stamped-Topic': 'Rewards VIP' }],
		[
			'a wrong secret',
			withSecret('Rewards VIP', { 'X-Stamped-Webhook-Secret': 'guess', 'X-Secret-Key': 'guess' }),
		],
		['one right and one wrong header', withSecret('Rewards VIP', { 'X-Secret-Key': `${SECRET}x` })],
		[
			'the secret with a different case',
			withSecret('Rewards VIP', {
				'X-Stamped-Webhook-Secret': SECRET.toUpperCase(),
				'X-Secret-Key': SECRET.toUpperCase(),
			}),
		],
		['an empty header', { 'X-Stamped-Topic': 'Rewards VIP', 'X-Secret-Key': '' }],
	])('%s is refused with 401 and starts nothing', async (_name, sent) => {
		const result = await trigger().deliver({ body: rawTierChanged, headers: sent });
		expect(result).toEqual({
			status: 401,
			response: {
				received: false,
				started: false,
				error: 'Missing or wrong X-Stamped-Webhook-Secret',
			},
			contentType: 'application/json',
		});
	});

	test('without a secret in the credential every delivery is accepted and marked unverified', async () => {
		const result = await trigger(ALL_KNOWN, '').deliver({
			body: rawTierChanged,
			headers: { 'X-Stamped-Topic': 'Rewards VIP' },
		});
		expect(result.items?.[0]).toMatchObject({ event: 'loyalty.tier_changed', verified: false });
	});

	test('the secret never appears in an answer or an item', async () => {
		const refused = await trigger().deliver({
			body: rawTierChanged,
			headers: { 'X-Secret-Key': 'nope' },
		});
		const accepted = await trigger().deliver({ body: rawTierChanged, headers: withSecret() });
		expectNoSecrets(JSON.stringify([refused, accepted]), secretForms(SECRET, PRIVATE_KEY));
	});
});

describe('event names', () => {
	test.each([
		['Reviews', 'review.created'],
		['Rewards Earned', 'loyalty.points_earned'],
		['Rewards Spent', 'loyalty.points_redeemed'],
		['Rewards VIP', 'loyalty.tier_changed'],
		['rewards vip', 'loyalty.tier_changed'],
	])('the topic category %s is the event %s', async (topic, event) => {
		const result = await trigger().deliver({ body: rawTierChanged, headers: withSecret(topic) });
		expect(result.items?.[0]).toMatchObject({ event, topic });
	});

	test.each(['event', 'type', 'topic'])(
		"a body that names its event in '%s' is understood",
		async (key) => {
			const body = JSON.stringify({ [key]: 'review.published', reviewId: 'rev_1', rating: 5 });
			const result = await trigger().deliver({
				body,
				headers: { 'X-Stamped-Webhook-Secret': SECRET },
			});
			expect(result.items?.[0]).toMatchObject({
				event: 'review.published',
				reviewId: 'rev_1',
				topic: null,
			});
		},
	);

	test("the body's own event name wins over the topic category", async () => {
		const body = JSON.stringify({ event: 'review.updated', reviewId: 'rev_2' });
		const result = await trigger().deliver({ body, headers: withSecret('Reviews') });
		expect(result.items?.[0].event).toBe('review.updated');
	});

	test("a review's own `type` field is not mistaken for an event", async () => {
		const body = JSON.stringify({ reviewId: 'rev_3', type: 'product', rating: 4 });
		const result = await trigger().deliver({ body, headers: withSecret('Reviews') });
		expect(result.items?.[0]).toMatchObject({ event: 'review.created', type: 'product' });
	});

	test('an unselected event is acknowledged with 200 and starts nothing', async () => {
		const result = await trigger(['review.created']).deliver({
			body: rawTierChanged,
			headers: withSecret(),
		});
		expect(result).toEqual({
			status: 200,
			response: {
				received: true,
				started: false,
				reason: 'event "loyalty.tier_changed" is not selected',
			},
			contentType: 'application/json',
		});
	});

	test('an unknown category passes only with All Events, under its own name', async () => {
		const body = JSON.stringify({ email: 'jane@example.com', referralCode: 'JANE10' });
		expect(
			(await trigger().deliver({ body, headers: withSecret('Referrals') })).items,
		).toBeUndefined();
		const all = await trigger(['*']).deliver({ body, headers: withSecret('Referrals') });
		expect(all.items?.[0]).toMatchObject({
			event: 'Referrals',
			topic: 'Referrals',
			referralCode: 'JANE10',
		});
	});
});

describe('body and redeliveries', () => {
	test('a body that is not JSON answers 400 and starts nothing', async () => {
		const result = await trigger().deliver({
			body: 'email=jane@example.com',
			headers: withSecret(),
		});
		expect(result).toEqual({
			status: 400,
			response: {
				received: false,
				started: false,
				error: 'The delivery body is not a JSON object',
			},
			contentType: 'application/json',
		});
	});

	test('the same topic and body again is a redelivery: 200, no second execution', async () => {
		const node = trigger();
		expect(
			(await node.deliver({ body: rawTierChanged, headers: withSecret() })).items,
		).toHaveLength(1);
		const repeat = await node.deliver({ body: rawTierChanged, headers: withSecret() });
		expect(repeat).toEqual({
			status: 200,
			response: { received: true, started: false, reason: 'repeated delivery' },
			contentType: 'application/json',
		});
		expect(Object.keys(node.nodeStaticData.deliveries as object)).toHaveLength(1);
	});

	test('the same body under another topic, or a changed body, is a new delivery', async () => {
		const node = trigger();
		await node.deliver({ body: rawTierChanged, headers: withSecret('Rewards VIP') });
		expect(
			(await node.deliver({ body: rawTierChanged, headers: withSecret('Rewards Earned') })).items,
		).toHaveLength(1);
		const changed = JSON.stringify({ ...tierChanged, points: 1600 });
		expect(
			(await node.deliver({ body: changed, headers: withSecret('Rewards VIP') })).items,
		).toHaveLength(1);
	});
});
