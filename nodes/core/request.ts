import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { redactText, redactValue, secretsOf } from './redaction';
import type { FailureKind } from './retry';
import {
	backoffDelayMs,
	classifyNetworkError,
	classifyStatus,
	isRetryable,
	mayHaveActed,
	parseRetryAfterMs,
	retryPolicy,
} from './retry';

/** What the shared core needs to know about a vendor. */
export interface Vendor {
	/** Shown in messages, e.g. "stemp". */
	name: string;
	credentialType: string;
	/** Credential fields whose values must never be shown. */
	secretFields: readonly string[];
	/** Credential field pairs sent as HTTP Basic `user:password`, whose Base64 form must never be shown. */
	basicAuthPairs?: ReadonlyArray<readonly [string, string]>;
	/** The human-readable message in an error body, whatever shape the vendor used. */
	errorMessage(body: unknown): string | undefined;
	/** What to check when the vendor answers this status, e.g. which credential field is wrong. */
	hint?(statusCode: number): string | undefined;
}

export interface ApiCall {
	method: IHttpRequestMethods;
	/** The path after the base URL; shown in error messages, so it never carries a secret. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Whether sending the call twice has the same effect as sending it once; only then are 5xx and timeouts retried. */
	idempotent: boolean;
	itemIndex?: number;
	/** Told about every 429, so that callers running requests side by side can slow down. */
	onRateLimited?: () => void;
	/**
	 * A status that, when it answers a retry after a failure the server may have acted on, means the earlier
	 * attempt already did the work: 404 for a DELETE. The call then succeeds with no body.
	 */
	alreadyDoneStatus?: number;
	/**
	 * A status that means "no such record" (404 for a lookup): the call then resolves to undefined instead of
	 * failing, so the caller can tell an absent record from an error.
	 */
	absentStatus?: number;
}

type ApiContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

type Outcome =
	| { ok: true; response: FullResponse }
	| { ok: false; kind: FailureKind; response?: FullResponse; networkCode?: string };

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The kind of failure behind each error this client threw, for callers deciding what happened on the server.
 * Kept beside the error rather than on it, so it never shows in the error item n8n outputs.
 */
const failureKinds = new WeakMap<object, FailureKind>();

/** Whether the server may have applied the call behind this error (see `mayHaveActed`). */
export function mayHaveBeenApplied(error: unknown): boolean {
	const kind = error !== null && typeof error === 'object' ? failureKinds.get(error) : undefined;
	return kind !== undefined && mayHaveActed(kind);
}

const NOT_RETRIED_WRITE =
	'Not retried: this call changes data and the server may already have applied it. Check the current state before running it again.';

/**
 * One vendor's API for one execution: credentials read once, every call sent through n8n's
 * `httpRequestWithAuthentication` with the shared retry rules, every failure turned into a redacted NodeApiError.
 */
export class ApiClient {
	readonly secrets: string[];
	/** Which credential of the node the values came from, for handing them to n8n with each request. */
	private readonly credentialRef: { id: string; name: string };

	constructor(
		private readonly ctx: ApiContext,
		readonly vendor: Vendor,
		readonly credentials: ICredentialDataDecryptedObject,
		readonly baseUrl: string,
	) {
		this.secrets = secretsOf(credentials, vendor.secretFields, vendor.basicAuthPairs);
		const ref = ctx.getNode().credentials?.[vendor.credentialType];
		this.credentialRef = { id: ref?.id ?? '', name: ref?.name ?? '' };
	}

	/**
	 * The credential values this client already read, handed to n8n with every request: without them n8n reads
	 * and decrypts the credential from its database again for each request (a query per page of an export). A
	 * copy each time, as n8n's own read would give: n8n may add fields to it while authenticating.
	 */
	private credentialsForRequest(): ICredentialsDecrypted {
		return { ...this.credentialRef, type: this.vendor.credentialType, data: { ...this.credentials } };
	}

	get node(): INode {
		return this.ctx.getNode();
	}

	async request<T = unknown>(call: ApiCall): Promise<T> {
		let waitedMs = 0;
		let actedBefore = false;
		for (let attempt = 1; ; attempt++) {
			const outcome = await this.send(call);
			if (outcome.ok) return outcome.response.body as T;
			if (call.absentStatus !== undefined && outcome.response?.statusCode === call.absentStatus) return undefined as T;
			if (actedBefore && outcome.response?.statusCode === call.alreadyDoneStatus) return undefined as T;
			if (mayHaveActed(outcome.kind)) actedBefore = true;

			if (outcome.kind === 'rateLimited') call.onRateLimited?.();
			const retryable = isRetryable(outcome.kind, call.idempotent);
			const maxAttempts = outcome.kind === 'rateLimited' ? retryPolicy.maxRateLimitedAttempts : retryPolicy.maxAttempts;
			if (!retryable || attempt >= maxAttempts || this.cancelled()) {
				throw this.toError(call, outcome, attempt, retryable ? undefined : this.notRetriedReason(outcome.kind, call));
			}

			const retryAfterMs = parseRetryAfterMs(outcome.response?.headers['retry-after']);
			const delayMs = retryAfterMs ?? backoffDelayMs(attempt, retryPolicy);
			if (waitedMs + delayMs > retryPolicy.maxTotalWaitMs) {
				throw this.toError(
					call,
					outcome,
					attempt,
					`Gave up: waiting another ${Math.ceil(delayMs / 1000)} s would exceed the ${Math.round(retryPolicy.maxTotalWaitMs / 1000)} s retry budget.`,
				);
			}
			this.ctx.logger.debug(
				`${this.vendor.name}: ${describeKind(outcome.kind)} on ${call.method} ${call.path}; retry ${attempt} of at most ${maxAttempts - 1} in ${delayMs} ms`,
			);
			await sleep(delayMs);
			waitedMs += delayMs;
		}
	}

	private async send(call: ApiCall): Promise<Outcome> {
		const options: IHttpRequestOptions = {
			method: call.method,
			url: this.baseUrl + call.path,
			qs: call.qs,
			body: call.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: REQUEST_TIMEOUT_MS,
		};
		try {
			const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				this.vendor.credentialType,
				options,
				{ credentialsDecrypted: this.credentialsForRequest() },
			)) as FullResponse;
			const kind = classifyStatus(response.statusCode);
			return kind ? { ok: false, kind, response } : { ok: true, response };
		} catch (error) {
			// n8n wraps transport failures; the original carries the network code. Its request config (headers
			// included) is never kept: only the code and a redacted message survive.
			const cause = (error as { cause?: { code?: string; response?: { status?: number } } }).cause;
			const code = cause?.code ?? (error as { code?: string }).code;
			const status = cause?.response?.status;
			if (typeof status === 'number') {
				return { ok: false, kind: classifyStatus(status) ?? 'otherNetworkError' };
			}
			return {
				ok: false,
				kind: classifyNetworkError(code, String((error as Error).message ?? '')),
				networkCode: code,
			};
		}
	}

	private cancelled(): boolean {
		return 'getExecutionCancelSignal' in this.ctx && this.ctx.getExecutionCancelSignal()?.aborted === true;
	}

	private notRetriedReason(kind: FailureKind, call: ApiCall): string | undefined {
		if (call.idempotent) return undefined;
		return mayHaveActed(kind) ? NOT_RETRIED_WRITE : undefined;
	}

	private toError(call: ApiCall, outcome: Exclude<Outcome, { ok: true }>, attempts: number, note?: string): NodeApiError {
		const statusCode = outcome.response?.statusCode;
		const vendorMessage = outcome.response ? this.vendor.errorMessage(outcome.response.body) : undefined;
		const what = `${call.method} ${call.path}`;

		const message = statusCode
			? vendorMessage ?? `${this.vendor.name} answered HTTP ${statusCode}`
			: `Could not reach ${this.vendor.name} (${outcome.networkCode ?? describeKind(outcome.kind)})`;
		const lines = [
			statusCode
				? `${this.vendor.name} answered HTTP ${statusCode} to ${what}${attempts > 1 ? ` after ${attempts} attempts` : ''}.`
				: `${what} failed${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${describeKind(outcome.kind)}. Check the Base URL in the credential and your network.`,
		];
		const hint = statusCode ? this.vendor.hint?.(statusCode) : undefined;
		if (hint) lines.push(hint);
		if (note) lines.push(note);
		const rateLimit = statusCode === 429 ? rateLimitSummary(outcome.response!.headers) : undefined;
		if (rateLimit) lines.push(rateLimit);

		const safe = (text: string) => redactText(text, this.secrets);
		const errorResponse: JsonObject = {
			message: safe(message),
			...(statusCode ? { httpCode: String(statusCode) } : {}),
			...(outcome.networkCode ? { code: outcome.networkCode } : {}),
			...(outcome.response ? { body: redactValue(outcome.response.body as JsonObject, this.secrets) } : {}),
		};
		const error = new NodeApiError(this.node, errorResponse, {
			message: safe(message),
			description: safe(lines.join(' ')),
			httpCode: statusCode ? String(statusCode) : undefined,
			itemIndex: call.itemIndex,
		});
		failureKinds.set(error, outcome.kind);
		return error;
	}
}

function describeKind(kind: FailureKind): string {
	switch (kind) {
		case 'rateLimited':
			return 'rate limited (429)';
		case 'serverError':
			return 'server error';
		case 'timeout':
			return 'timed out';
		case 'connectionDropped':
			return 'connection dropped';
		case 'notConnected':
			return 'connection refused';
		case 'clientError':
			return 'request rejected';
		default:
			return 'network error';
	}
}

function rateLimitSummary(headers: Record<string, unknown>): string | undefined {
	const limit = headers['x-ratelimit-limit'];
	const reset = headers['x-ratelimit-reset'];
	if (limit === undefined && reset === undefined) return undefined;
	return `Rate limit: ${String(limit ?? '?')} requests per window${reset !== undefined ? `, resets at ${String(reset)}` : ''}.`;
}
