/**
 * Class 5, the stemp Trigger trusts only the signed body: the event from the body's `type` (a disagreeing
 * X-Stemp-Event is ignored), repeats recognised by the body's `id` (whatever X-Stemp-Delivery says), and with a
 * signing secret, deliveries older than the Maximum Delivery Age refused, so a replay after the redelivery
 * memory forgot the delivery is refused as well.
 */
import { createHmac } from 'crypto';

import { logLines } from '../harness/engine';
import { expectNoSecrets, secretForms } from '../harness/secrets';
import { TriggerUnderTest, deliveryMemory, restartProcess } from '../harness/trigger';

const SECRET = 'whsec-security-trigger-71c2e9';
const TOKEN = 'stemp-security-trigger-token-4d';
const HOUR = 60 * 60 * 1000;

const sign = (raw: string) => `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`;

function delivery(fields: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
	const raw = JSON.stringify({
		id: 'evt_sec_1',
		type: 'stamp.reward_triggered',
		timestamp: new Date(Date.now() - 60_000).toISOString(),
		data: { walletPassId: 'wp_abc456' },
		...fields,
	});
	return { body: raw, headers: { 'X-Stemp-Signature': sign(raw), ...headers } };
}

function trigger(
	options: Record<string, unknown> = {},
	secret = SECRET,
	events = ['stamp.reward_triggered'],
) {
	return new TriggerUnderTest('stempTrigger', { events, options } as never, {
		stempApi: {
			apiToken: TOKEN,
			baseUrl: 'http://127.0.0.1:9/api/v1',
			webhookSigningSecret: secret,
		},
	});
}

const original = { ...deliveryMemory };
afterEach(() => {
	Object.assign(deliveryMemory, original);
	expectNoSecrets(logLines.join('\n'), secretForms(SECRET, TOKEN));
});

describe('the event comes from the signed body', () => {
	test('an X-Stemp-Event naming a selected event does not start an unselected one', async () => {
		const node = trigger({}, SECRET, ['stamp.card_completed']);
		const result = await node.deliver(delivery({}, { 'X-Stemp-Event': 'stamp.card_completed' }));
		expect(result).toEqual({
			status: 200,
			response: {
				received: true,
				started: false,
				reason: 'event "stamp.reward_triggered" is not selected',
			},
			contentType: 'application/json',
		});
	});

	test('a disagreeing header is ignored, not refused: the genuine event still starts, named by the body', async () => {
		const result = await trigger().deliver(
			delivery({}, { 'X-Stemp-Event': 'stamp.card_completed' }),
		);
		expect(result.items?.[0]).toMatchObject({
			event: 'stamp.reward_triggered',
			type: 'stamp.reward_triggered',
		});
	});

	test('a body without a type is an "unknown" event, whatever the header says', async () => {
		const result = await trigger({}, SECRET, ['*']).deliver(
			delivery({ type: undefined }, { 'X-Stemp-Event': 'stamp.reward_triggered' }),
		);
		expect(result.items?.[0].event).toBe('unknown');
	});
});

describe('repeats are recognised by the signed id', () => {
	test.each([
		['another X-Stemp-Delivery', { 'X-Stemp-Delivery': 'dlv_forged' }],
		['no X-Stemp-Delivery', {}],
		['a delivery id of the empty text', { 'X-Stemp-Delivery': '' }],
	])('a captured delivery replayed with %s starts nothing', async (_what, replayHeaders) => {
		const node = trigger();
		const captured = delivery({}, { 'X-Stemp-Delivery': 'dlv_original' });
		expect((await node.deliver(captured)).items).toHaveLength(1);
		const replay = await node.deliver({
			body: captured.body,
			headers: { 'X-Stemp-Signature': captured.headers['X-Stemp-Signature'], ...replayHeaders },
		});
		expect(replay).toEqual({
			status: 200,
			response: { received: true, started: false, reason: 'repeated delivery' },
			contentType: 'application/json',
		});
	});

	test('the item names the signed id as deliveryId', async () => {
		const result = await trigger().deliver(delivery({}, { 'X-Stemp-Delivery': 'dlv_header' }));
		expect(result.items?.[0].deliveryId).toBe('evt_sec_1');
	});

	test('a body without an id is recognised by its exact bytes', async () => {
		const node = trigger();
		const sent = delivery({ id: undefined });
		expect((await node.deliver(sent)).items).toHaveLength(1);
		expect(
			(await node.deliver({ ...sent, headers: { ...sent.headers, 'X-Stemp-Delivery': 'dlv_new' } }))
				.items,
		).toBeUndefined();
	});
});

describe('Maximum Delivery Age', () => {
	test('the option is in the Options collection, 48 hours by default: longer than stemp retries and as long as the memory', async () => {
		const { loadPackage } = await import('../harness/engine');
		const type = (await loadPackage()).getNode('stempTrigger').type as {
			description: {
				properties: Array<{
					name: string;
					options?: Array<{ name: string; displayName: string; default: unknown }>;
				}>;
			};
		};
		const option = type.description.properties
			.find((property) => property.name === 'options')
			?.options?.find((entry) => entry.name === 'maxDeliveryAge');
		expect(option).toMatchObject({ displayName: 'Maximum Delivery Age', default: 48 });
		expect((option!.default as number) * HOUR).toBeGreaterThanOrEqual(27 * HOUR);
		expect((option!.default as number) * HOUR).toBeGreaterThanOrEqual(original.ttlMs);
	});

	test.each([
		['49 hours old, by default', {}, 49 * HOUR],
		['2 hours old, with a 1-hour maximum', { maxDeliveryAge: 1 }, 2 * HOUR],
		['49 hours in the future', {}, -49 * HOUR],
	])('a correctly signed delivery %s is refused with 401', async (_what, options, ageMs) => {
		const result = await trigger(options).deliver(
			delivery({ timestamp: new Date(Date.now() - ageMs).toISOString() }),
		);
		expect(result.status).toBe(401);
		expect(result.items).toBeUndefined();
	});

	test.each([
		["26 hours old (stemp's last retry)", {}, 26 * HOUR],
		['30 minutes old, with a 1-hour maximum', { maxDeliveryAge: 1 }, 30 * 60 * 1000],
		['as seconds since the epoch', {}, 'seconds'],
		[
			'30 minutes old, with a maximum of "1" from an expression',
			{ maxDeliveryAge: '1' },
			30 * 60 * 1000,
		],
	])('a delivery %s is accepted', async (_what, options, age) => {
		const timestamp =
			age === 'seconds'
				? Math.floor(Date.now() / 1000) - 60
				: new Date(Date.now() - (age as number)).toISOString();
		expect((await trigger(options).deliver(delivery({ timestamp }))).items).toHaveLength(1);
	});

	test.each([
		['missing', undefined],
		['unreadable', 'yesterday-ish'],
		['an object', { at: 1 }],
	])('with a secret, a timestamp that is %s is refused', async (_what, timestamp) => {
		const result = await trigger().deliver(delivery({ timestamp }));
		expect(result).toEqual({
			status: 401,
			response: {
				received: false,
				started: false,
				error: 'The delivery has no readable timestamp, so its age cannot be checked',
			},
			contentType: 'application/json',
		});
	});

	test('without a secret nothing is verified, so the age is not checked either (the item says unverified)', async () => {
		const result = await trigger({}, '').deliver(
			delivery({ timestamp: new Date(Date.now() - 100 * HOUR).toISOString() }),
		);
		expect(result.items?.[0]).toMatchObject({ verified: false });
	});

	test('a replay after the memory forgot the delivery is refused: remembered as long as it is accepted', async () => {
		deliveryMemory.ttlMs = 20; // a memory far shorter than the accepted age
		const node = trigger();
		const captured = delivery();
		expect((await node.deliver(captured)).items).toHaveLength(1);
		await new Promise((resolve) => setTimeout(resolve, 40));
		restartProcess();
		expect((await node.deliver(captured)).items).toBeUndefined();
	});

	test('a delivery signed in the future is remembered until its own time is older than the age: its replay never starts twice', async () => {
		// Maximum Delivery Age 1.8 s, the memory far shorter: remembered as long as accepted, counted from the
		// signed time, which lies 1.5 s ahead of the receiving clock.
		deliveryMemory.ttlMs = 20;
		const node = trigger({ maxDeliveryAge: 0.0005 });
		const captured = delivery({
			id: 'evt_future_1',
			timestamp: new Date(Date.now() + 1500).toISOString(),
		});
		expect((await node.deliver(captured)).items).toHaveLength(1);
		// 2 s later: 1.8 s after the delivery arrived, but its signed time is only 0.5 s old, so it is still accepted.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect((await node.deliver(captured)).response).toEqual({
			received: true,
			started: false,
			reason: 'repeated delivery',
		});
		// And the same across a restart, from the static data.
		restartProcess();
		expect((await node.deliver(captured)).items).toBeUndefined();
	});

	test('a replay once the age has passed is refused even with the memory gone', async () => {
		const node = trigger({ maxDeliveryAge: 1 });
		const captured = delivery({ timestamp: new Date(Date.now() - 61 * 60 * 1000).toISOString() });
		node.staticData = {};
		restartProcess();
		expect((await node.deliver(captured)).status).toBe(401);
	});

	test.each([[0], [-1], ['soon']])(
		'a Maximum Delivery Age of %p refuses deliveries rather than accept any age',
		async (maxDeliveryAge) => {
			const result = await trigger({ maxDeliveryAge }).deliver(delivery());
			expect(result.status).toBe(500);
			expect(result.items).toBeUndefined();
		},
	);
});

describe('what the trigger outputs', () => {
	test('a signed body that carries the API token shows [redacted] in the item', async () => {
		const result = await trigger().deliver(
			delivery({ data: { walletPassId: 'wp_abc456', note: `token ${TOKEN}` } }),
		);
		expect(result.items?.[0]).toMatchObject({ note: 'token [redacted]' });
		expect(JSON.stringify(result.items)).not.toContain(TOKEN);
	});
});
