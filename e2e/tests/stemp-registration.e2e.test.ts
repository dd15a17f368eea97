/**
 * The stemp Trigger (node version 2, Registration: Automatic) in a running n8n 2.x whose public webhook address is
 * https (`N8N_WEBHOOK_URL`): publishing the workflow registers a webhook endpoint in the sandbox's stemp for the
 * Production URL; deliveries signed with that endpoint's secret (by the test, and by the sandbox's stemp itself
 * when a stamp completes a card) start the workflow, others are refused; a restart keeps the endpoint; one deleted
 * in stemp is created again when the workflow is published again (n8n 2.41 asks `checkExists` on activation, not
 * on a restart); unpublishing deletes it. The sandbox is not reset between these tests: they follow one
 * endpoint's life.
 */
import { SANDBOX_KEYS } from '../../test/fake-api/sandbox';
import type { Instance } from '../src/instance';
import { prepareInstance } from '../src/instance';
import { CURRENT_N8N } from '../src/install';
import { nodeOutput } from '../src/n8n';
import {
	executionCountAfterQuiet,
	sendStempDelivery,
	waitForExecutions,
	webhookUrl,
} from '../src/webhooks';
import { vendorTriggerWorkflow } from './support/workflows';

const PUBLIC_ORIGIN = 'https://n8n-e2e.example.com';
const WEBHOOK_ID = '6b1d3f5a-8c2e-4a7b-9d1f-3e5c7a9b1d53';

const registering = (() => {
	const workflow = vendorTriggerWorkflow(
		'e2eStempRegistration',
		'stempTrigger',
		['stamp.card_completed', 'pass.created'],
		WEBHOOK_ID,
	);
	// A trigger added today: node version 2, Registration left at its default (Automatic).
	return { ...workflow, nodes: workflow.nodes.map((node) => ({ ...node, typeVersion: 2 })) };
})();

const PRODUCTION_URL = `${PUBLIC_ORIGIN}/webhook/${WEBHOOK_ID}/webhook`;

let instance: Instance;
beforeAll(async () => {
	instance = await prepareInstance({
		dist: CURRENT_N8N,
		name: 'e2e-stemp-registration',
		workflows: [registering],
		env: { N8N_WEBHOOK_URL: `${PUBLIC_ORIGIN}/` },
	});
	await instance.n8n.publish(registering.id);
	await instance.n8n.start();
	await instance.n8n.signIn();
}, 240_000);
afterAll(async () => {
	await instance?.stop();
});

/** Waits (up to 30 s) until `done` holds. */
async function until(done: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (!(await done()) && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 250));
}

/** The endpoint the trigger registered (the sandbox shows its secret, which only the registering client learns). */
async function registeredEndpoint() {
	const endpoints = await instance.sandbox.stempEndpoints();
	expect(endpoints).toHaveLength(1);
	return endpoints[0];
}

const event = (id: string) => ({
	id,
	type: 'stamp.card_completed',
	data: { walletPassId: 'wp_jane_0001', timesCompleted: 3 },
});

test('publishing registers one endpoint in stemp for the https Production URL and the chosen events', async () => {
	const endpoint = await registeredEndpoint();
	expect(endpoint).toMatchObject({
		url: PRODUCTION_URL,
		eventTypes: ['pass.created', 'stamp.card_completed'],
		isActive: true,
		secret: expect.stringMatching(/^whsec_/),
	});
	const create = (await instance.sandbox.log()).filter(
		(entry) => entry.method === 'POST' && entry.path === '/webhooks/endpoints',
	);
	expect(create).toHaveLength(1);
	expect(await instance.sandbox.contractViolations()).toEqual([]);
	// The secret stays out of n8n's log.
	expect(instance.n8n.logTail(1_000_000)).not.toContain(endpoint.secret);
});

test("a delivery signed with the endpoint's secret starts the workflow; the credential's secret or a forged one gets 401", async () => {
	const { secret } = await registeredEndpoint();
	const url = await webhookUrl(instance.n8n, registering.id);
	const accepted = await sendStempDelivery(url, event('evt_reg_0001'), { secret });
	expect(accepted.status).toBe(200);
	const [execution] = await waitForExecutions(instance.n8n, registering.id, 1);
	expect(nodeOutput(execution, 'Trigger')[0]).toMatchObject({
		event: 'stamp.card_completed',
		deliveryId: 'evt_reg_0001',
		verified: true,
	});
	for (const other of [SANDBOX_KEYS.stempWebhookSigningSecret, 'forged-secret-000000']) {
		const refused = await sendStempDelivery(url, event('evt_reg_0002'), { secret: other });
		expect(refused.status).toBe(401);
	}
	expect(await executionCountAfterQuiet(instance.n8n, registering.id)).toBe(1);
});

test('stemp itself delivers: a stamp that completes a card starts the workflow with its signed event', async () => {
	// The sandbox's stemp POSTs events of registered endpoints to this n8n (the https origin is not reachable here).
	await instance.sandbox.configure({ stempWebhookOrigin: instance.n8n.baseUrl });
	const before = (await instance.n8n.executions(registering.id)).length;
	const response = await fetch(
		`${instance.sandbox.stempUrl}/walletpasses/wp_jane_0001/stamps/add`,
		{
			method: 'POST',
			headers: {
				Authorization: `Bearer ${SANDBOX_KEYS.stemp.apiToken}`,
				'Content-Type': 'application/json',
			},
			body: '{}',
		},
	);
	expect(response.status).toBe(200);
	const executions = await waitForExecutions(instance.n8n, registering.id, before + 1);
	expect(nodeOutput(executions[0], 'Trigger')[0]).toMatchObject({
		event: 'stamp.card_completed',
		walletPassId: 'wp_jane_0001',
		verified: true,
	});
	// stamp.created and stamp.reward_triggered are not chosen: stemp sends them nowhere.
	expect(await executionCountAfterQuiet(instance.n8n, registering.id)).toBe(before + 1);
	await instance.sandbox.configure({ stempWebhookOrigin: null });
});

test('a restart keeps the endpoint: nothing registered again, and the kept secret still verifies', async () => {
	const kept = await registeredEndpoint();
	await instance.sandbox.clearLog();
	await instance.n8n.stop();
	await instance.n8n.start();
	await instance.n8n.signIn();
	expect((await registeredEndpoint()).id).toBe(kept.id);
	expect(
		(await instance.sandbox.log())
			.filter((entry) => entry.method !== 'GET')
			.map((entry) => entry.path),
	).toEqual([]);
	const url = await webhookUrl(instance.n8n, registering.id);
	expect(
		(await sendStempDelivery(url, event('evt_reg_0003'), { secret: kept.secret })).status,
	).toBe(200);
}, 180_000);

test('an endpoint deleted in stemp is created again when the workflow is published again, with a new secret; the old one no longer verifies', async () => {
	const old = await registeredEndpoint();
	await instance.sandbox.deleteStempEndpoints();
	await instance.n8n.publicApi(`/workflows/${registering.id}/unpublish`, 'POST', {});
	await instance.n8n.publicApi(`/workflows/${registering.id}/publish`, 'POST', {});
	// n8n 2.x (un)publishes through its publication outbox, a moment after the answer.
	await until(async () => (await instance.sandbox.stempEndpoints()).length === 1);
	const renewed = await registeredEndpoint();
	expect(renewed.id).not.toBe(old.id);
	expect(renewed.url).toBe(PRODUCTION_URL);
	const url = await webhookUrl(instance.n8n, registering.id);
	expect((await sendStempDelivery(url, event('evt_reg_0004'), { secret: old.secret })).status).toBe(
		401,
	);
	expect(
		(await sendStempDelivery(url, event('evt_reg_0005'), { secret: renewed.secret })).status,
	).toBe(200);
}, 60_000);

test('unpublishing deletes the endpoint in stemp', async () => {
	await instance.sandbox.clearLog();
	await instance.n8n.publicApi(`/workflows/${registering.id}/unpublish`, 'POST', {});
	await until(async () => (await instance.sandbox.stempEndpoints()).length === 0);
	expect(await instance.sandbox.stempEndpoints()).toEqual([]);
	expect(
		(await instance.sandbox.log())
			.filter((entry) => entry.method === 'DELETE')
			.map((entry) => entry.path),
	).toEqual([expect.stringMatching(/^\/webhooks\/endpoints\/we_/)]);
}, 60_000);
