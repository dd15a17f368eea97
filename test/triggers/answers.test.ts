/**
 * What a sender sees: every delivery to the Stamped Trigger and the stemp Trigger is answered with JSON of one
 * shape, `{received, started, ...}`, whether it started a run, was ignored or was refused. The harness answers
 * a started run as n8n's webhook server does (the description's `responseData` first; undeclared, n8n sends the
 * text "firstEntryJson"), so these tests fail if the triggers stop declaring it.
 */
import { createHmac } from 'crypto';
import type { INodeType } from 'n8n-workflow';

import { loadPackage } from '../harness/engine';
import type { DeliveryResult } from '../harness/trigger';
import { TriggerUnderTest } from '../harness/trigger';

const STAMPED_SECRET = 'stamped-answer-secret-41c2';
const STEMP_SECRET = 'whsec-answer-stemp-9e07';

const stamped = (events: string[]) =>
	new TriggerUnderTest(
		'stampedTrigger',
		{ events },
		{
			stampedApi: {
				publicKey: 'pub',
				privateKey: 'priv-answer-1234',
				storeHash: 'store-1',
				webhookSecret: STAMPED_SECRET,
			},
		},
	);
const stemp = (events: string[]) =>
	new TriggerUnderTest(
		'stempTrigger',
		{ events },
		{
			stempApi: {
				apiToken: 'stemp-answer-token-77',
				baseUrl: 'http://127.0.0.1:9/api/v1',
				webhookSigningSecret: STEMP_SECRET,
			},
		},
	);

const review = JSON.stringify({ id: 'rev-1', rating: 5, email: 'jane@example.com' });
const stampedHeaders = (secret = STAMPED_SECRET) => ({
	'X-Stamped-Topic': 'Reviews',
	'X-Stamped-Webhook-Secret': secret,
});
const stempBody = (id: string) =>
	JSON.stringify({
		id,
		type: 'stamp.created',
		timestamp: new Date(Date.now() - 60_000).toISOString(),
		data: { walletPassId: 'wp_1' },
	});
const stempHeaders = (raw: string, secret = STEMP_SECRET) => ({
	'X-Stemp-Signature': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
});

const json = (status: number, response: object): Partial<DeliveryResult> => ({
	status,
	response,
	contentType: 'application/json',
});

describe.each([
	{
		name: 'Stamped Trigger',
		accepted: () =>
			stamped(['review.created']).deliver({ body: review, headers: stampedHeaders() }),
		acceptedEvent: 'review.created',
		ignored: () => stamped(['nps.submitted']).deliver({ body: review, headers: stampedHeaders() }),
		ignoredReason: 'event "review.created" is not selected',
		refused: () =>
			stamped(['review.created']).deliver({ body: review, headers: stampedHeaders('wrong') }),
		refusal: 'Missing or wrong X-Stamped-Webhook-Secret',
		notJson: () =>
			stamped(['review.created']).deliver({ body: '[1, 2]', headers: stampedHeaders() }),
	},
	{
		name: 'stemp Trigger',
		accepted: () => {
			const raw = stempBody('evt_answer_1');
			return stemp(['stamp.created']).deliver({ body: raw, headers: stempHeaders(raw) });
		},
		acceptedEvent: 'stamp.created',
		ignored: () => {
			const raw = stempBody('evt_answer_2');
			return stemp(['user.created']).deliver({ body: raw, headers: stempHeaders(raw) });
		},
		ignoredReason: 'event "stamp.created" is not selected',
		refused: () => {
			const raw = stempBody('evt_answer_3');
			return stemp(['stamp.created']).deliver({ body: raw, headers: stempHeaders(raw, 'wrong') });
		},
		refusal: 'Missing or invalid X-Stemp-Signature',
		notJson: () =>
			stemp(['stamp.created']).deliver({ body: '[1, 2]', headers: stempHeaders('[1, 2]') }),
	},
])('$name answers every delivery with JSON', (trigger) => {
	test('an accepted delivery: 200 {received: true, started: true, event}, as JSON, and a run starts', async () => {
		const result = await trigger.accepted();
		expect(result).toMatchObject(
			json(200, { received: true, started: true, event: trigger.acceptedEvent }),
		);
		expect(result.response).toEqual({
			received: true,
			started: true,
			event: trigger.acceptedEvent,
		});
		expect(result.items).toHaveLength(1);
	});

	test('an ignored delivery: 200 {received: true, started: false, reason}, as JSON, no run', async () => {
		const result = await trigger.ignored();
		expect(result).toEqual(
			json(200, { received: true, started: false, reason: trigger.ignoredReason }),
		);
	});

	test('a refused delivery: 401 {received: false, started: false, error}, as JSON, no run', async () => {
		const result = await trigger.refused();
		expect(result).toEqual(json(401, { received: false, started: false, error: trigger.refusal }));
	});

	test('a body that is not a JSON object: 400 in the same shape', async () => {
		const result = await trigger.notJson();
		expect(result).toEqual(
			json(400, {
				received: false,
				started: false,
				error: 'The delivery body is not a JSON object',
			}),
		);
	});
});

describe('the trigger panels', () => {
	test.each(['stampedTrigger', 'stempTrigger', 'stampedPollingTrigger'])(
		'%s tells where to paste what, and what activation does',
		async (name) => {
			const description = ((await loadPackage()).getNode(name).type as INodeType).description;
			const panel = description.triggerPanel;
			expect(panel).toMatchObject({
				header: expect.any(String),
				executionsHelp: { inactive: expect.any(String), active: expect.any(String) },
				activationHint: expect.any(String),
			});
			expect(description.activationMessage).toEqual(expect.any(String));
			const help = typeof panel === 'object' ? panel.executionsHelp : undefined;
			const inactive = typeof help === 'object' ? help.inactive : '';
			if (name === 'stampedPollingTrigger') {
				expect(inactive).toContain('Poll Times');
				expect(inactive).toContain('Activation only notes the newest record');
			} else {
				expect(inactive).toContain('Production URL');
				expect(typeof panel === 'object' ? panel.activationHint : '').toMatch(
					/Production URL.*(Webhook Secret|Webhook Signing Secret)/,
				);
				expect(inactive).toContain('Test URL');
				expect(inactive).toMatch(/Webhook (Signing )?Secret/);
				expect(inactive).toContain(
					'{\\"received\\": true, \\"started\\": true}'.replace(/\\/g, ''),
				);
			}
		},
	);
});
