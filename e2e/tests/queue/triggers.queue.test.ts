/**
 * Both trigger nodes in queue mode: deliveries go to a webhook process (`n8n webhook`), which checks them and
 * hands the execution to a worker. What the single-instance design assumed about repeated deliveries is checked
 * here: one webhook process recognises a repeat, also two copies arriving at the same moment; what does not
 * hold is tested as a limit (docs/scaling.md says so), with n8n's Remove Duplicates node as the
 * downstream answer.
 */
import { SANDBOX_KEYS } from '../../../test/fake-api/sandbox';
import type { DeliveryResult } from '../../src/webhooks';
import {
	executionCountAfterQuiet,
	sendStampedDelivery,
	sendStempDelivery,
	waitForExecutions,
	webhookUrl,
} from '../../src/webhooks';
import { nodeOutput } from '../../src/n8n';
import { useQueueCluster } from '../support/lifecycle';
import { chainWorkflow, stemp, vendorTriggerWorkflow } from '../support/workflows';

const stempTrigger = vendorTriggerWorkflow(
	'queueStempTrigger',
	'stempTrigger',
	['stamp.card_completed'],
	'6a0f3c2e-8b1d-4e5f-9a7c-2d4b6e8f0a11',
);
const stampedTrigger = vendorTriggerWorkflow(
	'queueStampedTrigger',
	'stampedTrigger',
	['loyalty.tier_changed'],
	'9e2d5b7a-1c3f-4a8e-b6d0-4f7a9c1e3b33',
);
/** The downstream answer to copies that reach different processes: Remove Duplicates keyed on the delivery id. */
const stempDeduplicated = chainWorkflow(
	'queueStempDeduplicated',
	'queue: stemp Trigger, Remove Duplicates, add a stamp',
	[
		{ ...stempTrigger.nodes[0], webhookId: '7b1e4d3f-9c2a-4f6e-8b5d-3e5c7f9a1b22' },
		{
			name: 'Remove Duplicates',
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			parameters: {
				operation: 'removeItemsSeenInPreviousExecutions',
				logic: 'removeItemsWithAlreadySeenKeyValues',
				dedupeValue: '={{ $json.deliveryId }}',
				options: {},
			},
		},
		stemp('Add stamp', {
			operation: 'add',
			walletPassId: '={{ $json.walletPassId }}',
			note: '={{ $json.deliveryId }}',
		}),
	],
);

const workflows = [stempTrigger, stampedTrigger, stempDeduplicated];
const cluster = useQueueCluster({
	name: 'queue-triggers',
	workflows,
	publish: workflows.map((workflow) => workflow.id),
	webhookProcesses: 2,
});

const secret = SANDBOX_KEYS.stempWebhookSigningSecret;
const cardCompleted = (id: string) => ({
	id,
	type: 'stamp.card_completed',
	data: { walletPassId: 'wp_ahmed_0002', timesCompleted: 1 },
});
const sendStemp = (url: string, id: string) =>
	sendStempDelivery(url, cardCompleted(id), { secret });
const executionCount = async (workflowId: string) =>
	(await cluster.main.executions(workflowId)).length;
const wasRepeat = (answer: DeliveryResult) => answer.body.includes('repeated delivery');

describe('one webhook process', () => {
	let url: string;
	beforeAll(async () => {
		url = await webhookUrl(cluster.webhooks[0], stempTrigger.id);
	});

	test('a signed stemp delivery starts an execution with the payload, run by a worker', async () => {
		const delivery = await sendStemp(url, 'evt_q_1');
		expect(delivery.status).toBe(200);
		const [execution] = await waitForExecutions(cluster.main, stempTrigger.id, 1);
		expect(nodeOutput(execution, 'Trigger')[0]).toMatchObject({
			walletPassId: 'wp_ahmed_0002',
			event: 'stamp.card_completed',
			deliveryId: 'evt_q_1',
			verified: true,
		});
		expect(cluster.workerOf(execution.id)?.role).toBe('worker');
	});

	test('a Stamped delivery with the secret starts an execution run by a worker; a wrong secret gets 401 and starts nothing', async () => {
		const stampedUrl = await webhookUrl(cluster.webhooks[0], stampedTrigger.id);
		const tierChange = { email: 'ahmed@example.com', oldTier: 'Bronze', newTier: 'Silver' };
		const stampedSecret = SANDBOX_KEYS.stampedWebhookSecret;
		expect(
			(
				await sendStampedDelivery(stampedUrl, tierChange, {
					topic: 'Rewards VIP',
					secret: stampedSecret,
				})
			).status,
		).toBe(200);
		const [execution] = await waitForExecutions(cluster.main, stampedTrigger.id, 1);
		expect(nodeOutput(execution, 'Trigger')[0]).toEqual({
			...tierChange,
			event: 'loyalty.tier_changed',
			topic: 'Rewards VIP',
			verified: true,
		});
		expect(cluster.workerOf(execution.id)?.role).toBe('worker');

		const refused = await sendStampedDelivery(
			stampedUrl,
			{ ...tierChange, newTier: 'Gold' },
			{ topic: 'Rewards VIP', secret: 'not-the-secret' },
		);
		expect(refused.status).toBe(401);
		expect(await executionCountAfterQuiet(cluster.main, stampedTrigger.id)).toBe(1);
	});

	test('a repeated stemp delivery, sent after the first was handled, starts no second execution', async () => {
		const before = await executionCount(stempTrigger.id);
		expect(wasRepeat(await sendStemp(url, 'evt_q_seq'))).toBe(false);
		await waitForExecutions(cluster.main, stempTrigger.id, before + 1);
		expect(wasRepeat(await sendStemp(url, 'evt_q_seq'))).toBe(true);
		expect(await executionCountAfterQuiet(cluster.main, stempTrigger.id)).toBe(before + 1);
	});

	test('two copies arriving at the same moment start one execution, every time (10 pairs)', async () => {
		const before = await executionCount(stempTrigger.id);
		for (let pair = 0; pair < 10; pair++) {
			const answers = await Promise.all([
				sendStemp(url, `evt_q_pair_${pair}`),
				sendStemp(url, `evt_q_pair_${pair}`),
			]);
			expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
			expect(answers.filter(wasRepeat)).toHaveLength(1);
		}
		expect(await executionCountAfterQuiet(cluster.main, stempTrigger.id, 3000)).toBe(before + 10);
	});

	test('limit: the record of a delivery is gone after the webhook process restarts (n8n 2.41 does not save it)', async () => {
		const before = await executionCount(stempTrigger.id);
		expect(wasRepeat(await sendStemp(url, 'evt_q_restart'))).toBe(false);
		await waitForExecutions(cluster.main, stempTrigger.id, before + 1);
		// n8n drops static data a webhook changed when that webhook starts an execution, so the record lives only
		// in the process's memory.
		const [{ staticData }] = await cluster.main.queryDatabase<{ staticData: unknown }>(
			'SELECT "staticData" FROM workflow_entity WHERE id = ?',
			[stempTrigger.id],
		);
		expect(JSON.stringify(staticData)).not.toContain('evt_q_restart');

		await cluster.webhooks[0].stop();
		await cluster.webhooks[0].start();
		expect(wasRepeat(await sendStemp(url, 'evt_q_restart'))).toBe(false);
		await waitForExecutions(cluster.main, stempTrigger.id, before + 2);
	});
});

describe('two webhook processes', () => {
	test('limit: a copy at each process starts an execution at each, also one after the other', async () => {
		const urls = await Promise.all(
			cluster.webhooks.map((webhookProcess) => webhookUrl(webhookProcess, stempTrigger.id)),
		);
		const before = await executionCount(stempTrigger.id);
		expect(wasRepeat(await sendStemp(urls[0], 'evt_q_two'))).toBe(false);
		await waitForExecutions(cluster.main, stempTrigger.id, before + 1);
		expect(wasRepeat(await sendStemp(urls[1], 'evt_q_two'))).toBe(false);
		await waitForExecutions(cluster.main, stempTrigger.id, before + 2);
	});

	test("n8n's Remove Duplicates node after the trigger passes a redelivery at the other process on once", async () => {
		const urls = await Promise.all(
			cluster.webhooks.map((webhookProcess) => webhookUrl(webhookProcess, stempDeduplicated.id)),
		);
		const ids = ['evt_q_dd_0', 'evt_q_dd_1', 'evt_q_dd_2'];
		let executions = await executionCount(stempDeduplicated.id);
		// As a vendor retries: the same delivery again once the first was handled, here at the other process.
		for (const id of ids) {
			for (const url of urls) {
				await sendStemp(url, id);
				await waitForExecutions(cluster.main, stempDeduplicated.id, ++executions);
			}
		}
		// Each copy started an execution (the limit above), and Remove Duplicates passed each delivery on once.
		// Copies that reach the node at the very same moment can both pass: it reads its history, then writes it.
		const stamped = (await cluster.sandbox.log()).filter((entry) =>
			entry.path.endsWith('/stamps/add'),
		);
		expect(stamped.map((entry) => (entry.body as { note: string }).note)).toEqual(ids);
	});
});
