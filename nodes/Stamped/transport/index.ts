import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialTest } from '../../core/credential-test';
import type { Vendor } from '../../core/request';
import { ApiClient } from '../../core/request';
import { stampedProvesAbsence } from './absence';
import { isMissingRoute } from './evidence';
import { storeHashProblem } from './v3';
import type { StampedProfile, StampedVersion } from './version';
import {
	authenticateStamped,
	baseUrlOf,
	otherVersionMessage,
	profileOf,
	STAMPED_PROFILES,
} from './version';

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

/** What the core needs to know about Stamped on one version; the hints name the credential fields it uses. */
function stampedVendorOf(profile: StampedProfile): Vendor {
	return {
		name: 'Stamped',
		credentialType: STAMPED_CREDENTIAL,
		secretFields: ['publicKey', 'privateKey', 'webhookSecret'],
		basicAuthPairs: [['publicKey', 'privateKey']],
		errorMessage: stampedErrorMessage,
		hint: profile.hint,
		provesAbsence: stampedProvesAbsence,
		explainFailure: profile.explainFailure,
	};
}

const VENDORS: Record<StampedVersion, Vendor> = {
	v2: stampedVendorOf(STAMPED_PROFILES.v2),
	v3: stampedVendorOf(STAMPED_PROFILES.v3),
};

/** Stamped as the core sees it, whichever version: its name, credential, secrets and error shapes. */
export const stampedVendor = VENDORS.v2;

/**
 * The Stamped API for one execution, for the credential's version, at its root (see `StampedProfile.rootOf`).
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
	const profile = profileOf(values);
	return new ApiClient(ctx, VENDORS[profile.version], values, profile.rootOf(values));
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

/**
 * The credential test: one small read (the profile's probe), authenticated as the credential's `authenticate`
 * does it. A wrong key, an unknown Store Hash and a server that is not Stamped each get their own message; an
 * answer that is not the probe's list is never taken for a good credential.
 */
export const testStampedCredential = credentialTest({
	vendor: stampedVendor,
	baseUrl: baseUrlOf,
	problem: (credentials) => {
		const problem = storeHashProblem(credentials);
		return problem ? `Invalid Store Hash: ${problem}` : undefined;
	},
	request: (credentials) => {
		const { probe, rootOf } = profileOf(credentials);
		return { url: `${rootOf(credentials)}${probe.path(credentials)}`, qs: probe.qs };
	},
	authenticate: authenticateStamped,
	judge: ({ statusCode, body }, vendorMessage, credentials) => {
		const profile = profileOf(credentials);
		const isJson = body !== null && typeof body === 'object';
		const namesStore = isJson && /\b(store|shop)\b/i.test(vendorMessage);
		if (statusCode === 401 || statusCode === 403) {
			// Some APIs refuse an unknown store as unauthorized; a message naming the store says which it is.
			if (namesStore)
				return {
					status: 'Error',
					message: `Stamped does not know this Store Hash (HTTP ${statusCode}): ${vendorMessage}`,
				};
			const other = otherVersionAsked(profile, vendorMessage);
			return {
				status: 'Error',
				message: `Stamped rejected the ${profile.keys} (HTTP ${statusCode}): ${vendorMessage}${other ? `. ${other}` : ''}`,
			};
		}
		if (statusCode === 404) {
			// Stamped's own 404 is a JSON message about the store; a web page or "no such route" is another server.
			if (!isJson || isMissingRoute(body))
				return {
					status: 'Error',
					message: `The Base URL does not look like the Stamped API: HTTP 404 ${isJson ? `for an unknown address (${vendorMessage})` : 'without a JSON answer'}. Check the Base URL (${profile.defaultBaseUrl} unless you use a proxy).`,
				};
			return {
				status: 'Error',
				message: `Stamped does not know this Store Hash (HTTP 404): ${vendorMessage}`,
			};
		}
		// A web page (a wrong Base URL, a login portal) or another API also answers 200; Stamped answers its list.
		if (statusCode >= 200 && statusCode < 300 && !profile.probe.isAnswer(body))
			return {
				status: 'Error',
				message: `The Base URL does not look like the Stamped API: HTTP ${statusCode} without ${profile.probe.answer}`,
			};
		return undefined;
	},
});

/**
 * An auth refusal that shows the Base URL leads to the other version's API (see `StampedProfile.otherVersionIn`),
 * said as every "only the other version offers it" refusal says it.
 */
function otherVersionAsked(profile: StampedProfile, vendorMessage: string): string | undefined {
	const other = profile.otherVersionIn?.(vendorMessage);
	if (!other) return undefined;
	const { message } = otherVersionMessage({
		what: `The API at this Base URL ${other.sign}, which is sent`,
		offeredBy: [other.version],
		actual: profile.version,
		instead: '',
	});
	return `${message}: set the credential's API Version to ${other.version}, or check the Base URL`;
}

/** What every node using the Stamped credential declares, so n8n can test the credential. */
export const stampedCredentialTestMethods = { credentialTest: { testStampedCredential } };
