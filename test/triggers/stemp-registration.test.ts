/**
 * The stemp Trigger registers itself (`registration: automatic`, the default of node version 2): n8n's webhook
 * lifecycle (checkExists, create, delete, run through n8n-core's HookContext) against the fake stemp API over real
 * HTTP, and deliveries verified with the endpoint's own secret. Version 1 triggers (saved ones) keep manual
 * registration.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { ILoadOptionsFunctions, INode, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import type { WebhookEvent } from '../fake-api/stemp';
import { Stemp, STEMP_TOKEN } from '../fake-api/stemp';
import {
	createAdditionalData,
	loadPackage,
	logLines,
	PACKAGE_NAME,
	PackageNodeTypes,
} from '../harness/engine';
import { useFastRetries } from '../harness/fast-retries';
import { expectNoSecrets, secretForms } from '../harness/secrets';
import type { TriggerOptions } from '../harness/trigger';
import { TriggerUnderTest } from '../harness/trigger';

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi().start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

const HTTPS_BASE = 'https://n8n.example.com/webhook';
const WEBHOOK_ID = 'f2c1a7d0-0000-4000-8000-000000000001';
const PRODUCTION_URL = `${HTTPS_BASE}/${WEBHOOK_ID}/webhook`;

function trigger(
	parameters: Record<string, unknown> = { events: ['stamp.card_completed', 'pass.created'] },
	options: TriggerOptions = { typeVersion: 2, webhookBaseUrl: HTTPS_BASE },
	credential: Record<string, string> = {},
) {
	return new TriggerUnderTest(
		'stempTrigger',
		parameters as never,
		{ stempApi: { apiToken: STEMP_TOKEN, baseUrl: api.stempUrl, ...credential } },
		'webhook',
		options,
	);
}

const endpoints = () => [...api.stemp.endpoints.values()];
const routes = () => api.requests().map((request) => `${request.method} ${request.path}`);

/** A delivery as stemp sends it for `event`, signed with `secret`. */
function delivery(secret: string, type = 'stamp.card_completed', id = 'evt_1') {
	const event: WebhookEvent = {
		id,
		type,
		timestamp: new Date().toISOString(),
		data: { walletPassId: 'wp_abc456' },
	};
	return Stemp.signedDelivery(event, secret, 'dlv_1');
}

afterEach(() => {
	const secrets = endpoints().map((endpoint) => endpoint.secret);
	if (secrets.length > 0) expectNoSecrets(logLines.join('\n'), secretForms(...secrets));
});

describe('activation (create)', () => {
	test('creates one endpoint for the Production URL and the chosen events; keeps its ID and secret in static data', async () => {
		const node = trigger();
		expect(await node.lifecycle('checkExists')).toBe(false);
		expect(await node.lifecycle('create')).toBe(true);
		expect(endpoints()).toEqual([
			expect.objectContaining({
				url: PRODUCTION_URL,
				eventTypes: ['pass.created', 'stamp.card_completed'],
				isActive: true,
			}),
		]);
		const [endpoint] = endpoints();
		expect(node.nodeStaticData).toEqual({
			endpointId: endpoint.id,
			endpointSecret: endpoint.secret,
		});
		expect(api.requests({ method: 'POST' })).toMatchObject([
			{
				path: '/webhooks/endpoints',
				body: {
					url: PRODUCTION_URL,
					eventTypes: ['pass.created', 'stamp.card_completed'],
					description: expect.stringMatching(/^n8n workflow trigger-workflow-/),
				},
			},
		]);
		expect(await node.lifecycle('checkExists')).toBe(true);
	});

	test('All Events subscribes to every event type stemp lists', async () => {
		const node = trigger({ events: ['*'] });
		await node.lifecycle('create');
		expect(endpoints()[0].eventTypes).toHaveLength(10);
		expect(endpoints()[0].eventTypes).toContain('points.added');
	});

	test('an http n8n gets a clear error naming WEBHOOK_URL, and nothing is sent', async () => {
		const node = trigger(undefined, {
			typeVersion: 2,
			webhookBaseUrl: 'http://localhost:5678/webhook',
		});
		await expect(node.lifecycle('create')).rejects.toMatchObject({
			message:
				"stemp accepts only https webhook URLs, and this n8n's webhook URL is http://localhost:5678/webhook/f2c1a7d0-0000-4000-8000-000000000001/webhook: set WEBHOOK_URL (N8N_WEBHOOK_URL in n8n 2.x) to n8n's public https address",
			description: expect.stringContaining('Set the WEBHOOK_URL environment variable'),
		});
		expect(api.requests()).toEqual([]);
	});

	test('no event chosen is refused before anything is sent', async () => {
		await expect(trigger({ events: [] }).lifecycle('create')).rejects.toThrow(
			'Choose at least one event to register',
		);
		expect(api.requests()).toEqual([]);
	});

	test("stemp's refusal (an event type it does not know) fails the activation with stemp's message", async () => {
		await expect(trigger({ events: ['coupon.created'] }).lifecycle('create')).rejects.toThrow(
			/Validation failed: eventTypes: unknown event types: coupon.created/,
		);
		expect(endpoints()).toEqual([]);
	});

	test('endpoints left over for this URL (an earlier activation whose deactivation failed) are removed first', async () => {
		const stale = trigger();
		await stale.lifecycle('create');
		const leftover = endpoints()[0].id;
		// The same node, its static data lost.
		const node = trigger();
		node.workflowId = stale.workflowId;
		await node.lifecycle('create');
		expect(endpoints().map((endpoint) => endpoint.id)).not.toContain(leftover);
		expect(endpoints()).toHaveLength(1);
	});

	test('a 5xx after stemp created the endpoint: it is found by its URL, deleted and created once more; one endpoint remains', async () => {
		api.inject({
			vendor: 'stemp',
			method: 'POST',
			path: '/webhooks/endpoints',
			kind: 502,
			phase: 'after',
			times: 1,
		});
		const node = trigger();
		expect(await node.lifecycle('create')).toBe(true);
		expect(endpoints()).toHaveLength(1);
		expect(node.nodeStaticData).toEqual({
			endpointId: endpoints()[0].id,
			endpointSecret: endpoints()[0].secret,
		});
		expect(routes().filter((route) => route.startsWith('POST'))).toHaveLength(2);
	});

	test('an answer without the signing secret: the endpoint is deleted again and activation fails', async () => {
		const original = api.stemp.handle.bind(api.stemp);
		api.stemp.handle = (request) => {
			const reply = original(request);
			if (request.method === 'POST' && request.path === '/webhooks/endpoints')
				return { ...reply, body: { ...(reply.body as object), secret: undefined } };
			return reply;
		};
		await expect(trigger().lifecycle('create')).rejects.toThrow(
			'stemp created the webhook endpoint but sent no ID or signing secret with it',
		);
		expect(endpoints()).toEqual([]);
	});
});

describe('checkExists on every start: deleted, changed or foreign endpoints', () => {
	test('an endpoint deleted in stemp is created again (a new ID and secret)', async () => {
		const node = trigger();
		await node.lifecycle('create');
		const first = { ...node.nodeStaticData };
		api.stemp.endpoints.clear();
		expect(await node.lifecycle('checkExists')).toBe(false);
		await node.lifecycle('create');
		expect(endpoints()).toHaveLength(1);
		expect(node.nodeStaticData.endpointId).not.toBe(first.endpointId);
		expect(node.nodeStaticData.endpointSecret).toBe(endpoints()[0].secret);
	});

	test('changed events: the same endpoint is updated and keeps its secret', async () => {
		const node = trigger();
		await node.lifecycle('create');
		const kept = { ...node.nodeStaticData };
		const changed = trigger({ events: ['user.created'] });
		changed.workflowId = node.workflowId;
		changed.staticData = node.staticData;
		expect(await changed.lifecycle('checkExists')).toBe(false);
		await changed.lifecycle('create');
		expect(endpoints()).toEqual([
			expect.objectContaining({ id: kept.endpointId, eventTypes: ['user.created'] }),
		]);
		expect(changed.nodeStaticData).toEqual(kept);
		expect(api.requests({ method: 'PATCH' })).toHaveLength(1);
	});

	test('an endpoint switched off in stemp is switched on again', async () => {
		const node = trigger();
		await node.lifecycle('create');
		endpoints()[0].isActive = false;
		expect(await node.lifecycle('checkExists')).toBe(false);
		await node.lifecycle('create');
		expect(endpoints()[0].isActive).toBe(true);
	});

	test('static data naming a foreign endpoint (another URL): never changed or deleted; this node gets its own', async () => {
		const foreign = trigger();
		foreign.workflowId = 'another-workflow';
		await foreign.lifecycle('create');
		const other = endpoints()[0];
		other.url = 'https://elsewhere.example.com/webhook/abc';
		const node = trigger();
		node.staticData = foreign.staticData;
		expect(await node.lifecycle('checkExists')).toBe(false);
		await node.lifecycle('create');
		expect(endpoints()).toHaveLength(2);
		expect(api.stemp.endpoints.get(other.id)).toMatchObject({
			url: 'https://elsewhere.example.com/webhook/abc',
		});
		await node.lifecycle('delete');
		expect(endpoints().map((endpoint) => endpoint.id)).toEqual([other.id]);
		expect(api.requests({ method: 'PATCH' })).toEqual([]);
	});

	test("a gateway's 404 (not stemp's own) proves nothing: checkExists fails and keeps the endpoint ID", async () => {
		const node = trigger();
		await node.lifecycle('create');
		const kept = { ...node.nodeStaticData };
		api.inject({
			vendor: 'stemp',
			method: 'GET',
			kind: 404,
			times: 1,
			body: '<html>Not Found</html>',
		});
		await expect(node.lifecycle('checkExists')).rejects.toMatchObject({ httpCode: '404' });
		expect(node.nodeStaticData).toEqual(kept);
		api.contractViolations.length = 0;
	});

	test("an endpoint ID that would change the path is one encoded segment, and stemp's 404 for it means absent", async () => {
		const node = trigger();
		node.staticData = {
			'node:Trigger': { endpointId: '../organization', endpointSecret: 'x-secret-1' },
		};
		expect(await node.lifecycle('checkExists')).toBe(false);
		expect(api.requests()[0].rawPath).toBe('/webhooks/endpoints/..%2Forganization');
	});
});

describe('deactivation (delete)', () => {
	test("deletes this node's endpoint and forgets its ID and secret", async () => {
		const node = trigger();
		await node.lifecycle('create');
		expect(await node.lifecycle('delete')).toBe(true);
		expect(endpoints()).toEqual([]);
		expect(node.nodeStaticData).toEqual({});
	});

	test('an endpoint already gone from stemp: nothing to delete, forgotten', async () => {
		const node = trigger();
		await node.lifecycle('create');
		api.stemp.endpoints.clear();
		expect(await node.lifecycle('delete')).toBe(true);
		expect(node.nodeStaticData).toEqual({});
		expect(api.requests({ method: 'DELETE' })).toEqual([]);
	});

	test('a failure keeps the ID, so the next activation reuses the endpoint instead of adding one', async () => {
		const node = trigger();
		await node.lifecycle('create');
		api.inject({ vendor: 'stemp', method: 'DELETE', kind: 503, times: 10 });
		await expect(node.lifecycle('delete')).rejects.toMatchObject({ httpCode: '503' });
		expect(node.nodeStaticData.endpointId).toBe(endpoints()[0].id);
		api.reset();
	});
});

describe('deliveries, verified with the registered endpoint secret', () => {
	test("a delivery signed with the endpoint's secret starts the workflow, marked verified", async () => {
		const node = trigger();
		await node.lifecycle('create');
		const result = await node.deliver(delivery(endpoints()[0].secret));
		expect(result.status).toBe(200);
		expect(result.items).toEqual([
			expect.objectContaining({
				event: 'stamp.card_completed',
				deliveryId: 'evt_1',
				verified: true,
			}),
		]);
		// A replay of the same delivery starts nothing.
		const replay = await node.deliver(delivery(endpoints()[0].secret));
		expect(replay.response).toMatchObject({ started: false, reason: 'repeated delivery' });
	});

	test("a delivery signed with the credential's secret (or forged) is refused: only the endpoint's counts", async () => {
		const node = trigger(undefined, undefined, { webhookSigningSecret: 'credential-secret-42' });
		await node.lifecycle('create');
		expect((await node.deliver(delivery('credential-secret-42'))).status).toBe(401);
		expect((await node.deliver(delivery('forged-secret-0000'))).status).toBe(401);
	});

	test('after re-registration the old secret no longer verifies', async () => {
		const node = trigger();
		await node.lifecycle('create');
		const old = endpoints()[0].secret;
		api.stemp.endpoints.clear();
		await node.lifecycle('checkExists');
		await node.lifecycle('create');
		expect((await node.deliver(delivery(old, 'stamp.card_completed', 'evt_old'))).status).toBe(401);
		expect((await node.deliver(delivery(endpoints()[0].secret))).status).toBe(200);
	});

	test('registered automatically but no secret kept (and none in the credential): every delivery is refused', async () => {
		const result = await trigger().deliver(delivery('anything-0000'));
		expect(result).toMatchObject({
			status: 401,
			response: {
				received: false,
				started: false,
				error: expect.stringContaining('deactivate and activate'),
			},
		});
	});

	test('an event type stemp lists beyond the documented ones starts the workflow when selected', async () => {
		const node = trigger({ events: ['points.added'] });
		await node.lifecycle('create');
		const result = await node.deliver(delivery(endpoints()[0].secret, 'points.added'));
		expect(result.items?.[0]).toMatchObject({ event: 'points.added', verified: true });
		const other = await node.deliver(delivery(endpoints()[0].secret, 'points.redeemed', 'evt_2'));
		expect(other.response).toMatchObject({ started: false });
	});

	test('a body echoing the endpoint secret shows [redacted] in the item', async () => {
		const node = trigger();
		await node.lifecycle('create');
		const { secret } = endpoints()[0];
		const event: WebhookEvent = {
			id: 'evt_echo',
			type: 'stamp.card_completed',
			timestamp: new Date().toISOString(),
			data: { note: `secret is ${secret}` },
		};
		const result = await node.deliver(Stemp.signedDelivery(event, secret, 'dlv_9'));
		expect(JSON.stringify(result.items)).not.toContain(secret);
		expect(JSON.stringify(result.items)).toContain('[redacted]');
	});
});

describe('node versions: saved triggers keep manual registration', () => {
	test('version 1 (saved triggers) reads Manual: activation records it and calls nothing', async () => {
		const node = trigger(
			{ events: ['stamp.card_completed'] },
			{ typeVersion: 1, webhookBaseUrl: HTTPS_BASE },
		);
		expect(await node.lifecycle('create')).toBe(true);
		expect(api.requests()).toEqual([]);
		expect(node.nodeStaticData.webhookUrl).toBe(PRODUCTION_URL);
	});

	test('version 1 with the credential secret verifies as before', async () => {
		const node = trigger(
			{ events: ['stamp.card_completed'] },
			{ typeVersion: 1 },
			{ webhookSigningSecret: 'credential-secret-42' },
		);
		expect((await node.deliver(delivery('credential-secret-42'))).status).toBe(200);
	});

	test('version 2 set to Manual behaves like version 1 (an http n8n is fine then)', async () => {
		const node = trigger(
			{ registration: 'manual', events: ['stamp.card_completed'] },
			{ typeVersion: 2, webhookBaseUrl: 'http://localhost:5678/webhook' },
		);
		expect(await node.lifecycle('create')).toBe(true);
		expect(api.requests()).toEqual([]);
	});

	test('the Registration default is Automatic on version 2 and Manual on version 1; its notices follow it', async () => {
		const { description } = (await loadPackage()).getNode('stempTrigger').type as INodeType;
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
		const registration = description.properties.filter(
			(property) => property.name === 'registration',
		);
		expect(
			registration.map((property) => [
				property.default,
				property.displayOptions?.show?.['@version'],
			]),
		).toEqual([
			['automatic', [2]],
			['manual', [1]],
		]);
		const notice = description.properties.find((property) => property.name === 'secretNotice');
		expect(notice?.displayOptions?.show).toEqual({ registration: ['manual'] });
		expect(notice?.displayName).not.toMatch(/^Set a Webhook Signing Secret/);
	});
});

describe('the Events list of version 2: the documented events and every type stemp lists', () => {
	async function eventOptions(token = STEMP_TOKEN) {
		const loader = await loadPackage();
		const nodeType = loader.getNode('stempTrigger').type as INodeType;
		const node: INode = {
			id: 'load-options-node',
			name: 'Trigger',
			type: `${PACKAGE_NAME}.stempTrigger`,
			typeVersion: 2,
			position: [0, 0],
			parameters: {},
			credentials: { stempApi: { id: 'stempApi-id', name: 'stempApi' } },
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: new PackageNodeTypes(loader),
		});
		const additionalData = createAdditionalData(
			loader,
			{ stempApi: { apiToken: token, baseUrl: api.stempUrl } },
			[node],
		);
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.events');
		const method = nodeType.methods!.loadOptions!.getEventTypes as (
			this: ILoadOptionsFunctions,
		) => Promise<INodePropertyOptions[]>;
		return await method.call(context);
	}

	test('All Events first, then every event by name, the listed ones beyond the documented included', async () => {
		const options = await eventOptions();
		expect(options[0]).toMatchObject({ value: '*', name: 'All Events' });
		expect(options.map((option) => option.value)).toEqual(
			expect.arrayContaining([
				'stamp.card_completed',
				'user.deleted',
				'points.added',
				'points.redeemed',
			]),
		);
		expect(options).toHaveLength(11);
		expect(api.requests()).toMatchObject([{ method: 'GET', path: '/webhooks/event-types' }]);
	});

	test('a wrong token: the 401 surfaces (the editor shows it), the token nowhere', async () => {
		await expect(eventOptions('wrong-token-7777')).rejects.toMatchObject({ httpCode: '401' });
	});
});
