import { createHmac, createHash, timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookDescription,
	IWebhookResponseData,
	INodeProperties,
} from 'n8n-workflow';

import { redactValue, secretsOf } from './redaction';

/** Compares two secrets in constant time; different lengths are unequal without comparing content. */
export function secretsMatch(received: string, expected: string): boolean {
	const a = Buffer.from(received, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

export function hmacSha256Hex(secret: string, payload: Buffer): string {
	return createHmac('sha256', secret).update(payload).digest('hex');
}

export function sha256Hex(payload: string | Buffer): string {
	return createHash('sha256').update(payload).digest('hex');
}

/**
 * The request body exactly as it arrived. Signatures are computed over these bytes, never over JSON that was
 * parsed and serialised again (key order, spacing and escapes would differ). n8n keeps them as `rawBody`.
 */
function rawBodyOf(ctx: IWebhookFunctions): Buffer | undefined {
	const { rawBody } = ctx.getRequestObject() as unknown as { rawBody?: Buffer | string };
	if (Buffer.isBuffer(rawBody)) return rawBody;
	if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
	return undefined;
}

/** The raw body as a JSON object, or undefined when it is not one. */
function parseJsonObject(raw: Buffer): IDataObject | undefined {
	try {
		const value: unknown = JSON.parse(raw.toString('utf8'));
		return value !== null && typeof value === 'object' && !Array.isArray(value)
			? (value as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

export function headerOf(ctx: IWebhookFunctions, name: string): string | undefined {
	const value = ctx.getHeaderData()[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first !== '' ? first : undefined;
}

/**
 * The webhook both triggers register. n8n answers a delivery that starts an execution (response mode
 * "onReceived") with the description's `responseData`, and when that is not declared it falls back to the
 * text "firstEntryJson" (n8n 1.x and 2.x alike) before it looks at the `webhookResponse` the node returned. An
 * empty `responseData` ("nothing declared") lets the node's own JSON answer through, so every delivery is
 * answered with JSON: started, ignored or refused.
 */
export const deliveryWebhook: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	responseData: '',
	path: 'webhook',
};

/** Every answer a sender gets has this shape, whether the delivery started a run, was ignored or refused. */
interface DeliveryAnswer extends IDataObject {
	received: boolean;
	started: boolean;
}

/** Answers the delivery ourselves (no execution starts) and tells n8n not to answer again. */
export function answer(
	ctx: IWebhookFunctions,
	status: number,
	body: DeliveryAnswer,
): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/** A refusal: the delivery was not accepted, and why. */
function refuse(ctx: IWebhookFunctions, status: number, error: string): IWebhookResponseData {
	return answer(ctx, status, { received: false, started: false, error });
}

/** Whether an event passes the node's Events selection; events the node does not know pass only with `*`. */
function isEventSelected(event: string, selected: string[], known: readonly string[]): boolean {
	if (selected.includes('*')) return true;
	return known.includes(event) && selected.includes(event);
}

interface DeliveryMemory {
	/** How long a delivery is remembered: longer than a day, which the vendors' retry schedules stay within. */
	ttlMs: number;
	/** How many deliveries are remembered at most; the oldest are forgotten first. */
	maxEntries: number;
}

export const deliveryMemory: DeliveryMemory = { ttlMs: 48 * 60 * 60 * 1000, maxEntries: 2000 };

/**
 * Deliveries seen by this process, per trigger node. Checking and recording are one synchronous step, so within
 * one n8n process a repeat is caught even when both copies arrive at the same moment.
 */
const seenInProcess = new Map<string, Map<string, number>>();

/** Forgets what this process has seen, as a restart would (static data is kept). */
export function forgetDeliveriesSeenInProcess(): void {
	seenInProcess.clear();
}

/**
 * The stored record with `key` added at `now`: entries older than the TTL dropped, the newest `maxEntries`
 * kept, oldest first. The record is written oldest first, so normally the new key goes at the end and what has
 * to go is at the front: one pass, changed in place (n8n runs this for every delivery, with up to 2,000
 * entries). A record out of time order (the clock went back) or a key seen before (an expired one) is sorted
 * into a new record instead, with the same result.
 */
function recordDelivery(
	stored: Record<string, number>,
	key: string,
	now: number,
	ttlMs: number,
	rememberFrom: number = now,
): Record<string, number> {
	if (key in stored) return sortedRecord({ ...stored, [key]: rememberFrom }, now, ttlMs);
	stored[key] = rememberFrom;
	const keys = Object.keys(stored);
	for (let index = 1; index < keys.length; index++) {
		if (stored[keys[index]] < stored[keys[index - 1]]) return sortedRecord(stored, now, ttlMs);
	}
	let drop = 0;
	while (
		drop < keys.length &&
		(now - stored[keys[drop]] >= ttlMs || keys.length - drop > deliveryMemory.maxEntries)
	)
		drop++;
	for (let index = 0; index < drop; index++) delete stored[keys[index]];
	return stored;
}

function sortedRecord(
	stored: Record<string, number>,
	now: number,
	ttlMs: number,
): Record<string, number> {
	return Object.fromEntries(
		Object.entries(stored)
			.filter(([, at]) => now - at < ttlMs)
			.sort((a, b) => a[1] - b[1])
			.slice(-deliveryMemory.maxEntries),
	);
}

/**
 * Records a delivery and tells whether it was seen before, in this process's memory and in the workflow's
 * static data. n8n 2.41 does not save static data that a webhook changed when the webhook starts an execution,
 * so in practice the memory decides: a repeat after a restart, or at another n8n process (queue mode with
 * several webhook processes), is not recognised. The README says so and names Remove Duplicates.
 * The delivery is remembered for `ttlMs` from `rememberFrom`: now, or its signed time when that lies ahead, so
 * that a delivery signed in the future is still remembered until its own time is older than the accepted age.
 */
export function isRepeatDelivery(
	ctx: IWebhookFunctions,
	deliveryKey: string,
	now: number = Date.now(),
	ttlMs: number = deliveryMemory.ttlMs,
	rememberFrom: number = now,
): boolean {
	const staticData = ctx.getWorkflowStaticData('node');
	const stored = (staticData.deliveries ?? {}) as Record<string, number>;
	// Test deliveries (the editor's "Listen for test event") are kept apart from production ones.
	const memoryKey = `${ctx.getWorkflow().id ?? ''}/${ctx.getNode().id}/${ctx.getMode()}`;
	const memory = seenInProcess.get(memoryKey) ?? new Map<string, number>();
	seenInProcess.set(memoryKey, memory);

	const seenAt = stored[deliveryKey] ?? memory.get(deliveryKey);
	const repeat = seenAt !== undefined && now - seenAt < ttlMs;

	memory.set(deliveryKey, Math.max(now, rememberFrom, seenAt ?? now));
	for (const [key, at] of memory) if (now - at >= ttlMs) memory.delete(key);
	if (memory.size > deliveryMemory.maxEntries) memory.delete(memory.keys().next().value as string);

	// Assigned even when changed in place: the assignment is what tells n8n to save the static data.
	if (!repeat)
		staticData.deliveries = recordDelivery(
			stored,
			deliveryKey,
			now,
			ttlMs,
			Math.max(now, rememberFrom),
		);
	return repeat;
}

/**
 * The webhook lifecycle of a trigger whose vendor has no API to register webhooks: the user pastes the URL
 * into the vendor's dashboard. Activation is recorded in the node's static data and nothing remote is called.
 * Both triggers use it as their `webhookMethods`.
 */
export const recordedActivationMethods = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const staticData = this.getWorkflowStaticData('node');
			return staticData.webhookUrl === this.getNodeWebhookUrl('default');
		},

		async create(this: IHookFunctions): Promise<boolean> {
			const staticData = this.getWorkflowStaticData('node');
			staticData.webhookUrl = this.getNodeWebhookUrl('default');
			staticData.activatedAt = new Date().toISOString();
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			const staticData = this.getWorkflowStaticData('node');
			delete staticData.webhookUrl;
			delete staticData.activatedAt;
			return true;
		},
	},
};

/** One event a trigger offers: the saved value, the option's name, what the delivery carries. */
export interface TriggerEvent {
	value: string;
	name: string;
	description: string;
	/** The vendor's own name for it where that differs (e.g. a topic header's category). */
	topic?: string;
}

/** The `events` multi-select: All Events, then every known event, sorted by name. */
export function eventsProperty(events: readonly TriggerEvent[]): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		description:
			'The events that start the workflow; other deliveries are acknowledged and ignored',
		options: [
			{
				name: 'All Events',
				value: '*',
				description: 'Every event, also ones this node does not know yet',
			},
			...[...events]
				.sort((a, b) => a.name.localeCompare(b.name))
				.map(({ name, value, description }) => ({ name, value, description })),
		],
	};
}

/** A receiver's verdict on a delivery's age: refused, or accepted and remembered from a time for a while. */
export type Freshness =
	| { refusal: { status: number; error: string } }
	| { rememberForMs: number; rememberFrom: number };

/** What a trigger needs to know about its vendor's webhook deliveries. */
export interface WebhookReceiver {
	/** Shown in log lines: the trigger node's name. */
	name: string;
	credentialType: string;
	/** The credential field holding the secret; an empty secret means deliveries are not checked. */
	secretField: string;
	/**
	 * The secret deliveries are checked with when it is not the credential's (e.g. one a trigger keeps in its
	 * static data after registering itself with the vendor); undefined reads `secretField`.
	 */
	secretOf?(ctx: IWebhookFunctions): string | undefined;
	/** Every credential field whose value must never appear in an output item (the secret field included). */
	secretFields: readonly string[];
	/** The events the node offers; any other passes only the "All Events" (`*`) filter. */
	knownEvents: readonly string[];
	/** The answer to a delivery that fails the check. */
	refusal: string;
	isAuthentic(ctx: IWebhookFunctions, rawBody: Buffer, secret: string): boolean;
	eventOf(ctx: IWebhookFunctions, body: IDataObject): string;
	/** What identifies a delivery across the vendor's retries; undefined when nothing does. */
	deliveryKeyOf(ctx: IWebhookFunctions, body: IDataObject, rawBody: Buffer): string | undefined;
	/**
	 * For vendors whose signature covers the time of sending: whether a delivery is recent enough to accept, and
	 * how long it must then be remembered. Asked only when a secret is set and the delivery passed its check.
	 */
	freshness?(ctx: IWebhookFunctions, body: IDataObject, now: number): Freshness;
	itemOf(ctx: IWebhookFunctions, body: IDataObject, event: string, verified: boolean): IDataObject;
}

/**
 * Handles one delivery, answering at once: 401 when a secret is set and the delivery fails its check, 400
 * when the body is not a JSON object, 200 without an execution for an unselected event or a repeat, and
 * otherwise starts the workflow with one item. Every answer is JSON `{received, started, ...}`: `error` on a
 * refusal, `reason` when ignored, `event` when a run started.
 */
export async function receiveDelivery(
	ctx: IWebhookFunctions,
	receiver: WebhookReceiver,
): Promise<IWebhookResponseData> {
	const credentials = await ctx.getCredentials(receiver.credentialType);
	const fromCredential = credentials[receiver.secretField];
	const secret =
		receiver.secretOf?.(ctx) ?? (typeof fromCredential === 'string' ? fromCredential : '');
	const rawBody = rawBodyOf(ctx) ?? Buffer.alloc(0);

	if (secret && !receiver.isAuthentic(ctx, rawBody, secret)) {
		ctx.logger.warn(`${receiver.name} refused a delivery: ${receiver.refusal}`);
		return refuse(ctx, 401, receiver.refusal);
	}
	if (rawBody.length === 0) return refuse(ctx, 400, 'The delivery has no body');
	const body = parseJsonObject(rawBody);
	if (!body) return refuse(ctx, 400, 'The delivery body is not a JSON object');

	const now = Date.now();
	let memoryTtlMs = deliveryMemory.ttlMs;
	let rememberFrom = now;
	if (secret && receiver.freshness) {
		const verdict = receiver.freshness(ctx, body, now);
		if ('refusal' in verdict) {
			ctx.logger.warn(`${receiver.name} refused a delivery: ${verdict.refusal.error}`);
			return refuse(ctx, verdict.refusal.status, verdict.refusal.error);
		}
		// Remembered at least as long as it is accepted, so a replay is either remembered or too old.
		memoryTtlMs = Math.max(memoryTtlMs, verdict.rememberForMs);
		rememberFrom = verdict.rememberFrom;
	}

	const event = receiver.eventOf(ctx, body);
	if (
		!isEventSelected(event, ctx.getNodeParameter('events', []) as string[], receiver.knownEvents)
	) {
		return answer(ctx, 200, {
			received: true,
			started: false,
			reason: `event "${event}" is not selected`,
		});
	}
	const deliveryKey = receiver.deliveryKeyOf(ctx, body, rawBody);
	if (deliveryKey && isRepeatDelivery(ctx, deliveryKey, now, memoryTtlMs, rememberFrom)) {
		return answer(ctx, 200, { received: true, started: false, reason: 'repeated delivery' });
	}
	// A body that carries a credential value (an echo, a misconfigured sender) never puts it into the item.
	const item = redactValue(receiver.itemOf(ctx, body, event, secret !== ''), [
		...secretsOf(credentials, receiver.secretFields),
		...secretsOf({ secret }, ['secret']),
	]);
	// n8n sends this answer once the execution is registered (see deliveryWebhook).
	const accepted: DeliveryAnswer = { received: true, started: true, event };
	return { workflowData: [[{ json: item }]], webhookResponse: accepted };
}
