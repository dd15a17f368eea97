import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

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
import { decimalText, hasControlCharacter } from './validation';

/** What the shared core needs to know about a vendor. */
export interface Vendor {
	/** The vendor's name as messages show it. */
	name: string;
	credentialType: string;
	/** Credential fields whose values must never be shown. */
	secretFields: readonly string[];
	/** Credential field pairs sent as HTTP Basic `user:password`, whose Base64 form must never be shown. */
	basicAuthPairs?: ReadonlyArray<readonly [string, string]>;
	/** The human-readable message in an error body, whatever shape the vendor used. */
	errorMessage(body: unknown): string | undefined;
	/** What to check when the vendor answers this status to the call on `path`, e.g. which credential field is wrong. */
	hint?(statusCode: number, path: string): string | undefined;
	/**
	 * A message and hint that replace the usual ones for this answer, when the vendor knows more about it than
	 * its status says (e.g. that an unconfirmed endpoint is not served); undefined keeps the usual ones.
	 */
	explainFailure?(
		statusCode: number,
		method: string,
		path: string,
		body: unknown,
		vendorMessage: string | undefined,
	): { message: string; hint: string } | undefined;
	/**
	 * Whether this answer to the call on `path` is the vendor's own "no such record" for the resource the path
	 * addresses: the only answer that proves a record absent. A web page from a gateway, a 404 for an unknown
	 * route, another service's JSON or a not-found about something else (the shop) proves nothing. Without the
	 * hook nothing proves absence.
	 */
	provesAbsence?(statusCode: number, body: unknown, path: string): boolean;
}

interface ApiCall {
	method: IHttpRequestMethods;
	/** The path after the base URL; shown in error messages, so it never carries a secret. */
	path: string;
	qs?: IDataObject;
	/** How a list in `qs` is written; n8n's default is `tags[0]=a&tags[1]=b` (indices). */
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
	/** A JSON body: an object, or a list for endpoints that take several records at once. */
	body?: IDataObject | IDataObject[];
	/** Fields sent as an `application/x-www-form-urlencoded` body instead of JSON (the answer is still read as JSON). */
	form?: IDataObject;
	/** Whether sending the call twice has the same effect as sending it once; only then are 5xx and timeouts retried. */
	idempotent: boolean;
	itemIndex?: number;
	/** Told about every 429, so that callers running requests side by side can slow down. */
	onRateLimited?: () => void;
	/**
	 * Whether the answer is still wanted (a page asked for ahead of a list that has ended is not): once it is not,
	 * a failure is not retried.
	 */
	stillNeeded?: () => boolean;
	/**
	 * A status that, when it answers a retry after a failure the server may have acted on, means the earlier
	 * attempt already did the work: 404 for a DELETE. The call then succeeds with no body, but only when the
	 * vendor's own not-found proves the record gone (`Vendor.provesAbsence`); any other such answer fails,
	 * saying the outcome is unknown.
	 */
	alreadyDoneStatus?: number;
	/**
	 * A status that means "no such record" (404 for a lookup): the call then resolves to undefined instead of
	 * failing, so the caller can tell an absent record from an error; but only when the vendor's own not-found
	 * proves it (`Vendor.provesAbsence`). Any other answer with that status fails, saying it proves nothing.
	 */
	absentStatus?: number;
	/**
	 * Told when the call is sent again after a failure the server may have acted on (a 5xx, a timeout, a dropped
	 * connection): the answer that follows then tells what the retry did, not what the first attempt did.
	 */
	onResentAfterAmbiguousFailure?: () => void;
}

/** Where requests are sent from: an action node, a picker, a polling trigger, a trigger's webhook lifecycle. */
type ApiContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

type Outcome =
	| { ok: true; response: FullResponse }
	| {
			ok: false;
			kind: FailureKind;
			response?: FullResponse;
			networkCode?: string;
			redirectedTo?: string;
			/** The status of an answer whose body was cut off on its way back: the request reached the server. */
			cutOffStatus?: number;
	  };

const REQUEST_TIMEOUT_MS = 60_000;

/** Same-origin redirects followed at most, per request. */
const MAX_REDIRECTS = 5;

/**
 * The Base URL as entered in a credential: trimmed, without trailing slashes; empty means `fallback`. Whether
 * it can be used is `baseUrlProblem`'s call.
 */
export function normalizeBaseUrl(entered: unknown, fallback: string): string {
	const text = typeof entered === 'string' ? entered.trim() : '';
	return (text === '' ? fallback : text).replace(/\/+$/, '');
}

/**
 * Why a Base URL cannot be used, or undefined when it can. A query string or a fragment would end up in the
 * middle of every request URL (`https://host/api?x=1/customers`); user:password in the URL would be sent on top
 * of the credential's own authentication.
 */
export function baseUrlProblem(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return 'is not a URL (e.g. https://api.example.com/api/v1)';
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		return `must start with https:// (it starts with ${url.protocol}//)`;
	if (baseUrl.includes('?')) return 'must not contain a query string ("?..."): remove it';
	if (baseUrl.includes('#')) return 'must not contain a fragment ("#..."): remove it';
	if (url.username || url.password)
		return 'must not contain a user name or password: the credential authenticates';
	return undefined;
}

/** Where a redirect points, resolved against the URL that answered it; undefined when it is no URL. */
function redirectTarget(response: FullResponse, from: string): URL | undefined {
	const location = response.headers.location;
	const text = Array.isArray(location) ? location[0] : location;
	if (typeof text !== 'string' || text === '') return undefined;
	try {
		return new URL(text, from);
	} catch {
		return undefined;
	}
}

const isRedirectStatus = (status: number) => [301, 302, 303, 307, 308].includes(status);

/** Why a request path cannot be sent: "." or ".." segments, empty ones, encoded control characters. */
function unsafePathReason(path: string): string | undefined {
	const segments = path.split('?')[0].split('/').slice(1);
	for (const segment of segments) {
		if (segment === '') return 'it has an empty segment';
		if (segment === '.' || segment === '..' || /^(?:\.|%2e){1,2}$/i.test(segment))
			return `it has a "${segment}" segment`;
		if (/%(?:[01][0-9a-f]|7f)/i.test(segment) || hasControlCharacter(segment, false))
			return 'it contains a control character';
	}
	return undefined;
}

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
		const problem = baseUrlProblem(baseUrl);
		if (problem) {
			throw new NodeOperationError(
				ctx.getNode(),
				redactText(`The Base URL in the ${vendor.name} credential ${problem}`, this.secrets),
				{
					description: 'Fix the Base URL in the credential. Nothing was sent.',
				},
			);
		}
	}

	/**
	 * The credential values this client already read, handed to n8n with every request: without them n8n reads
	 * and decrypts the credential from its database again for each request (a query per page of an export). A
	 * copy each time, as n8n's own read would give: n8n may add fields to it while authenticating.
	 */
	private credentialsForRequest(): ICredentialsDecrypted {
		return {
			...this.credentialRef,
			type: this.vendor.credentialType,
			data: { ...this.credentials },
		};
	}

	get node(): INode {
		return this.ctx.getNode();
	}

	/**
	 * The same vendor and credential at another base URL, for the few calls a vendor serves outside its usual
	 * root (e.g. a sibling path on the same host).
	 */
	at(baseUrl: string): ApiClient {
		return new ApiClient(this.ctx, this.vendor, this.credentials, baseUrl);
	}

	/**
	 * Sends a call (retrying as the rules allow) and resolves to the answer's body with every credential value
	 * masked, so that an API echoing a key or token never puts it into an output item.
	 */
	async request<T = unknown>(call: ApiCall): Promise<T> {
		const unsafe = unsafePathReason(call.path);
		if (unsafe) {
			// The operations check the IDs they put into paths; this catches any that got through unchecked.
			throw new NodeOperationError(
				this.node,
				redactText(`Refused to call ${call.method} ${call.path}: ${unsafe}`, this.secrets),
				{
					itemIndex: call.itemIndex,
					description:
						'An ID in this item would change which endpoint is called. Nothing was sent.',
				},
			);
		}
		let waitedMs = 0;
		let actedBefore = false;
		for (let attempt = 1; ; attempt++) {
			const outcome = await this.send(call);
			if (outcome.ok) return redactValue(outcome.response.body, this.secrets) as T;
			// Guarded: a failure without a response (a dropped connection) must not match an unset status.
			const status = outcome.response?.statusCode;
			const absent = status !== undefined && status === call.absentStatus;
			const alreadyDone = actedBefore && status !== undefined && status === call.alreadyDoneStatus;
			if (absent || alreadyDone) {
				if (this.provesAbsence(call, outcome.response!)) return undefined as T;
				throw this.toError(call, outcome, attempt, this.unprovenAbsenceNote(alreadyDone));
			}
			if (mayHaveActed(outcome.kind)) actedBefore = true;

			if (outcome.kind === 'rateLimited') call.onRateLimited?.();
			const retryable = isRetryable(outcome.kind, call.idempotent);
			const maxAttempts =
				outcome.kind === 'rateLimited'
					? retryPolicy.maxRateLimitedAttempts
					: retryPolicy.maxAttempts;
			if (
				!retryable ||
				attempt >= maxAttempts ||
				this.cancelled() ||
				call.stillNeeded?.() === false
			) {
				throw this.toError(
					call,
					outcome,
					attempt,
					retryable ? undefined : this.notRetriedReason(outcome.kind, call),
				);
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
				redactText(
					`${this.vendor.name}: ${describeKind(outcome.kind)} on ${call.method} ${call.path}; retry ${attempt} of at most ${maxAttempts - 1} in ${delayMs} ms`,
					this.secrets,
				),
			);
			if (mayHaveActed(outcome.kind)) call.onResentAfterAmbiguousFailure?.();
			await sleep(delayMs);
			waitedMs += delayMs;
		}
	}

	/** Whether the answer is the vendor's own not-found for the resource the call addresses (see `Vendor`). */
	private provesAbsence(call: ApiCall, response: FullResponse): boolean {
		const body = redactValue(response.body, this.secrets);
		return this.vendor.provesAbsence?.(response.statusCode, body, call.path) ?? false;
	}

	/** What an answer that only looks like "no such record" leaves open. */
	private unprovenAbsenceNote(afterRetry: boolean): string {
		const proves = `It is not ${this.vendor.name}'s own "not found" for this record (it may come from a gateway or a proxy, or be about an unknown address), so it does not prove the record absent.`;
		return afterRetry
			? `${proves} It answered a retry after an attempt ${this.vendor.name} may have applied: whether that attempt went through is unknown. Check the record before running this item again.`
			: `${proves} Nothing that depends on it was sent.`;
	}

	/**
	 * One attempt. Redirects are not left to the HTTP client, which would send the credentials along to any host:
	 * a redirect within the Base URL's origin is followed here (the credentials applied afresh), one to another
	 * origin is refused, so no key or token ever leaves for a host the user did not enter.
	 */
	private async send(call: ApiCall): Promise<Outcome> {
		let url = this.baseUrl + call.path;
		let method = call.method;
		let body: IHttpRequestOptions['body'] = call.form
			? formEncoded(call.form)
			: call.body !== undefined && Object.keys(call.body).length > 0
				? jsonText(call.body)
				: undefined;
		let qs = call.qs && plainNumbers(call.qs);
		const arrayFormat = call.arrayFormat ? { arrayFormat: call.arrayFormat } : {};
		for (let redirects = 0; ; redirects++) {
			const contentType =
				body === undefined
					? {}
					: {
							headers: {
								'Content-Type': call.form
									? 'application/x-www-form-urlencoded'
									: 'application/json',
							},
						};
			const outcome = await this.sendOnce({
				method,
				url,
				qs,
				body,
				...contentType,
				...arrayFormat,
			});
			const response = outcome.ok ? outcome.response : undefined;
			if (!response || response.statusCode < 300 || response.statusCode >= 400) return outcome;
			// Any other 3xx (no Location, 300, 304...) is not an answer to the call: it did not happen.
			const target = isRedirectStatus(response.statusCode)
				? redirectTarget(response, url)
				: undefined;
			if (!target) return { ok: false, kind: 'redirected', response };
			if (target.origin !== new URL(url).origin) {
				return { ok: false, kind: 'redirected', response, redirectedTo: target.origin };
			}
			if (redirects >= MAX_REDIRECTS) return { ok: false, kind: 'redirected', response };
			// 303, and 301/302 after a POST, mean "read the answer over there"; 307/308 mean "send it there".
			if (
				response.statusCode === 303 ||
				(method === 'POST' && response.statusCode !== 307 && response.statusCode !== 308)
			) {
				method = 'GET';
				body = undefined;
			}
			url = target.href;
			qs = undefined; // the Location carries its own query
		}
	}

	private async sendOnce(
		request: Pick<
			IHttpRequestOptions,
			'method' | 'url' | 'qs' | 'body' | 'headers' | 'arrayFormat'
		>,
	): Promise<Outcome> {
		const options: IHttpRequestOptions = {
			...request,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
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
				// The status line arrived, the body did not arrive whole: the request reached the server.
				return {
					ok: false,
					kind: classifyStatus(status) ?? 'answerCutOff',
					cutOffStatus: status,
				};
			}
			return {
				ok: false,
				kind: classifyNetworkError(code, String((error as Error).message ?? '')),
				networkCode: code,
			};
		}
	}

	private cancelled(): boolean {
		return (
			'getExecutionCancelSignal' in this.ctx &&
			this.ctx.getExecutionCancelSignal()?.aborted === true
		);
	}

	private notRetriedReason(kind: FailureKind, call: ApiCall): string | undefined {
		if (call.idempotent) return undefined;
		return mayHaveActed(kind) ? NOT_RETRIED_WRITE : undefined;
	}

	private toError(
		call: ApiCall,
		outcome: Exclude<Outcome, { ok: true }>,
		attempts: number,
		note?: string,
	): NodeApiError {
		const statusCode = outcome.response?.statusCode;
		// Masked before anything is read from it: a message cut short later must not keep the start of a secret.
		const body = outcome.response ? redactValue(outcome.response.body, this.secrets) : undefined;
		const vendorMessage = outcome.response ? this.vendor.errorMessage(body) : undefined;
		const what = `${call.method} ${call.path}`;

		const after = attempts > 1 ? ` after ${attempts} attempts` : '';
		// A write that may have reached the server is headlined so, not as a network failure (see `unknownOutcome`).
		const headline = statusCode ? undefined : this.unknownOutcome(call, outcome);
		let message = statusCode
			? (vendorMessage ?? `${this.vendor.name} answered HTTP ${statusCode}`)
			: (headline ??
				(outcome.cutOffStatus !== undefined
					? `${this.vendor.name} answered HTTP ${outcome.cutOffStatus}, but the answer was cut off`
					: `Could not reach ${this.vendor.name} (${outcome.networkCode ?? describeKind(outcome.kind)})`));
		const lines = [
			statusCode
				? `${this.vendor.name} answered HTTP ${statusCode} to ${what}${after}.`
				: outcome.cutOffStatus !== undefined
					? `${this.vendor.name} answered HTTP ${outcome.cutOffStatus} to ${what}${after}, but the connection closed before the whole answer arrived.`
					: `${what} failed${after}: ${describeKind(outcome.kind)}. Check the Base URL in the credential and your network.`,
		];
		if (outcome.kind === 'redirected') {
			const followable =
				statusCode !== undefined &&
				isRedirectStatus(statusCode) &&
				redirectTarget(outcome.response!, this.baseUrl);
			message = outcome.redirectedTo
				? `${this.vendor.name} redirected ${what} to another origin (${outcome.redirectedTo}); not followed, so no credentials were sent there`
				: followable
					? `${this.vendor.name} redirected ${what} more than ${MAX_REDIRECTS} times`
					: `${this.vendor.name} answered ${what} with HTTP ${statusCode} and nowhere to go: not an answer to the call`;
			lines.push(
				'Check the Base URL in the credential: it should be the address the API answers at, without redirects.',
			);
		}
		const explained = statusCode
			? this.vendor.explainFailure?.(statusCode, call.method, call.path, body, vendorMessage)
			: undefined;
		if (explained) message = explained.message;
		const hint =
			explained?.hint ?? (statusCode ? this.vendor.hint?.(statusCode, call.path) : undefined);
		if (hint) lines.push(hint);
		if (note) lines.push(note);
		const rateLimit = statusCode === 429 ? rateLimitSummary(outcome.response!.headers) : undefined;
		if (rateLimit) lines.push(rateLimit);

		const safe = (text: string) => redactText(text, this.secrets);
		const errorResponse: JsonObject = {
			message: safe(message),
			...(statusCode ? { httpCode: String(statusCode) } : {}),
			...(outcome.networkCode ? { code: outcome.networkCode } : {}),
			...(outcome.response ? { body: body as JsonObject } : {}),
		};
		const error = new NodeApiError(this.node, errorResponse, {
			message: safe(message),
			description: safe(lines.join(' ')),
			httpCode: statusCode ? String(statusCode) : undefined,
			itemIndex: call.itemIndex,
		});
		// n8n words the message of a known network code itself ("perhaps it is offline"): not for these.
		if (headline) error.message = safe(headline);
		failureKinds.set(error, outcome.kind);
		return error;
	}

	/**
	 * The headline of a write whose answer never arrived whole although the request may have reached the server
	 * (a dropped connection, a timeout) or did (an answer cut off after its status): the outcome is unknown, which
	 * "could not reach" would deny. Undefined for reads and for failures where nothing reached the server.
	 */
	private unknownOutcome(
		call: ApiCall,
		outcome: Exclude<Outcome, { ok: true }>,
	): string | undefined {
		if (!mayHaveActed(outcome.kind)) return undefined;
		const name = this.vendor.name;
		const what = `${call.method} ${call.path}`;
		if (outcome.cutOffStatus !== undefined) {
			return call.method === 'GET'
				? `${name}'s answer to ${what} (HTTP ${outcome.cutOffStatus}) was cut off before it arrived whole`
				: `${name} received ${what} and answered HTTP ${outcome.cutOffStatus}, but the answer was cut off: the request reached ${name}, and its outcome is unknown`;
		}
		if (call.method === 'GET') return undefined;
		const unknown = `the request may have reached ${name}, and whether ${name} applied it is unknown`;
		return outcome.kind === 'timeout'
			? `${name} did not answer ${what} in time: ${unknown}`
			: `The connection to the server was closed unexpectedly before ${name} answered ${what}: ${unknown}`;
	}
}

/** A value as sent in a query string or a form: numbers as plain decimal text (0.0000001, never `1e-7`). */
const plainText = (value: unknown): string =>
	typeof value === 'number' && Number.isFinite(value) ? decimalText(value) : String(value);

/** Form fields as `a=1&b=2`; fields left undefined or null are not sent. */
function formEncoded(fields: IDataObject): string {
	return Object.entries(fields)
		.filter(([, value]) => value !== undefined && value !== null)
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(plainText(value))}`)
		.join('&');
}

/** Query parameters with their numbers (and numbers in lists) written as plain decimal text. */
function plainNumbers(qs: IDataObject): IDataObject {
	const written = (value: unknown) => (typeof value === 'number' ? plainText(value) : value);
	return Object.fromEntries(
		Object.entries(qs).map(([key, value]) => [
			key,
			(Array.isArray(value) ? value.map(written) : written(value)) as IDataObject[string],
		]),
	);
}

/**
 * A JSON body as JSON.stringify writes it, but every number in plain decimal notation (0.0000001, never
 * `1e-7`), as APIs that read amounts as decimals expect. Values JSON.stringify leaves out (undefined,
 * functions) are left out; dates and other objects with `toJSON` are written as it gives them.
 */
function jsonText(value: unknown): string {
	return writeJson(value) ?? 'null';
}

function writeJson(value: unknown): string | undefined {
	const plain =
		value !== null &&
		typeof value === 'object' &&
		typeof (value as { toJSON?: unknown }).toJSON === 'function'
			? (value as { toJSON(): unknown }).toJSON()
			: value;
	if (typeof plain === 'number') return Number.isFinite(plain) ? decimalText(plain) : 'null';
	if (plain === null || typeof plain === 'string' || typeof plain === 'boolean')
		return JSON.stringify(plain);
	if (Array.isArray(plain))
		return `[${plain.map((entry) => writeJson(entry) ?? 'null').join(',')}]`;
	if (typeof plain === 'object') {
		const fields = Object.entries(plain as Record<string, unknown>).flatMap(([key, entry]) => {
			const written = writeJson(entry);
			return written === undefined ? [] : [`${JSON.stringify(key)}:${written}`];
		});
		return `{${fields.join(',')}}`;
	}
	return undefined;
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
		case 'answerCutOff':
			return 'answer cut off';
		case 'notConnected':
			return 'no connection (refused, or the host name did not resolve): nothing reached the server';
		case 'clientError':
			return 'request rejected';
		case 'redirected':
			return 'redirect not followed';
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
