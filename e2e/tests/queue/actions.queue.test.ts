/**
 * Both action nodes in queue mode: the every-operation workflows of the e2e suite, started by a Webhook node
 * at the webhook process, are run by a worker, with the same output and the same requests as in a single n8n;
 * and the example with an Idempotency Key run twice through the workers, applying each write once.
 */
import { randomUUID } from 'node:crypto';

import { loadExample } from '../../src/examples';
import type { N8n } from '../../src/n8n';
import { nodeOutput } from '../../src/n8n';
import { postDelivery, waitForExecutions, webhookUrl } from '../../src/webhooks';
import {
	expectStampedEveryOperation,
	expectStampedV3EveryOperation,
	expectStempEveryOperation,
} from '../support/expectations';
import { useQueueCluster } from '../support/lifecycle';
import type { WorkflowJson } from '../support/workflows';
import {
	stampedEveryOperation,
	stampedV3EveryOperation,
	stempEveryOperation,
	viaWebhook,
} from '../support/workflows';

const stamped = viaWebhook(stampedEveryOperation, 'queue-stamped');
const stampedV3 = viaWebhook(stampedV3EveryOperation, 'queue-stamped-v3');
const stemp = viaWebhook(stempEveryOperation, 'queue-stemp');
/** The example "paid order → points exactly once", started by a Webhook node instead of by hand. */
const example = loadExample('paid-order-points-once.json') as unknown as WorkflowJson;
const pointsOnce: WorkflowJson = {
	...example,
	id: 'queuePaidOrderPointsOnce',
	nodes: example.nodes.map((node) =>
		node.type === 'n8n-nodes-base.manualTrigger'
			? {
					...node,
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					webhookId: randomUUID(),
					parameters: {
						httpMethod: 'POST',
						path: 'queue-points-once',
						responseMode: 'onReceived',
						options: {},
					},
				}
			: node,
	),
};
const workflows = [stamped, stampedV3, stemp, pointsOnce];

const cluster = useQueueCluster({
	name: 'queue-actions',
	workflows,
	publish: workflows.map((workflow) => workflow.id),
});

/** Starts a workflow at the webhook process and returns its execution once finished, and the process that ran it. */
async function runThroughWebhookProcess(workflowId: string) {
	const [webhookProcess] = cluster.webhooks;
	const before = (await cluster.main.executions(workflowId)).length;
	const started = await postDelivery(await webhookUrl(webhookProcess, workflowId), '{}', {});
	expect(started).toMatchObject({
		status: 200,
		body: expect.stringContaining('Workflow was started'),
	});
	const [execution] = await waitForExecutions(cluster.main, workflowId, before + 1, 60_000);
	return { execution, ranOn: cluster.workerOf(execution.id) };
}

function expectRanOnAWorker(ranOn: N8n | undefined): void {
	expect(ranOn?.role).toBe('worker');
}

test('the Stamped node runs every operation through a worker', async () => {
	const { execution, ranOn } = await runThroughWebhookProcess(stamped.id);
	expectStampedEveryOperation(execution, await cluster.sandbox.log());
	expectRanOnAWorker(ranOn);
});

test('the Stamped node runs every operation of API v3 through a worker', async () => {
	const { execution, ranOn } = await runThroughWebhookProcess(stampedV3.id);
	expectStampedV3EveryOperation(execution, await cluster.sandbox.log());
	expectRanOnAWorker(ranOn);
});

test('the stemp node runs every operation through a worker', async () => {
	const { execution, ranOn } = await runThroughWebhookProcess(stemp.id);
	expectStempEveryOperation(execution, await cluster.sandbox.log());
	expectRanOnAWorker(ranOn);
});

test('an Idempotency Key holds across executions on the workers: the second run of the same orders credits nothing', async () => {
	const first = await runThroughWebhookProcess(pointsOnce.id);
	expectRanOnAWorker(first.ranOn);
	expect(
		nodeOutput(first.execution, 'Add points once per order').map((item) => [
			item.skipped,
			item.currentPoints,
		]),
	).toEqual([
		[false, 102],
		[false, 120],
	]);
	const second = await runThroughWebhookProcess(pointsOnce.id);
	expectRanOnAWorker(second.ranOn);
	expect(
		nodeOutput(second.execution, 'Add points once per order').map((item) => [
			item.skipped,
			item.currentPoints,
		]),
	).toEqual([
		[true, 120],
		[true, 120],
	]);
	// The memory is stemp's points history, not the worker's: whichever worker ran each, one credit per order.
	const credits = (await cluster.sandbox.log()).filter((entry) => entry.method === 'POST');
	expect(credits.map((entry) => (entry.body as { note: string }).note)).toEqual([
		'Order #1081 [key: order-1081]',
		'Order #1082 [key: order-1082]',
	]);
});
