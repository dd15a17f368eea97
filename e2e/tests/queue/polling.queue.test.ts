/**
 * The Stamped Polling Trigger in queue mode: the main process polls (n8n runs poll triggers only there) and
 * hands each execution to a worker. Each new review is emitted in exactly one execution, run by a worker, and
 * nothing runs again on a poll that finds nothing new.
 */
import { nodeOutput } from '../../src/n8n';
import { sandboxCredentialRef } from '../../src/sandbox';
import { executionCountAfterQuiet, waitForExecutions } from '../../src/webhooks';
import { useQueueCluster } from '../support/lifecycle';
import { chainWorkflow } from '../support/workflows';

const poller = chainWorkflow(
	'queuePollingTrigger',
	'queue: Stamped Polling Trigger (review.created)',
	[
		{
			name: 'Trigger',
			type: 'n8n-nodes-stamped-stemp.stampedPollingTrigger',
			parameters: { event: 'review.created', pollTimes: { item: [{ mode: 'everyMinute' }] } },
			credentials: { stampedApi: sandboxCredentialRef('stampedApi') },
		},
	],
);

const cluster = useQueueCluster({
	name: 'queue-polling',
	workflows: [poller],
	publish: [poller.id],
});

async function addReviews(count: number): Promise<number[]> {
	const response = await fetch(`${cluster.sandbox.url}/__reviews`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ count }),
	});
	if (!response.ok) throw new Error(`POST /__reviews: HTTP ${response.status}`);
	return ((await response.json()) as { ids: number[] }).ids;
}

test('each new review is emitted in exactly one execution, each execution run by a worker', async () => {
	// Activation (at the main's start) recorded an empty store: every review from here on is new.
	const first = await addReviews(3);
	await waitForExecutions(cluster.main, poller.id, 1, 100_000);
	const second = await addReviews(2);
	await waitForExecutions(cluster.main, poller.id, 2, 100_000);
	// The next poll finds nothing new and starts nothing.
	expect(await executionCountAfterQuiet(cluster.main, poller.id, 65_000)).toBe(2);

	const executions = (await cluster.main.executions(poller.id)).reverse();
	expect(
		executions.map((execution) => nodeOutput(execution, 'Trigger').map((item) => item.id)),
	).toEqual([first, second]);
	for (const execution of executions) expect(cluster.workerOf(execution.id)?.role).toBe('worker');
}, 240_000);
