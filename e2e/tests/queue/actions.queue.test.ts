/**
 * Both action nodes in queue mode: the every-operation workflows of the e2e suite, started by a Webhook node
 * at the webhook process, are run by a worker, with the same output and the same requests as in a single n8n.
 */
import type { N8n } from '../../src/n8n';
import { postDelivery, waitForExecutions, webhookUrl } from '../../src/webhooks';
import {
	expectStampedEveryOperation,
	expectStampedV3EveryOperation,
	expectStempEveryOperation,
} from '../support/expectations';
import { useQueueCluster } from '../support/lifecycle';
import {
	stampedEveryOperation,
	stampedV3EveryOperation,
	stempEveryOperation,
	viaWebhook,
} from '../support/workflows';

const stamped = viaWebhook(stampedEveryOperation, 'queue-stamped');
const stampedV3 = viaWebhook(stampedV3EveryOperation, 'queue-stamped-v3');
const stemp = viaWebhook(stempEveryOperation, 'queue-stemp');
const workflows = [stamped, stampedV3, stemp];

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
