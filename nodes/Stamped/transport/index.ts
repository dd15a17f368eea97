import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialTest } from '../../core/credential-test';
import { readPage } from '../../core/paging';
import type { Vendor } from '../../core/request';
import { ApiClient } from '../../core/request';
import { stampedProvesAbsence } from './absence';
import { EVIDENCE_LABELS, isMissingRoute, v2RequestFor } from './evidence';
import { merchantPathFor, storeHashOf, storeHashProblem } from './v3';
import type { StampedVersion } from './version';
import { baseUrlOf, V3_KEY_HEADER, versionOf } from './version';

export const STAMPED_CREDENTIAL = 'stampedApi';

/** Stamped answers errors as `{message}`; other shapes (`error`, `errors[]`, plain text) are read too. */
function stampedErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 300) : undefined;
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	for (const key of ['message', 'error', 'Message', 'detail']) {
		if (typeof record[key] === 'string' && record[key]) return record[key] as string;
	}
	if (Array.isArray(record.errors)) {
		return record.errors
			.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry)))
			.join('; ');
	}
	return undefined;
}

/** What the core needs to know about Stamped; the hints name the credential fields each version uses. */
function stampedVendorFor(version: StampedVersion): Vendor {
	return {
		name: 'Stamped',
		credentialType: STAMPED_CREDENTIAL,
		secretFields: ['publicKey', 'privateKey', 'webhookSecret'],
		basicAuthPairs: [['publicKey', 'privateKey']],
		errorMessage: stampedErrorMessage,
		hint(statusCode, path) {
			switch (statusCode) {
				case 400:
					// The v3 loyalty reference lists its 400 answers as "Unauthorized".
					return version === 'v3'
						? 'Check the values sent, and the API Private Key in the Stamped API credential.'
						: undefined;
				case 401:
				case 403:
					return version === 'v3'
						? 'Check the API Private Key in the Stamped API credential (API v3 sends it in the stamped-api-key header).'
						: 'Check the API Public Key and API Private Key in the Stamped API credential.';
				case 404:
					if (version === 'v3')
						return 'Check the customer (e-mail address or ID) and the other IDs sent, and the Store Hash in the credential.';
					if (/^\/dashboard\/reviews\//.test(path))
						return 'Check the Review ID (as Review > Get Many outputs it), and the Store Hash in the credential.';
					if (/^\/rich[sS]nippet/.test(path))
						return "Check the Product ID (the product's ID in your store), and the Store Hash in the credential.";
					return 'Check the e-mail address, and the Store Hash in the credential.';
				default:
					return undefined;
			}
		},
		provesAbsence: stampedProvesAbsence,
		explainFailure(statusCode, method, path, body, vendorMessage) {
			if (version !== 'v2' || statusCode !== 404 || !isMissingRoute(body)) return undefined;
			const request = v2RequestFor(method, path);
			if (request?.evidence !== 'sourceDocument') return undefined;
			// The route itself is missing (not a record): the endpoint rests on the source document alone.
			return {
				message: `Stamped does not serve ${method} ${request.path.replace(/\{(\w+)\}/g, ':$1')}: this API v2 endpoint is not confirmed by Stamped (${EVIDENCE_LABELS.sourceDocument})`,
				hint: `Stamped answered as for an unknown address, not an unknown record${vendorMessage && typeof body === 'object' ? ` ("${vendorMessage.slice(0, 120)}")` : ''}. Instead, use ${request.alternative ?? 'a Stamped API credential set to API v3 (Loyalty 2.0)'}.`,
			};
		},
	};
}

export const stampedVendor = stampedVendorFor('v2');
const stampedV3Vendor = stampedVendorFor('v3');

/** v2: every path starts with the store hash, so it is part of the client's base URL. */
function storeUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return `${baseUrlOf(credentials)}/${encodeURIComponent(storeHashOf(credentials))}`;
}

/**
 * The Stamped API for one execution, for the credential's version: on v2 scoped to the store; on v3 at the API
 * root, since v3 paths name the shop below `/merchant` or `/loyalty` (see `./v3`).
 */
export async function openStampedApi(
	ctx: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions,
	credentials?: ICredentialDataDecryptedObject,
): Promise<ApiClient> {
	const values: ICredentialDataDecryptedObject =
		credentials ?? (await ctx.getCredentials(STAMPED_CREDENTIAL));
	const problem = storeHashProblem(values);
	if (problem) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Invalid "Store Hash" in the Stamped API credential: ${problem}`,
			{
				description: 'Fix the Store Hash in the credential. Nothing was sent.',
			},
		);
	}
	return versionOf(values) === 'v3'
		? new ApiClient(ctx, stampedV3Vendor, values, baseUrlOf(values))
		: new ApiClient(ctx, stampedVendor, values, storeUrlOf(values));
}

/** `/dashboard/reviews/{reviewId}/reply`, the ID URL-encoded (it has been checked with `requirePathSegment`). */
export function reviewReplyPath(reviewId: string): string {
	return `/dashboard/reviews/${encodeURIComponent(reviewId)}/reply`;
}

/**
 * The client for `/api/reviews3`, which Stamped serves beside `/api/v2` rather than below the store: the Base
 * URL with its last segment (`v2`) swapped for nothing, so `https://stamped.io/api/v2` gives
 * `https://stamped.io/api`. A Base URL that does not end in `/v2` (a proxy) gives its origin's `/api`.
 */
export function reviews3Api(api: ApiClient): ApiClient {
	const base = baseUrlOf(api.credentials);
	const root = /\/v2$/.test(base)
		? base.replace(/\/v2$/, '')
		: `${/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i.exec(base)?.[0] ?? base}/api`;
	return api.at(root);
}

/** `/customers/{email}`, the e-mail URL-encoded as Stamped requires (`user%40example.com`). */
export function customerPath(email: string): string {
	return `/customers/${encodeURIComponent(email)}`;
}

/** Whether a 2xx answer is the dashboard review list's: `{results: [...]}`, as every caller of it reads it. */
function isReviewList(body: unknown): boolean {
	return (
		body !== null &&
		typeof body === 'object' &&
		!Array.isArray(body) &&
		Array.isArray((body as IDataObject).results)
	);
}

/**
 * The credential test: one small read, authenticated as the version requires (the legacy request helper n8n
 * gives credential tests does not apply `authenticate`). On v2 it reads one review of the dashboard list, an
 * endpoint integrations call with both keys (see `./evidence`), so that a valid key pair is never reported
 * wrong because an unconfirmed endpoint is missing; on v3 one customer of the published customer list.
 */
export const testStampedCredential = credentialTest({
	vendor: stampedVendor,
	baseUrl: baseUrlOf,
	problem: (credentials) => {
		const problem = storeHashProblem(credentials);
		return problem ? `Invalid Store Hash: ${problem}` : undefined;
	},
	request: (credentials): { url: string; headers: Record<string, string> } => {
		if (versionOf(credentials) === 'v3') {
			return {
				url: `${baseUrlOf(credentials)}${merchantPathFor(credentials, '/customers')}?page=0&limit=1`,
				headers: { [V3_KEY_HEADER]: String(credentials.privateKey ?? '') },
			};
		}
		return {
			url: `${storeUrlOf(credentials)}/dashboard/reviews?page=1&take=1`,
			headers: {
				Authorization:
					'Basic ' +
					Buffer.from(
						`${String(credentials.publicKey ?? '')}:${String(credentials.privateKey ?? '')}`,
					).toString('base64'),
			},
		};
	},
	judge: ({ statusCode, body }, vendorMessage, credentials) => {
		const v3 = versionOf(credentials) === 'v3';
		const isJson = body !== null && typeof body === 'object';
		const namesStore = isJson && /\b(store|shop)\b/i.test(vendorMessage);
		if (statusCode === 401 || statusCode === 403) {
			// Some APIs refuse an unknown store as unauthorized; a message naming the store says which it is.
			if (namesStore)
				return {
					status: 'Error',
					message: `Stamped does not know this Store Hash (HTTP ${statusCode}): ${vendorMessage}`,
				};
			return {
				status: 'Error',
				message: `Stamped rejected the ${v3 ? 'API Private Key' : 'API keys'} (HTTP ${statusCode}): ${vendorMessage}`,
			};
		}
		if (statusCode === 404) {
			// Stamped's own 404 is a JSON message about the store; a web page or "no such route" is another server.
			if (!isJson || isMissingRoute(body))
				return {
					status: 'Error',
					message: `The Base URL does not look like the Stamped API: HTTP 404 ${isJson ? `for an unknown address (${vendorMessage})` : 'without a JSON answer'}. Check the Base URL (${v3 ? 'https://stamped.io/api/v3' : 'https://stamped.io/api/v2'} unless you use a proxy).`,
				};
			return {
				status: 'Error',
				message: `Stamped does not know this Store Hash (HTTP 404): ${vendorMessage}`,
			};
		}
		if (statusCode >= 200 && statusCode < 300) {
			// A web page (a wrong Base URL, a login portal) or another API also answers 200; Stamped answers its list.
			const looksRight = v3 ? !readPage(body).problem : isReviewList(body);
			if (!looksRight)
				return {
					status: 'Error',
					message: `The Base URL does not look like the Stamped API: HTTP ${statusCode} without ${v3 ? 'a customer list' : 'a review list'}`,
				};
		}
		return undefined;
	},
});

/** What every node using the Stamped credential declares, so n8n can test the credential. */
export const stampedCredentialTestMethods = { credentialTest: { testStampedCredential } };

/** What an unexpected answer held, for error messages (kept in the core, shared by the v3 transport). */
export { describeAnswer } from '../../core/operation';
