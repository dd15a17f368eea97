/**
 * The Stamped Polling Trigger active in a running n8n 2.x: activation notes the newest review and starts
 * nothing (no flood of history); n8n is then restarted, and each review added before and after the restart
 * starts the workflow exactly once: the watermark lives in the workflow's static data, which n8n saves, so it
 * survives the restart (unlike the webhook triggers' memory of deliveries).
 */
import { CURRENT_N8N } from '../src/install';
import { nodeOutput } from '../src/n8n';
import { sandboxCredentialRef } from '../src/sandbox';
import { executionCountAfterQuiet, waitForExecutions } from '../src/webhooks';
import { useInstance } from './support/lifecycle';
import { chainWorkflow } from './support/workflows';

const poller = chainWorkflow('e2ePollingTrigger', 'e2e: Stamped Polling Trigger (review.created)', [
	{
		name: 'Trigger',
		type: 'n8n-nodes-stamped-stemp.stampedPollingTrigger',
		parameters: { event: 'review.created', pollTimes: { item: [{ mode: 'everyMinute' }] } },
		credentials: { stampedApi: sandboxCredentialRef('stampedApi') },
	},
]);

// Published during the test, once there is history to ignore.
const instance = useInstance({
	dist: CURRENT_N8N,
	name: 'e2e-polling',
	workflows: [poller],
	serve: true,
});

/** Adds reviews to the sandbox's dashboard list; returns their ids, oldest first. */
async function addReviews(count: number): Promise<number[]> {
	const response = await fetch(`${instance.sandbox.url}/__reviews`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ count }),
	});
	if (!response.ok) throw new Error(`POST /__reviews: HTTP ${response.status}`);
	return ((await response.json()) as { ids: number[] }).ids;
}

async function reviewPolls(): Promise<number> {
	return (await instance.sandbox.log()).filter((entry) => entry.path.endsWith('/dashboard/reviews'))
		.length;
}

async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs: number,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** Every review id the trigger emitted, execution by execution, oldest execution first. */
async function emitted(): Promise<number[][]> {
	const executions = await instance.n8n.executions(poller.id);
	return executions
		.reverse()
		.map((execution) => nodeOutput(execution, 'Trigger').map((item) => item.id as number));
}

test('activation emits no history; after a restart each new review starts the workflow exactly once', async () => {
	const history = await addReviews(5);
	await instance.n8n.publishNow(poller.id);
	// n8n polls once on activation: the watermark is recorded, nothing starts.
	await waitFor(
		'the activation poll',
		async () => ((await reviewPolls()) > 0 ? true : undefined),
		30_000,
	);
	expect(await executionCountAfterQuiet(instance.n8n, poller.id, 2000)).toBe(0);

	const beforeRestart = await addReviews(2);
	await instance.n8n.stop();
	await instance.n8n.start();
	await instance.n8n.signIn();
	// The first poll after the restart (at start-up, or the next minute) emits the two, not the history.
	await waitForExecutions(instance.n8n, poller.id, 1, 100_000);
	expect(await emitted()).toEqual([beforeRestart]);

	const afterRestart = await addReviews(3);
	await waitForExecutions(instance.n8n, poller.id, 2, 100_000);
	expect(await executionCountAfterQuiet(instance.n8n, poller.id, 3000)).toBe(2);
	const all = await emitted();
	expect(all).toEqual([beforeRestart, afterRestart]);
	expect(all.flat().some((id) => history.includes(id))).toBe(false);
	const [{ staticData }] = await instance.n8n.queryDatabase<{ staticData: unknown }>(
		'SELECT "staticData" FROM workflow_entity WHERE id = ?',
		[poller.id],
	);
	expect(JSON.stringify(staticData)).toContain('watermark');
}, 300_000);
