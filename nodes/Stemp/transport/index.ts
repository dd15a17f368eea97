import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { credentialTest } from '../../core/credential-test';
import type { Vendor } from '../../core/request';
import { ApiClient, normalizeBaseUrl } from '../../core/request';

export const STEMP_CREDENTIAL = 'stempApi';

const USERS_PATH = '/users';

/** Turns `WALLET_PASS_NOT_FOUND` into "Wallet pass not found". */
function sentenceFromCode(code: string): string {
	const words = code
		.toLowerCase()
		.split(/[_\s]+/)
		.filter(Boolean)
		.join(' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

function describeFields(fields: unknown): string {
	if (!fields || typeof fields !== 'object') return String(fields);
	return Object.entries(fields as Record<string, unknown>)
		.map(
			([field, message]) =>
				`${field}: ${typeof message === 'string' ? message : JSON.stringify(message)}`,
		)
		.join('; ');
}

/**
 * stemp answers errors in three shapes: `{error: {code, message}}`, `{code, params}`, and
 * `{STANDARD_VALIDATION | CUSTOM_VALIDATION: {field: message}}`. Anything else is quoted as it came.
 */
function stempErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 300) : undefined;
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;

	const nested = record.error;
	if (nested && typeof nested === 'object') {
		const { code, message } = nested as Record<string, unknown>;
		if (typeof message === 'string')
			return typeof code === 'string' ? `${message} (${code})` : message;
		if (typeof code === 'string') return sentenceFromCode(code);
	}
	if (typeof nested === 'string') return nested;

	for (const kind of ['STANDARD_VALIDATION', 'CUSTOM_VALIDATION']) {
		if (record[kind] !== undefined) return `Validation failed: ${describeFields(record[kind])}`;
	}
	if (typeof record.code === 'string') {
		const params =
			record.params && typeof record.params === 'object'
				? ` (${describeFields(record.params)})`
				: '';
		return `${sentenceFromCode(record.code)}${params}`;
	}
	if (typeof record.message === 'string') return record.message;
	return undefined;
}

/**
 * What to check when stemp refuses a call, by the resource its path names: the scope the API token needs (403)
 * and the ID that names no record (404). The first entry whose pattern matches the path decides.
 */
const RESOURCE_HINTS: ReadonlyArray<{ path: RegExp; scopes: string; notFound: string }> = [
	{
		path: /^\/users(\/|$)/,
		scopes:
			'creating users needs user:create, reading them user:read, changing or deleting them user:update',
		notFound: 'Check the User ID: stemp knows no user with this ID or external ID.',
	},
	{
		path: /^\/templates\/[^/]+\/walletpasses$/,
		scopes: 'issuing passes needs pass:create',
		notFound:
			'Check the Template ID and the User ID: stemp knows no template or user with this ID.',
	},
	{
		path: /^\/(walletpasses|templates)\/[^/]+\/notifications$/,
		scopes: 'sending push messages needs notification:send, reading their history template:read',
		notFound:
			'Check the Wallet Pass ID or Template ID: stemp knows no pass or template with this ID.',
	},
	{
		path: /^\/templates(\/|$)/,
		scopes:
			'reading templates needs template:read, changing their stamp or points configuration template:update, reward tiers loyalty:manage',
		notFound: 'Check the Template ID: stemp knows no template with this ID.',
	},
	{
		path: /^\/points-rewards\//,
		scopes: 'changing reward tiers needs loyalty:manage',
		notFound: 'Check the Reward Tier ID: stemp knows no reward tier with this ID.',
	},
	{
		path: /^\/points-redemptions\//,
		scopes: 'completing or cancelling redemptions needs loyalty:manage',
		notFound: 'Check the Redemption ID: stemp knows no redemption with this ID.',
	},
	{
		path: /^\/rewards\//,
		scopes: 'claiming rewards needs loyalty:manage',
		notFound: 'Check the Reward ID: stemp knows no stamp-card reward with this ID.',
	},
	{
		path: /^\/webhooks\//,
		scopes: "webhook endpoints and the outbox need the organization's webhook permissions",
		notFound:
			'Check the Event ID: stemp knows no webhook event with this ID (Webhook Delivery > Get Many lists them).',
	},
	{
		path: /^\/organization$/,
		scopes: 'reading the organization needs org:read',
		notFound: 'Check the Base URL in the credential.',
	},
	{
		path: /^\/walletpasses(\/|$)/,
		scopes:
			'changing stamps or points needs loyalty:manage, reading passes, stamps or points pass:read, deleting passes pass:delete',
		notFound: 'Check the Wallet Pass ID: stemp knows no pass with this ID.',
	},
];

/**
 * Whether an answer is stemp's own not-found for a record the path names: one of stemp's error bodies whose
 * code names the resource (`USER_NOT_FOUND` on `/users/{id}`, `WALLET_PASS_NOT_FOUND` on
 * `/walletpasses/{id}/...`; the resource is matched to a path segment, `_` and `-` ignored, plural or not).
 * A bare `NOT_FOUND` (stemp's answer for an unknown route), a web page or another service's JSON proves nothing.
 */
function stempProvesAbsence(statusCode: number, body: unknown, path: string): boolean {
	if (statusCode !== 404 || !isStempErrorBody(body)) return false;
	const record = body as Record<string, unknown>;
	const nested = record.error as Record<string, unknown> | undefined;
	const code = typeof record.code === 'string' ? record.code : nested?.code;
	const named = typeof code === 'string' ? /^([a-z][a-z0-9_]*?)_not_found$/i.exec(code) : null;
	if (!named) return false;
	const noun = named[1].replace(/_/g, '').toLowerCase();
	return path
		.split('?')[0]
		.split('/')
		.map((segment) => segment.replace(/[-_]/g, '').toLowerCase())
		.some((segment) => segment === noun || segment === `${noun}s` || segment === `${noun}es`);
}

export const stempVendor: Vendor = {
	name: 'stemp',
	credentialType: STEMP_CREDENTIAL,
	secretFields: ['apiToken', 'webhookSigningSecret'],
	errorMessage: stempErrorMessage,
	provesAbsence: stempProvesAbsence,
	hint(statusCode, path) {
		const resource = RESOURCE_HINTS.find((entry) => entry.path.test(path));
		switch (statusCode) {
			case 401:
				return 'Check the API Token in the stemp API credential.';
			case 403:
				return resource ? `The API token lacks a scope: ${resource.scopes}.` : undefined;
			case 404:
				return resource?.notFound;
			case 409:
				return path.startsWith(USERS_PATH)
					? 'A user with this e-mail address or external ID exists already: find it with User > Get (by its external ID) and update it instead.'
					: undefined;
			default:
				return undefined;
		}
	},
};

const DEFAULT_BASE_URL = 'https://api.stemp.app/api/v1';

function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return normalizeBaseUrl(credentials.baseUrl, DEFAULT_BASE_URL);
}

/**
 * Whether an answer is one of stemp's own error bodies (`{error: {code}}`, `{code, params}`, or a validation
 * map), as opposed to the 404 page of some other server.
 */
export function isStempErrorBody(body: unknown): boolean {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
	const record = body as Record<string, unknown>;
	const nested = record.error;
	if (
		nested &&
		typeof nested === 'object' &&
		typeof (nested as Record<string, unknown>).code === 'string'
	)
		return true;
	if (typeof record.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(record.code)) return true;
	return ['STANDARD_VALIDATION', 'CUSTOM_VALIDATION'].some(
		(kind) => record[kind] && typeof record[kind] === 'object',
	);
}

/** Whether a 2xx answer is a stamp state, as stemp answers for a pass. */
function isStampState(body: unknown): boolean {
	return (
		!!body &&
		typeof body === 'object' &&
		!Array.isArray(body) &&
		('currentStamps' in body || 'walletPassId' in body)
	);
}

/** The stemp API for one execution (or one picker, or one webhook lifecycle call), with the credential read once. */
export async function openStempApi(
	ctx: IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions,
): Promise<ApiClient> {
	const credentials = await ctx.getCredentials(STEMP_CREDENTIAL);
	return new ApiClient(ctx, stempVendor, credentials, baseUrlOf(credentials));
}

/**
 * stemp has no "who am I" endpoint, so the test reads the stamps of a pass that cannot exist: stemp's own 404
 * means the token was accepted, 401 or 403 means it was not. A 404 (or a 200) that is not stemp's own answer
 * (an HTML page, another API's JSON) means the Base URL points elsewhere, whatever the token.
 */
export const testStempCredential = credentialTest({
	vendor: stempVendor,
	baseUrl: baseUrlOf,
	request: (credentials) => ({
		url: `${baseUrlOf(credentials)}${stampsPath('n8n-credential-test')}`,
	}),
	// What the credential's generic `authenticate` sets.
	authenticate: (credentials, request) => ({
		...request,
		headers: { ...request.headers, Authorization: `Bearer ${String(credentials.apiToken ?? '')}` },
	}),
	judge: ({ statusCode, body }, vendorMessage) => {
		const isStempAnswer =
			statusCode === 404
				? isStempErrorBody(body)
				: statusCode >= 200 && statusCode < 300
					? isStampState(body)
					: true;
		if (!isStempAnswer) {
			return {
				status: 'Error',
				message: `This Base URL does not look like the stemp API: it answered HTTP ${statusCode}, but not as stemp does. Check the Base URL (default ${DEFAULT_BASE_URL}).`,
			};
		}
		if ((statusCode >= 200 && statusCode < 300) || statusCode === 404) {
			return { status: 'OK', message: 'Connected to stemp: the API token was accepted' };
		}
		if (statusCode === 401 || statusCode === 403) {
			return {
				status: 'Error',
				message: `stemp rejected the API token (HTTP ${statusCode}): ${vendorMessage}`,
			};
		}
		return undefined;
	},
});

/** What every node using the stemp credential declares, so n8n can test the credential. */
export const stempCredentialTestMethods = { credentialTest: { testStempCredential } };

/** `/walletpasses/{id}/stamps[/action]`, the pass ID URL-encoded. */
export function stampsPath(
	walletPassId: string,
	action?: 'add' | 'remove' | 'set' | 'reset' | 'history',
): string {
	return `/walletpasses/${encodeURIComponent(walletPassId)}/stamps${action ? `/${action}` : ''}`;
}

/** `/users[/{id}]`, the ID (stemp's or the external one) URL-encoded as one segment. */
export function usersPath(userId?: string): string {
	return userId === undefined ? USERS_PATH : `${USERS_PATH}/${encodeURIComponent(userId)}`;
}

/**
 * A path below the Base URL from its segments, each URL-encoded on its own: an ID holding "/", "?" or "#" stays
 * one segment (`stempPath('walletpasses', id, 'points', 'add')`).
 */
export function stempPath(...segments: string[]): string {
	return `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

/** The code of a stemp error body (`{code}` or `{error: {code}}`), if it has one. */
function stempErrorCode(body: unknown): string | undefined {
	if (!isStempErrorBody(body)) return undefined;
	const record = body as { code?: unknown; error?: { code?: unknown } };
	const code = typeof record.code === 'string' ? record.code : record.error?.code;
	return typeof code === 'string' ? code : undefined;
}

/**
 * Whether an error is stemp's own "no such record" for the resource named (`USER`, `WALLET_PASS`...): a 404 whose
 * body is one of stemp's error bodies with a code such as `USER_NOT_FOUND`. Only that proves absence: a
 * gateway's HTML 404, another API's JSON or stemp's answer to an unknown route (`NOT_FOUND`) leave it unknown.
 */
export function isStempNotFound(error: unknown, resource: string): boolean {
	if (!(error instanceof NodeApiError) || error.httpCode !== '404') return false;
	const code = stempErrorCode((error.errorResponse as { body?: unknown } | undefined)?.body);
	return (
		code !== undefined && code.toUpperCase().startsWith(`${resource}_`) && /NOT_FOUND$/i.test(code)
	);
}

export { readStempList, readStempPage, readWholeList } from './lists';
