import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { credentialTest } from '../../core/credential-test';
import type { OffsetExportResult } from '../../core/offset-export';
import { exportOffsetPages } from '../../core/offset-export';
import type { Wanted } from '../../core/paging';
import { MAX_PAGE_SIZE, readPage } from '../../core/paging';
import type { Vendor } from '../../core/request';
import { ApiClient } from '../../core/request';
import { merchantPathFor } from './v3';
import type { StampedVersion } from './version';
import { baseUrlOf, V3_KEY_HEADER, versionOf } from './version';

export const STAMPED_CREDENTIAL = 'stampedApi';

/** Stamped answers errors as `{message}`; other shapes (`error`, `errors[]`, plain text) are read too. */
export function stampedErrorMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 300) : undefined;
	if (!body || typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	for (const key of ['message', 'error', 'Message', 'detail']) {
		if (typeof record[key] === 'string' && record[key]) return record[key] as string;
	}
	if (Array.isArray(record.errors)) {
		return record.errors.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))).join('; ');
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
		hint(statusCode) {
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
					return version === 'v3'
						? 'Check the customer (e-mail address or ID) and the other IDs sent, and the Store Hash in the credential.'
						: 'Check the e-mail address, and the Store Hash in the credential.';
				default:
					return undefined;
			}
		},
	};
}

export const stampedVendor = stampedVendorFor('v2');
export const stampedV3Vendor = stampedVendorFor('v3');

/** v2: every path starts with the store hash, so it is part of the client's base URL. */
function storeUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return `${baseUrlOf(credentials)}/${encodeURIComponent(String(credentials.storeHash ?? ''))}`;
}

/**
 * The Stamped API for one execution, for the credential's version: on v2 scoped to the store; on v3 at the API
 * root, since v3 paths name the shop below `/merchant` or `/loyalty` (see `./v3`).
 */
export async function openStampedApi(
	ctx: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions,
	credentials?: ICredentialDataDecryptedObject,
): Promise<ApiClient> {
	const values: ICredentialDataDecryptedObject = credentials ?? (await ctx.getCredentials(STAMPED_CREDENTIAL));
	return versionOf(values) === 'v3'
		? new ApiClient(ctx, stampedV3Vendor, values, baseUrlOf(values))
		: new ApiClient(ctx, stampedVendor, values, storeUrlOf(values));
}

/** The API version of an open client (the router has checked it matches the node's API Version). */
export function apiVersionOf(api: ApiClient): StampedVersion {
	return versionOf(api.credentials);
}

/** `/customers/{email}`, the e-mail URL-encoded as Stamped requires (`user%40example.com`). */
export function customerPath(email: string): string {
	return `/customers/${encodeURIComponent(email)}`;
}

/**
 * The credential test: one small read of the customer list, authenticated as the version requires (the
 * legacy request helper n8n gives credential tests does not apply `authenticate`).
 */
export const testStampedCredential = credentialTest({
	vendor: stampedVendor,
	request: (credentials): { url: string; headers: Record<string, string> } => {
		if (versionOf(credentials) === 'v3') {
			return {
				url: `${baseUrlOf(credentials)}${merchantPathFor(credentials, '/customers')}?page=0&limit=1`,
				headers: { [V3_KEY_HEADER]: String(credentials.privateKey ?? '') },
			};
		}
		return {
			url: `${storeUrlOf(credentials)}/customers?page=1&limit=1`,
			headers: {
				Authorization:
					'Basic ' +
					Buffer.from(`${String(credentials.publicKey ?? '')}:${String(credentials.privateKey ?? '')}`).toString('base64'),
			},
		};
	},
	judge: ({ statusCode }, vendorMessage, credentials) => {
		if (statusCode === 401 || statusCode === 403) {
			const keys = versionOf(credentials) === 'v3' ? 'API Private Key' : 'API keys';
			return { status: 'Error', message: `Stamped rejected the ${keys} (HTTP ${statusCode}): ${vendorMessage}` };
		}
		if (statusCode === 404) {
			return { status: 'Error', message: `Stamped does not know this Store Hash (HTTP 404): ${vendorMessage}` };
		}
		return undefined;
	},
});

/** What every node using the Stamped credential declares, so n8n can test the credential. */
export const stampedCredentialTestMethods = { credentialTest: { testStampedCredential } };

/** Concurrency used when the node's option is not set. */
export const DEFAULT_CONCURRENCY = 4;

export interface ListRequest {
	path: string;
	qs?: IDataObject;
	wanted: Wanted;
	concurrency: number;
	key(record: IDataObject): string;
	itemIndex: number;
}

/** A Stamped list (`page` from 1, `limit` up to 100, `{data, total}`), read with Return All or a Limit. */
export async function readStampedList(api: ApiClient, list: ListRequest): Promise<OffsetExportResult> {
	return await exportOffsetPages({
		wanted: list.wanted,
		pageSize: MAX_PAGE_SIZE,
		concurrency: list.concurrency,
		key: list.key,
		fetchPage: async (page, size, onRateLimited) => {
			const body = await api.request({
				method: 'GET',
				path: list.path,
				qs: { ...list.qs, page, limit: size },
				idempotent: true,
				itemIndex: list.itemIndex,
				onRateLimited,
			});
			const { records, total } = readPage(body);
			return { records, total };
		},
	});
}
