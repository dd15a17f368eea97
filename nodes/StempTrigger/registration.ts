import type {
	IDataObject,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiClient } from '../core/request';
import { mayHaveBeenApplied } from '../core/request';
import { settled } from '../Stemp/actions/fields';
import { isStempNotFound, openStempApi, readWholeList, stempPath } from '../Stemp/transport';

/**
 * The stemp Trigger's automatic registration (`registration: automatic`): n8n's webhook lifecycle creates one
 * stemp webhook endpoint (`POST webhooks/endpoints`) for the workflow's webhook URL and the chosen events, keeps
 * its ID and signing secret in the node's static data (`endpointId`, `endpointSecret`), checks it is still
 * there, re-creates it when it was deleted in stemp, and deletes it on deactivation. The secret is never output
 * or logged; deliveries are verified with it.
 *
 * An endpoint ID in the static data is only ever changed or deleted when stemp says that endpoint has this
 * node's URL: one that points elsewhere (static data copied from another workflow, say) is left alone.
 */

const ENDPOINTS_PATH = '/webhooks/endpoints';
const EVENT_TYPES_PATH = '/webhooks/event-types';

/** What the node keeps between activation and deliveries. */
interface RegistrationData extends IDataObject {
	endpointId?: string;
	endpointSecret?: string;
}

export type Registration = 'automatic' | 'manual';

export function registrationOf(ctx: IHookFunctions | IWebhookFunctions): Registration {
	return ctx.getNodeParameter('registration', 'manual') === 'automatic' ? 'automatic' : 'manual';
}

const dataOf = (ctx: IHookFunctions | IWebhookFunctions) =>
	ctx.getWorkflowStaticData('node') as RegistrationData;

function forget(data: RegistrationData): void {
	delete data.endpointId;
	delete data.endpointSecret;
}

/** The secret the endpoint this node registered signs deliveries with; undefined when there is none. */
export function endpointSecretOf(ctx: IWebhookFunctions): string | undefined {
	const secret = dataOf(ctx).endpointSecret;
	return typeof secret === 'string' && secret !== '' ? secret : undefined;
}

/** The URL stemp must deliver to: the workflow's production URL (the test URL while the editor listens). */
function webhookUrlOf(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave this trigger no webhook URL');
	let protocol: string;
	try {
		protocol = new URL(url).protocol;
	} catch {
		protocol = '';
	}
	if (protocol !== 'https:') {
		throw new NodeOperationError(
			ctx.getNode(),
			`stemp accepts only https webhook URLs, and this n8n's webhook URL is ${url}: set WEBHOOK_URL (N8N_WEBHOOK_URL in n8n 2.x) to n8n's public https address`,
			{
				description:
					"Set the WEBHOOK_URL environment variable of n8n (N8N_WEBHOOK_URL in n8n 2.x) to its public https address (e.g. https://n8n.example.com/, behind a reverse proxy or a tunnel) and restart n8n, then activate the workflow again. Or set the trigger's Registration to Manual and add the endpoint in the stemp developer portal yourself.",
			},
		);
	}
	return url;
}

/** Every event type stemp lists (`GET webhooks/event-types`), by its `type`. */
export async function listedEventTypes(api: ApiClient): Promise<IDataObject[]> {
	return (await readWholeList(api, EVENT_TYPES_PATH, undefined)).filter(
		(entry) => typeof entry.type === 'string' && entry.type !== '',
	);
}

/** The event types the endpoint subscribes to: the ones chosen, or every type stemp lists for All Events. */
async function wantedEventTypes(ctx: IHookFunctions, api: ApiClient): Promise<string[]> {
	const chosen = (ctx.getNodeParameter('events', []) as unknown[]).filter(
		(event): event is string => typeof event === 'string' && event !== '',
	);
	if (chosen.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event to register', {
			description: 'stemp registers an endpoint for the events it names.',
		});
	}
	const types = chosen.includes('*')
		? (await listedEventTypes(api)).map((entry) => String(entry.type))
		: chosen;
	return [...new Set(types)].sort();
}

const sameEvents = (a: unknown, b: string[]) =>
	Array.isArray(a) && JSON.stringify([...a].map(String).sort()) === JSON.stringify(b);

/** The endpoint stemp holds under `id`, or undefined when stemp says it has none (its own 404). */
async function endpointById(api: ApiClient, id: string): Promise<IDataObject | undefined> {
	const outcome = await settled(
		async () =>
			(await api.request({
				method: 'GET',
				path: stempPath('webhooks', 'endpoints', id),
				idempotent: true,
			})) as IDataObject,
	);
	if (!('error' in outcome)) return outcome.value;
	if (isStempNotFound(outcome.error, 'WEBHOOK_ENDPOINT')) return undefined;
	throw outcome.error;
}

/** n8n asks on activation (and on every start of an active workflow) whether the endpoint is still in place. */
export async function checkExists(ctx: IHookFunctions): Promise<boolean> {
	const data = dataOf(ctx);
	if (!data.endpointId || !data.endpointSecret) return false;
	const url = webhookUrlOf(ctx);
	const api = await openStempApi(ctx);
	const endpoint = await endpointById(api, data.endpointId);
	if (!endpoint) {
		ctx.logger.info(
			`stemp Trigger: webhook endpoint ${data.endpointId} is gone from stemp; it is created again`,
		);
		forget(data);
		return false;
	}
	if (endpoint.url !== url) {
		// Not this node's endpoint: never changed or deleted from here.
		ctx.logger.info(
			`stemp Trigger: webhook endpoint ${data.endpointId} points elsewhere; a new one is created for this workflow`,
		);
		forget(data);
		return false;
	}
	return (
		endpoint.isActive !== false && sameEvents(endpoint.eventTypes, await wantedEventTypes(ctx, api))
	);
}

/**
 * Registers the endpoint. An endpoint of this node that is still there (events changed, or switched off in
 * stemp) is updated and keeps its secret. Otherwise leftovers for this exact URL (an earlier activation whose
 * deactivation did not go through) are deleted, so that stemp does not deliver twice, and one endpoint is
 * created, exactly once: after an ambiguous failure the endpoints are listed before anything is sent again.
 */
export async function create(ctx: IHookFunctions): Promise<boolean> {
	const url = webhookUrlOf(ctx);
	const api = await openStempApi(ctx);
	const eventTypes = await wantedEventTypes(ctx, api);
	const data = dataOf(ctx);

	if (data.endpointId && data.endpointSecret) {
		const endpoint = await endpointById(api, data.endpointId);
		if (endpoint && endpoint.url === url) {
			await api.request({
				method: 'PATCH',
				path: stempPath('webhooks', 'endpoints', data.endpointId),
				body: { eventTypes, isActive: true },
				idempotent: true,
			});
			return true;
		}
		forget(data);
	}

	await deleteEndpointsFor(api, url);
	const workflow = ctx.getWorkflow();
	const body: IDataObject = {
		url,
		eventTypes,
		description: `n8n workflow ${workflow.id ?? ''} (${String(workflow.name ?? '').slice(0, 100)})`,
	};
	const created = await createOnce(api, body, url);
	const id = typeof created.id === 'string' ? created.id : undefined;
	const secret = typeof created.secret === 'string' ? created.secret : undefined;
	if (!id || !secret) {
		if (id) await deleteEndpoint(api, id);
		throw new NodeOperationError(
			ctx.getNode(),
			'stemp created the webhook endpoint but sent no ID or signing secret with it',
			{
				description:
					"Without the secret deliveries cannot be verified, so the endpoint was deleted again. Try activating once more; if it keeps happening, set Registration to Manual and put the endpoint's signing secret into the credential.",
			},
		);
	}
	data.endpointId = id;
	data.endpointSecret = secret;
	ctx.logger.info(
		`stemp Trigger: registered webhook endpoint ${id} for ${eventTypes.length} event types`,
	);
	return true;
}

/** Deletes every endpoint stemp holds for `url` (this node's own, left over). */
async function deleteEndpointsFor(api: ApiClient, url: string): Promise<void> {
	for (const endpoint of await readWholeList(api, ENDPOINTS_PATH, undefined)) {
		if (endpoint.url === url && typeof endpoint.id === 'string')
			await deleteEndpoint(api, endpoint.id);
	}
}

/** `DELETE webhooks/endpoints/{id}`; stemp's own 404 means it is gone already. */
async function deleteEndpoint(api: ApiClient, id: string): Promise<void> {
	const outcome = await settled(
		async () =>
			await api.request({
				method: 'DELETE',
				path: stempPath('webhooks', 'endpoints', id),
				idempotent: true,
			}),
	);
	if ('error' in outcome && !isStempNotFound(outcome.error, 'WEBHOOK_ENDPOINT'))
		throw outcome.error;
}

/**
 * `POST webhooks/endpoints`, never sent twice blindly: after an ambiguous failure the endpoints for this URL are
 * looked up; one found was created by the first attempt, but stemp shows a secret only in the answer to the
 * create, so it is deleted and the create sent once more.
 */
async function createOnce(api: ApiClient, body: IDataObject, url: string): Promise<IDataObject> {
	const send = async () =>
		(await api.request({
			method: 'POST',
			path: ENDPOINTS_PATH,
			body,
			idempotent: false,
		})) as IDataObject;
	const first = await settled(send);
	if (!('error' in first)) return first.value;
	if (!mayHaveBeenApplied(first.error)) throw first.error;
	await deleteEndpointsFor(api, url);
	return await send();
}

/**
 * On deactivation: deletes the endpoint when stemp says it is this node's (its URL), forgets it either way. A
 * failure keeps the ID, so the next activation finds and reuses the endpoint instead of adding a second one.
 */
export async function remove(ctx: IHookFunctions): Promise<boolean> {
	const data = dataOf(ctx);
	if (!data.endpointId) {
		forget(data);
		return true;
	}
	const url = ctx.getNodeWebhookUrl('default');
	const api = await openStempApi(ctx);
	const endpoint = await endpointById(api, data.endpointId);
	if (endpoint && endpoint.url === url) await deleteEndpoint(api, data.endpointId);
	else if (endpoint)
		ctx.logger.info(
			`stemp Trigger: webhook endpoint ${data.endpointId} points elsewhere; left in place`,
		);
	forget(data);
	return true;
}

/** The Events options of node version 2: All Events, the documented events, and every type stemp lists. */
export async function eventTypeOptions(
	ctx: ILoadOptionsFunctions,
	documented: ReadonlyArray<{ value: string; name: string; description: string }>,
) {
	const listed = await listedEventTypes(await openStempApi(ctx));
	const byValue = new Map(documented.map((event) => [event.value, { ...event }]));
	for (const entry of listed) {
		const value = String(entry.type);
		if (byValue.has(value)) continue;
		const name = typeof entry.name === 'string' && entry.name ? entry.name : value;
		const description = typeof entry.description === 'string' ? entry.description : '';
		byValue.set(value, { value, name, description: `${description} (${value})`.trim() });
	}
	return [
		{
			name: 'All Events',
			value: '*',
			description: 'Every event, also ones this node does not know yet',
		},
		...[...byValue.values()].sort((a, b) => a.name.localeCompare(b.name)),
	];
}
