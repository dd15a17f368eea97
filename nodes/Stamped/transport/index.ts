import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { credentialTest } from '../../core/credential-test';
import type { OffsetExportResult } from '../../core/offset-export';
import { exportOffsetPages } from '../../core/offset-export';
import type { Wanted } from '../../core/paging';
import { readPage } from '../../core/paging';
import type { Vendor } from '../../core/request';
import { ApiClient } from '../../core/request';

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

export const stampedVendor: Vendor = {
	name: 'Stamped',
	credentialType: STAMPED_CREDENTIAL,
	secretFields: ['publicKey', 'privateKey', 'webhookSecret'],
	basicAuthPairs: [['publicKey', 'privateKey']],
	errorMessage: stampedErrorMessage,
	hint(statusCode) {
		switch (statusCode) {
			case 401:
			case 403:
				return 'Check the API Public Key and API Private Key in the Stamped API credential.';
			case 404:
				return 'Check the e-mail address, and the Store Hash in the credential.';
			default:
				return undefined;
		}
	},
};

function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl || 'https://stamped.io/api/v2').replace(/\/+$/, '');
}

/** Every Stamped path starts with the store hash. */
function storeUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return `${baseUrlOf(credentials)}/${encodeURIComponent(String(credentials.storeHash ?? ''))}`;
}

/** The Stamped API for one execution, scoped to the credential's store. */
export async function openStampedApi(ctx: IExecuteFunctions | ILoadOptionsFunctions): Promise<ApiClient> {
	const credentials = await ctx.getCredentials(STAMPED_CREDENTIAL);
	return new ApiClient(ctx, stampedVendor, credentials, storeUrlOf(credentials));
}

/** `/customers/{email}`, the e-mail URL-encoded as Stamped requires (`user%40example.com`). */
export function customerPath(email: string): string {
	return `/customers/${encodeURIComponent(email)}`;
}

export const testStampedCredential = credentialTest({
	vendor: stampedVendor,
	request: (credentials) => ({
		url: `${storeUrlOf(credentials)}/customers?page=1&limit=1`,
		headers: {
			Authorization:
				'Basic ' +
				Buffer.from(`${String(credentials.publicKey ?? '')}:${String(credentials.privateKey ?? '')}`).toString('base64'),
		},
	}),
	judge: ({ statusCode }, vendorMessage) => {
		if (statusCode === 401 || statusCode === 403) {
			return { status: 'Error', message: `Stamped rejected the API keys (HTTP ${statusCode}): ${vendorMessage}` };
		}
		if (statusCode === 404) {
			return { status: 'Error', message: `Stamped does not know this Store Hash (HTTP 404): ${vendorMessage}` };
		}
		return undefined;
	},
});

/** What every node using the Stamped credential declares, so n8n can test the credential. */
export const stampedCredentialTestMethods = { credentialTest: { testStampedCredential } };

/** The largest page Stamped serves. */
export const STAMPED_PAGE_SIZE = 100;

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
		pageSize: STAMPED_PAGE_SIZE,
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
