/**
 * Both trigger nodes active in a running n8n 2.x (`n8n start`, workflows published first): deliveries signed
 * the vendor's way start an execution with the payload; wrong or missing signatures are refused with 401; an
 * event the node was not told to listen to, and a repeated delivery, start none. The trigger examples run here
 * too.
 *
 * The webhook plumbing (publish, start, find the production URL, deliver, read executions) is proven first with
 * n8n's own Webhook node, so that a failure of the trigger tests points at the triggers.
 */
import { SANDBOX_KEYS } from '../../test/fake-api/sandbox';
import { loadExample } from '../src/examples';
import { CURRENT_N8N } from '../src/install';
import type { Execution } from '../src/n8n';
import { nodeOutput } from '../src/n8n';
import { runOrThrow } from '../src/processes';
import { sampleDeliveryCommand, triggerOf } from '../src/sample-deliveries';
import type { DeliveryResult } from '../src/webhooks';
import {
	executionCountAfterQuiet,
	postDelivery,
	sendStampedDelivery,
	sendStempDelivery,
	waitForExecutions,
	webhookUrl,
} from '../src/webhooks';
import { routes } from './support/expectations';
import { useInstance } from './support/lifecycle';
import { vendorTriggerWorkflow, webhookProbe } from './support/workflows';

const stampedTierChanges = vendorTriggerWorkflow(
	'e2eStampedTrigger',
	'stampedTrigger',
	['loyalty.tier_changed'],
	'2f7c9b1e-6a4d-4c3e-9b8a-1d5e7f3a2c10',
);
const stempCardCompleted = vendorTriggerWorkflow(
	'e2eStempTrigger',
	'stempTrigger',
	['stamp.card_completed'],
	'8d3a1f6c-4b2e-4e9a-a7c5-6f0b2d9e4a21',
);
const cardCompletedExample = loadExample('card-completed-reward.json');
/** A stemp Trigger added today (node version 2, Registration: Automatic), in this n8n reached over http. */
const stempAutomaticOverHttp = (() => {
	const workflow = vendorTriggerWorkflow(
		'e2eStempAutomaticHttp',
		'stempTrigger',
		['stamp.card_completed'],
		'0c4e6a8b-2d4f-4a6c-8e0a-4c6e8a0c2e64',
	);
	return { ...workflow, nodes: workflow.nodes.map((node) => ({ ...node, typeVersion: 2 })) };
})();
const tierChangeExample = loadExample('tier-change-email.json');

const workflows: Array<{ id: string }> = [
	webhookProbe,
	stampedTierChanges,
	tierChangeExample,
	stempCardCompleted,
	cardCompletedExample,
	stempAutomaticOverHttp,
];

const instance = useInstance({
	dist: CURRENT_N8N,
	name: 'e2e-triggers',
	workflows,
	serve: true,
	publish: workflows
		.filter((workflow) => workflow !== stempAutomaticOverHttp)
		.map((workflow) => workflow.id),
});

/** Every answer of a trigger is JSON of one shape, whether the delivery started a run, was ignored or refused. */
function expectJsonAnswer(delivery: DeliveryResult, status: number, body: Record<string, unknown>) {
	expect(delivery.status).toBe(status);
	expect(delivery.contentType).toMatch(/^application\/json/);
	expect(JSON.parse(delivery.body)).toEqual(body);
}

/** The trigger's first output item of an execution. */
function triggerItem(execution: Execution, node = 'Trigger'): Record<string, unknown> {
	return nodeOutput(execution, node)[0];
}

test('webhook plumbing: a published workflow is live after start, its URL is found, a delivery runs it', async () => {
	const url = await webhookUrl(instance.n8n, webhookProbe.id);
	expect(url).toBe(`${instance.n8n.baseUrl}/webhook/e2e-probe`);

	const delivery = await postDelivery(url, JSON.stringify({ hello: 'n8n' }), {});
	expect(delivery.status).toBe(200);

	const [execution] = await waitForExecutions(instance.n8n, webhookProbe.id, 1);
	expect(nodeOutput(execution, 'Webhook')[0]).toMatchObject({ body: { hello: 'n8n' } });
});

describe('Stamped Trigger (events: loyalty.tier_changed)', () => {
	const secret = SANDBOX_KEYS.stampedWebhookSecret;
	const tierChange = {
		email: 'ahmed@example.com',
		oldTier: 'Bronze',
		newTier: 'Silver',
		points: 520,
	};
	let url: string;

	beforeAll(async () => {
		url = await webhookUrl(instance.n8n, stampedTierChanges.id);
	});

	test('a delivery with the secret starts an execution with the payload; a repeat of it starts none', async () => {
		const before = (await instance.n8n.executions(stampedTierChanges.id)).length;
		const first = await sendStampedDelivery(url, tierChange, { topic: 'Rewards VIP', secret });
		expectJsonAnswer(first, 200, { received: true, started: true, event: 'loyalty.tier_changed' });
		const [execution] = await waitForExecutions(instance.n8n, stampedTierChanges.id, before + 1);
		expect(triggerItem(execution)).toEqual({
			...tierChange,
			event: 'loyalty.tier_changed',
			topic: 'Rewards VIP',
			verified: true,
		});

		const repeat = await sendStampedDelivery(url, tierChange, { topic: 'Rewards VIP', secret });
		// Answered, so Stamped stops retrying.
		expectJsonAnswer(repeat, 200, { received: true, started: false, reason: 'repeated delivery' });
		expect(await executionCountAfterQuiet(instance.n8n, stampedTierChanges.id)).toBe(before + 1);
	});

	test('the secret in X-Secret-Key is accepted too', async () => {
		const before = (await instance.n8n.executions(stampedTierChanges.id)).length;
		const payload = { ...tierChange, email: 'maria@example.com' };
		const delivery = await sendStampedDelivery(url, payload, {
			topic: 'Rewards VIP',
			secret,
			secretHeader: 'X-Secret-Key',
		});
		expect(delivery.status).toBe(200);
		expect(
			triggerItem((await waitForExecutions(instance.n8n, stampedTierChanges.id, before + 1))[0]),
		).toMatchObject(payload);
	});

	test.each([
		{ case: 'a wrong secret', secret: 'not-the-secret' },
		{ case: 'no secret', secret: null },
	])('$case is refused with 401 and starts nothing', async ({ secret: sent }) => {
		const before = (await instance.n8n.executions(stampedTierChanges.id)).length;
		const delivery = await sendStampedDelivery(
			url,
			{ ...tierChange, email: 'li.wei@example.com' },
			{ topic: 'Rewards VIP', secret: sent },
		);
		expectJsonAnswer(delivery, 401, {
			received: false,
			started: false,
			error: 'Missing or wrong X-Stamped-Webhook-Secret',
		});
		expect(await executionCountAfterQuiet(instance.n8n, stampedTierChanges.id)).toBe(before);
	});

	test('an event the node does not listen to starts nothing', async () => {
		const before = (await instance.n8n.executions(stampedTierChanges.id)).length;
		const review = { reviewId: 'rev_2001', email: 'jane@example.com', rating: 5, body: 'Lovely' };
		const delivery = await sendStampedDelivery(url, review, { topic: 'Reviews', secret });
		expectJsonAnswer(delivery, 200, {
			received: true,
			started: false,
			reason: 'event "review.created" is not selected',
		});
		expect(await executionCountAfterQuiet(instance.n8n, stampedTierChanges.id)).toBe(before);
	});
});

describe('stemp Trigger (events: stamp.card_completed)', () => {
	const secret = SANDBOX_KEYS.stempWebhookSigningSecret;
	const completed = {
		id: 'evt_e2e_1',
		type: 'stamp.card_completed',
		data: { walletPassId: 'wp_jane_0001', timesCompleted: 3 },
	};
	let url: string;

	beforeAll(async () => {
		url = await webhookUrl(instance.n8n, stempCardCompleted.id);
	});

	test('a signed delivery starts an execution with the payload; the same delivery again starts none', async () => {
		const before = (await instance.n8n.executions(stempCardCompleted.id)).length;
		const first = await sendStempDelivery(url, completed, { secret });
		expectJsonAnswer(first, 200, { received: true, started: true, event: 'stamp.card_completed' });
		const [execution] = await waitForExecutions(instance.n8n, stempCardCompleted.id, before + 1);
		// The payload's `data` fields at the top level, the body as it came, the event and the delivery id.
		expect(triggerItem(execution)).toMatchObject({
			...completed.data,
			...completed,
			event: 'stamp.card_completed',
			deliveryId: expect.any(String),
			verified: true,
		});

		const retry = await sendStempDelivery(url, completed, { secret });
		expect(retry.status).toBeLessThan(300); // answered, so stemp stops retrying
		expect(await executionCountAfterQuiet(instance.n8n, stempCardCompleted.id)).toBe(before + 1);
	});

	test.each([
		{ case: 'a signature made with another secret', signature: 'sha256=' + '0'.repeat(64) },
		{ case: 'no signature', signature: null },
	])('$case is refused with 401 and starts nothing', async ({ signature }) => {
		const before = (await instance.n8n.executions(stempCardCompleted.id)).length;
		const delivery = await sendStempDelivery(
			url,
			{ ...completed, id: `evt_bad_${String(signature).length}` },
			{ secret, signature },
		);
		expectJsonAnswer(delivery, 401, {
			received: false,
			started: false,
			error: 'Missing or invalid X-Stemp-Signature',
		});
		expect(await executionCountAfterQuiet(instance.n8n, stempCardCompleted.id)).toBe(before);
	});

	test('an event the node does not listen to starts nothing', async () => {
		const before = (await instance.n8n.executions(stempCardCompleted.id)).length;
		const reward = {
			id: 'evt_e2e_2',
			type: 'stamp.reward_triggered',
			data: { walletPassId: 'wp_jane_0001' },
		};
		const delivery = await sendStempDelivery(url, reward, { secret });
		expect(delivery.status).toBeLessThan(300);
		expect(await executionCountAfterQuiet(instance.n8n, stempCardCompleted.id)).toBe(before);
	});
});

describe('example: card completed → reward', () => {
	test('a completed card awards the pass owner 100 Stamped points', async () => {
		const url = await webhookUrl(instance.n8n, cardCompletedExample.id);
		const delivery = {
			id: 'evt_example_1',
			type: 'stamp.card_completed',
			data: { walletPassId: 'wp_jane_0001' },
		};
		expect(
			(await sendStempDelivery(url, delivery, { secret: SANDBOX_KEYS.stempWebhookSigningSecret }))
				.status,
		).toBe(200);

		const [execution] = await waitForExecutions(instance.n8n, cardCompletedExample.id, 1);
		expect(nodeOutput(execution, 'Reward 100 points')).toEqual([
			expect.objectContaining({ email: 'jane@example.com', type: 'custom', points: 100 }),
		]);
		const log = await instance.sandbox.log();
		expect(routes(log)).toEqual(['POST /store-123/loyalty/transactions']);
		expect(log[0].body).toEqual({
			email: 'jane@example.com',
			type: 'custom',
			points: 100,
			note: 'Stamp card completed (pass wp_jane_0001)',
		});
	});
});

describe('example: tier change → e-mail', () => {
	test('a tier change e-mails the customer through the sandbox mailbox', async () => {
		const url = await webhookUrl(instance.n8n, tierChangeExample.id);
		const tierChange = { email: 'ahmed@example.com', oldTier: 'Bronze', newTier: 'Silver' };
		const delivery = await sendStampedDelivery(url, tierChange, {
			topic: 'Rewards VIP',
			secret: SANDBOX_KEYS.stampedWebhookSecret,
		});
		expect(delivery.status).toBe(200);

		await waitForExecutions(instance.n8n, tierChangeExample.id, 1);
		expect(await instance.sandbox.mail()).toEqual([
			expect.objectContaining({
				from: 'rewards@example.com',
				to: ['ahmed@example.com'],
				subject: 'Welcome to Silver!',
			}),
		]);
	});
});

describe("the playground's sample deliveries (the commands npm start prints)", () => {
	test.each([
		{ example: tierChangeExample, trigger: 'stampedTrigger' },
		{ example: cardCompletedExample, trigger: 'stempTrigger' },
	])('the $trigger command starts "$example.name"', async ({ example, trigger }) => {
		expect(triggerOf(example)).toBe(trigger);
		const before = (await instance.n8n.executions(example.id)).length;
		const command = sampleDeliveryCommand(trigger, await webhookUrl(instance.n8n, example.id));
		const { stdout } = await runOrThrow('bash', ['-c', command!], { timeoutMs: 30_000 });
		expect(stdout).not.toMatch(/401|Unauthorized|Missing/);
		const executions = await waitForExecutions(instance.n8n, example.id, before + 1);
		expect(executions[0].status).toBe('success');
	});
});

test('a stemp Trigger registering itself in an n8n reached over http: activation fails saying to set the webhook URL, and nothing reaches stemp', async () => {
	await instance.n8n.publicApi(`/workflows/${stempAutomaticOverHttp.id}/publish`, 'POST', {});
	// n8n 2.x activates through its publication outbox, a moment after the answer, and logs why it failed.
	const message =
		/stemp accepts only https webhook URLs, and this n8n's webhook URL is http:\S+: set WEBHOOK_URL \(N8N_WEBHOOK_URL in n8n 2\.x\) to n8n's public https address/;
	const deadline = Date.now() + 30_000;
	while (!message.test(instance.n8n.logTail(1_000_000)) && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 500));
	expect(instance.n8n.logTail(1_000_000)).toMatch(message);
	expect(
		(await instance.sandbox.log()).filter((entry) => entry.path.startsWith('/webhooks')),
	).toEqual([]);
});
