/**
 * Helpers for trigger tests against a running n8n: where a published workflow's webhooks listen, and sending
 * deliveries to them the way a vendor does (raw body, vendor headers).
 */
import crypto from 'node:crypto';

import type { N8n } from './n8n';
import { waitFor } from './processes';

export interface RegisteredWebhook {
	method: string;
	/** The node that owns the webhook. */
	node: string;
	/** The production URL, e.g. `http://127.0.0.1:5678/webhook/<webhookId>/<path>`. */
	url: string;
}

/** Rows of a read-only query on an instance's database, SQLite or Postgres (see `N8n.queryDatabase`). */
export async function queryDatabase<Row>(
	n8n: N8n,
	sql: string,
	parameters: Array<string | number> = [],
): Promise<Row[]> {
	return await n8n.queryDatabase<Row>(sql, parameters);
}

/**
 * The production webhooks n8n registered for a workflow, read from its database (table `webhook_entity`), so
 * the URL is right whatever path or `isFullPath` the node uses. The URL is on `n8n`'s port: in queue mode, pass
 * the webhook process.
 */
export async function registeredWebhooks(
	n8n: N8n,
	workflowId: string,
): Promise<RegisteredWebhook[]> {
	const rows = await queryDatabase<{ method: string; node: string; webhookPath: string }>(
		n8n,
		'SELECT method, node, "webhookPath" FROM webhook_entity WHERE "workflowId" = ?',
		[workflowId],
	);
	return rows.map((row) => ({
		method: row.method,
		node: row.node,
		url: `${n8n.baseUrl}/webhook/${row.webhookPath}`,
	}));
}

/** The one webhook a published workflow listens on (waits briefly: activation is asynchronous). */
export async function webhookUrl(n8n: N8n, workflowId: string): Promise<string> {
	return await waitFor(
		`a webhook of workflow ${workflowId}`,
		async () => {
			const hooks = await registeredWebhooks(n8n, workflowId);
			if (hooks.length > 1)
				throw new Error(`Workflow ${workflowId} has ${hooks.length} webhooks; name the node`);
			return hooks[0]?.url;
		},
		15_000,
	);
}

export interface DeliveryResult {
	status: number;
	body: string;
	/** The answer's Content-Type header, e.g. `application/json; charset=utf-8`. */
	contentType: string;
}

/**
 * POSTs a delivery. A 404 right after `n8n start` means the webhook is not live yet, so it is retried for a
 * few seconds; any other answer is returned as it came.
 */
export async function postDelivery(
	url: string,
	rawBody: string,
	headers: Record<string, string>,
): Promise<DeliveryResult> {
	return await waitFor(
		`${url} to accept deliveries`,
		async () => {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...headers },
				body: rawBody,
			});
			const body = await response.text();
			const contentType = response.headers.get('content-type') ?? '';
			return response.status === 404 ? undefined : { status: response.status, body, contentType };
		},
		10_000,
		200,
	);
}

/** stemp's signature header value: `sha256=<hex HMAC-SHA256(secret, raw body)>`. */
export function stempSignature(secret: string, rawBody: string): string {
	return 'sha256=' + crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
}

/**
 * A delivery as stemp sends it: body `{id, type, timestamp, data}`, headers X-Stemp-Event, X-Stemp-Delivery and
 * X-Stemp-Signature (signed with `secret`; `signature` overrides it, `null` leaves it out).
 */
export function sendStempDelivery(
	url: string,
	delivery: { id: string; type: string; data: Record<string, unknown>; timestamp?: string },
	options: { secret: string; signature?: string | null },
): Promise<DeliveryResult> {
	// Sent now: the trigger refuses signed deliveries older than its Maximum Delivery Age.
	const rawBody = JSON.stringify({ timestamp: new Date().toISOString(), ...delivery });
	const signature =
		options.signature === undefined ? stempSignature(options.secret, rawBody) : options.signature;
	return postDelivery(url, rawBody, {
		'X-Stemp-Event': delivery.type,
		'X-Stemp-Delivery': delivery.id,
		...(signature === null ? {} : { 'X-Stemp-Signature': signature }),
	});
}

/**
 * A delivery as Stamped sends it: the bare object as body, the topic category in X-Stamped-Topic, and the
 * dashboard's secret verbatim in X-Stamped-Webhook-Secret (or X-Secret-Key; `null` sends none).
 */
export function sendStampedDelivery(
	url: string,
	body: Record<string, unknown>,
	options: {
		topic: string;
		secret: string | null;
		secretHeader?: 'X-Stamped-Webhook-Secret' | 'X-Secret-Key';
	},
): Promise<DeliveryResult> {
	const secretHeader = options.secretHeader ?? 'X-Stamped-Webhook-Secret';
	return postDelivery(url, JSON.stringify(body), {
		'X-Stamped-Topic': options.topic,
		...(options.secret === null ? {} : { [secretHeader]: options.secret }),
	});
}

/** A workflow's executions so far (finished or failed), newest first. */
export async function finishedExecutions(n8n: N8n, workflowId: string) {
	return (await n8n.executions(workflowId)).filter(
		(execution) => execution.finished || execution.status === 'error',
	);
}

/** Waits until a workflow has at least `count` finished executions, and returns them (newest first). */
export async function waitForExecutions(
	n8n: N8n,
	workflowId: string,
	count: number,
	timeoutMs = 15_000,
) {
	return await waitFor(
		`${count} execution(s) of workflow ${workflowId}`,
		async () => {
			const executions = await finishedExecutions(n8n, workflowId);
			return executions.length >= count ? executions : undefined;
		},
		timeoutMs,
		300,
	);
}

/**
 * Checks that nothing more runs: waits `quietMs` (executions are saved asynchronously) and returns how many
 * executions the workflow has, for comparing with the count before a refused or ignored delivery.
 */
export async function executionCountAfterQuiet(
	n8n: N8n,
	workflowId: string,
	quietMs = 1500,
): Promise<number> {
	await new Promise((resolve) => setTimeout(resolve, quietMs));
	return (await n8n.executions(workflowId)).length;
}
