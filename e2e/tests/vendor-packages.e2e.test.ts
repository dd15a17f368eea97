/**
 * Each single-vendor package (npm run pack:vendors) installed ALONE into a real n8n 2.x, one workflow per node:
 * the action node runs its every-operation workflow against the sandbox (with the same expectations as the
 * combined package), the webhook trigger starts a workflow on a delivery, the polling trigger on a new review.
 * The workflows are the combined package's with the node types renamed (`n8n-nodes-stamped-stemp.stamped` →
 * `n8n-nodes-stamped.stamped`), which is how a user moves a workflow between the packages. The other vendor's
 * nodes are not there.
 */
import { SANDBOX_KEYS } from '../../test/fake-api/sandbox';
import type { Instance } from '../src/instance';
import { prepareInstance } from '../src/instance';
import { CURRENT_N8N } from '../src/install';
import { nodeOutput } from '../src/n8n';
import { sandboxCredentialRef } from '../src/sandbox';
import {
	sendStampedDelivery,
	sendStempDelivery,
	waitForExecutions,
	webhookUrl,
} from '../src/webhooks';
import {
	expectStampedEveryOperation,
	expectStempEveryOperation,
	expectStempPublishedApi,
} from './support/expectations';
import { executeOk } from './support/lifecycle';
import type { WorkflowJson } from './support/workflows';
import {
	chainWorkflow,
	forPackage,
	stampedEveryOperation,
	stempEveryOperation,
	stempPublishedApi,
	vendorTriggerWorkflow,
} from './support/workflows';

const STAMPED = 'n8n-nodes-stamped';
const STEMP = 'n8n-nodes-stemp';

/** An n8n with only `packageName` installed; the trigger workflows are published before it starts. */
function useVendorInstance(packageName: typeof STAMPED | typeof STEMP, workflows: WorkflowJson[]) {
	let instance: Instance | undefined;
	beforeAll(async () => {
		instance = await prepareInstance({
			dist: CURRENT_N8N,
			name: `e2e-${packageName}`,
			package: packageName,
			workflows,
		});
	}, 240_000);
	afterAll(async () => {
		await instance?.stop();
	});
	return () => {
		if (!instance) throw new Error('The n8n instance is not ready: its setup failed');
		return instance;
	};
}

/** The node types of our packages (any of the three) that the running n8n loaded. */
async function ourNodeTypes(instance: Instance): Promise<string[]> {
	return (await instance.n8n.loadedNodeTypes()).filter((type) =>
		/^n8n-nodes-(stamped|stemp|stamped-stemp)\./.test(type),
	);
}

describe(`${STAMPED} alone`, () => {
	const everyOperation = forPackage(stampedEveryOperation, STAMPED);
	const tierChanges = forPackage(
		vendorTriggerWorkflow(
			'e2eVendorStampedTrigger',
			'stampedTrigger',
			['loyalty.tier_changed'],
			'4c1f0d2e-7b3a-4e8c-9d6f-2a5b8c1e0f31',
		),
		STAMPED,
	);
	// Published with the webhook trigger; it polls every minute.
	const poller = chainWorkflow(
		'e2eVendorStampedPoll',
		'e2e: Stamped Polling Trigger (review.created)',
		[
			{
				name: 'Poll',
				type: `${STAMPED}.stampedPollingTrigger`,
				parameters: { event: 'review.created', pollTimes: { item: [{ mode: 'everyMinute' }] } },
				credentials: { stampedApi: sandboxCredentialRef('stampedApi') },
			},
		],
	);
	const instance = useVendorInstance(STAMPED, [everyOperation, tierChanges, poller]);

	test('Stamped runs every operation against the sandbox', async () => {
		await instance().sandbox.reset();
		expectStampedEveryOperation(
			await executeOk(instance(), everyOperation.id),
			await instance().sandbox.log(),
		);
	});

	test('Stamped Trigger: a delivery starts the published workflow', async () => {
		await instance().n8n.publish(tierChanges.id);
		await instance().n8n.publish(poller.id);
		await instance().n8n.start();
		await instance().n8n.signIn();
		const tierChange = { email: 'ahmed@example.com', oldTier: 'Bronze', newTier: 'Silver' };
		const delivery = await sendStampedDelivery(
			await webhookUrl(instance().n8n, tierChanges.id),
			tierChange,
			{ topic: 'Rewards VIP', secret: SANDBOX_KEYS.stampedWebhookSecret },
		);
		expect(delivery.status).toBe(200);
		const [execution] = await waitForExecutions(instance().n8n, tierChanges.id, 1);
		expect(nodeOutput(execution, 'Trigger')[0]).toMatchObject({
			...tierChange,
			event: 'loyalty.tier_changed',
			verified: true,
		});
	});

	test('Stamped Polling Trigger: a review added after activation starts the workflow once', async () => {
		// Activation polls once and notes the newest review; only reviews added after it start the workflow.
		const polls = async () =>
			(await instance().sandbox.log()).filter((entry) => entry.path.endsWith('/dashboard/reviews'))
				.length;
		const deadline = Date.now() + 30_000;
		while ((await polls()) === 0 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 500));
		expect(await polls()).toBeGreaterThan(0);
		const response = await fetch(`${instance().sandbox.url}/__reviews`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ count: 2 }),
		});
		const { ids } = (await response.json()) as { ids: number[] };
		// n8n polls every minute.
		const [execution] = await waitForExecutions(instance().n8n, poller.id, 1, 100_000);
		expect(nodeOutput(execution, 'Poll').map((item) => item.id)).toEqual(ids);
	}, 150_000);

	test('the running n8n has its three nodes (and the action node as an AI tool) under the package name, and no stemp node', async () => {
		expect(await ourNodeTypes(instance())).toEqual(
			[
				`${STAMPED}.stamped`,
				`${STAMPED}.stampedPollingTrigger`,
				`${STAMPED}.stampedTool`,
				`${STAMPED}.stampedTrigger`,
			].sort(),
		);
	});
});

describe(`${STEMP} alone`, () => {
	const everyOperation = forPackage(stempEveryOperation, STEMP);
	const cardCompleted = forPackage(
		vendorTriggerWorkflow(
			'e2eVendorStempTrigger',
			'stempTrigger',
			['stamp.card_completed'],
			'9e2b4d6f-1a3c-4f5e-8b7d-0c2e4a6b8d42',
		),
		STEMP,
	);
	const publishedApi = forPackage(stempPublishedApi, STEMP);
	const instance = useVendorInstance(STEMP, [everyOperation, publishedApi, cardCompleted]);

	test('stemp runs every operation against the sandbox', async () => {
		await instance().sandbox.reset();
		expectStempEveryOperation(
			await executeOk(instance(), everyOperation.id),
			await instance().sandbox.log(),
		);
		await instance().sandbox.reset();
		expectStempPublishedApi(
			await executeOk(instance(), publishedApi.id),
			await instance().sandbox.log(),
		);
	});

	test('stemp Trigger: a signed delivery starts the published workflow', async () => {
		await instance().n8n.publish(cardCompleted.id);
		await instance().n8n.start();
		await instance().n8n.signIn();
		const data = { walletPassId: 'wp_jane_0001', userId: 'usr_jane', timesCompleted: 1 };
		const delivery = await sendStempDelivery(
			await webhookUrl(instance().n8n, cardCompleted.id),
			{ id: 'evt_vendor_0001', type: 'stamp.card_completed', data },
			{ secret: SANDBOX_KEYS.stempWebhookSigningSecret },
		);
		expect(delivery.status).toBe(200);
		const [execution] = await waitForExecutions(instance().n8n, cardCompleted.id, 1);
		expect(nodeOutput(execution, 'Trigger')[0]).toMatchObject({
			event: 'stamp.card_completed',
		});
	});

	test('the running n8n has its two nodes (and the action node as an AI tool) under the package name, and no Stamped node', async () => {
		expect(await ourNodeTypes(instance())).toEqual(
			[`${STEMP}.stemp`, `${STEMP}.stempTool`, `${STEMP}.stempTrigger`].sort(),
		);
	});
});
