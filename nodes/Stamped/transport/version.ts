import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { normalizeBaseUrl } from '../../core/request';

/**
 * Stamped runs two API generations: v2 (Basic authentication, paths below `/{storeHash}`) and v3, the API of
 * shops on Stamped's current loyalty product "Loyalty 2.0" (`stamped-api-key` header, paths below
 * `/merchant/shops/{shopId}` and `/loyalty/shops/{shopId}`).
 */
export type StampedVersion = 'v2' | 'v3';

export const STAMPED_VERSIONS: readonly StampedVersion[] = ['v2', 'v3'];

/** How the editor names each version where it says which versions offer something. */
export const STAMPED_VERSION_NAMES: Record<StampedVersion, string> = {
	v2: 'API v2',
	v3: 'Loyalty 2.0 (API v3)',
};

export const DEFAULT_BASE_URLS: Record<StampedVersion, string> = {
	v2: 'https://stamped.io/api/v2',
	v3: 'https://stamped.io/api/v3',
};

/** The version a credential is for; credentials saved before versions existed are v2. */
export function versionOf(credentials: ICredentialDataDecryptedObject): StampedVersion {
	return credentials.apiVersion === 'v3' ? 'v3' : 'v2';
}

/**
 * The base URL to call, without a trailing slash. The credential keeps one Base URL field across versions, so a
 * credential created as v2 and switched to v3 still holds the v2 default: another version's default (or an
 * empty field) means "this version's default". Any other URL (a proxy, a sandbox) is used as entered.
 */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const version = versionOf(credentials);
	const entered = normalizeBaseUrl(credentials.baseUrl, '');
	const isSomeDefault = entered === '' || Object.values(DEFAULT_BASE_URLS).includes(entered);
	return isSomeDefault ? DEFAULT_BASE_URLS[version] : entered;
}

/** The header v3 carries the private key in. */
export const V3_KEY_HEADER = 'stamped-api-key';

/**
 * The request headers that authenticate a call: HTTP Basic (public key : private key) on v2, the private key
 * in `stamped-api-key` on v3. Only the one that applies is sent: n8n turns any `auth` object into a Basic
 * header (even with empty values), and sends empty headers as they are.
 */
export function authenticateStamped(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	if (versionOf(credentials) === 'v3') {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, [V3_KEY_HEADER]: String(credentials.privateKey ?? '') },
		};
	}
	return {
		...requestOptions,
		auth: {
			username: String(credentials.publicKey ?? ''),
			password: String(credentials.privateKey ?? ''),
		},
	};
}
