/**
 * Stamped runs two API generations: v2 (Basic authentication, paths below `/{storeHash}`) and v3, the API of
 * shops on Stamped's current loyalty product "Loyalty 2.0" (`stamped-api-key` header, paths below
 * `/merchant/shops/{shopId}` and `/loyalty/shops/{shopId}`). The credential decides which one is called.
 *
 * This file is the one place that knows how they differ: each version's profile (authentication, base URL and
 * its default, hints, the credential test's probe, list shapes, the customer list the picker reads, the event the
 * polling trigger reads), and the one refusal of something only the other version offers. Everything else asks
 * the credential's profile; operations declare what they do on each version with `defineOperation`'s `versions`.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PageContent } from '../../core/paging';
import type { Vendor } from '../../core/request';
import { normalizeBaseUrl } from '../../core/request';
import { isV3PageOf, readListUnder, readStampedPage, readV3Page } from './answers';
import { EVIDENCE_LABELS, isMissingRoute, v2RequestFor } from './evidence';
import { merchantPathFor, storeHashOf } from './v3';

export type StampedVersion = 'v2' | 'v3';

export const STAMPED_VERSIONS: readonly StampedVersion[] = ['v2', 'v3'];

/** The header v3 carries the private key in. */
export const V3_KEY_HEADER = 'stamped-api-key';

/** What differs between the two versions, and nothing else. */
export interface StampedProfile {
	version: StampedVersion;
	/** How the editor names it where it says which versions offer something. */
	name: string;
	defaultBaseUrl: string;
	/**
	 * Sets this version's authentication on a request: what the credential's `authenticate` does, and what the
	 * credential test applies to its probe. Only the one that applies is sent: n8n turns any `auth` object into a
	 * Basic header (even with empty values), and sends empty headers as they are.
	 */
	authenticate(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): IHttpRequestOptions;
	/** Where the client's paths start: v2's are below the store, v3's name the shop themselves. */
	rootOf(credentials: ICredentialDataDecryptedObject): string;
	/** What the credential's keys are called in messages. */
	keys: string;
	/**
	 * Whether an auth refusal's message shows the Base URL leads to the other version's API: which, and what
	 * gives it away.
	 */
	otherVersionIn?(vendorMessage: string): { version: StampedVersion; sign: string } | undefined;
	/** What to check when Stamped answers this status to the call on `path`. */
	hint: NonNullable<Vendor['hint']>;
	/** A better message than the status alone, where the version knows one (see `Vendor.explainFailure`). */
	explainFailure?: Vendor['explainFailure'];
	/** The credential test's one small read, below `rootOf`, and whether an answer is Stamped's answer to it. */
	probe: {
		path(credentials: ICredentialDataDecryptedObject): string;
		qs: IDataObject;
		/** What the answer is, for messages: "a review list". */
		answer: string;
		isAnswer(body: unknown): boolean;
	};
	/** How this version's lists page. */
	lists: {
		/** The number of the first page. */
		firstPage: number;
		/** Whether every page tells the list's total, so that pages after the first can be read side by side. */
		tellsTotal: boolean;
		readPage(body: unknown): PageContent;
		/** How a list in the query is written, where the version says (`tags=a&tags=b`); n8n's default else. */
		arrayFormat?: 'repeat';
	};
	/** The customer list the Customer picker reads, and the query parameter it can search by, if any. */
	customers: { path(credentials: ICredentialDataDecryptedObject): string; searchBy?: string };
	/** The polling trigger's event that reads this version's list. */
	pollEvent: string;
}

const privateKeyOf = (credentials: ICredentialDataDecryptedObject) =>
	String(credentials.privateKey ?? '');

const v2: StampedProfile = {
	version: 'v2',
	name: 'API v2',
	defaultBaseUrl: 'https://stamped.io/api/v2',
	authenticate: (credentials, request) => ({
		...request,
		auth: { username: String(credentials.publicKey ?? ''), password: privateKeyOf(credentials) },
	}),
	rootOf: (credentials) =>
		`${baseUrlOf(credentials)}/${encodeURIComponent(storeHashOf(credentials))}`,
	keys: 'API keys',
	otherVersionIn: (vendorMessage) =>
		vendorMessage.includes(V3_KEY_HEADER)
			? { version: 'v3', sign: `asks for the ${V3_KEY_HEADER} header` }
			: undefined,
	hint(statusCode, path) {
		if (statusCode === 401 || statusCode === 403)
			return 'Check the API Public Key and API Private Key in the Stamped API credential.';
		if (statusCode !== 404) return undefined;
		if (/^\/dashboard\/reviews\//.test(path))
			return 'Check the Review ID (as Review > Get Many outputs it), and the Store Hash in the credential.';
		if (/^\/rich[sS]nippet/.test(path))
			return "Check the Product ID (the product's ID in your store), and the Store Hash in the credential.";
		return 'Check the e-mail address, and the Store Hash in the credential.';
	},
	explainFailure(statusCode, method, path, body, vendorMessage) {
		if (statusCode !== 404 || !isMissingRoute(body)) return undefined;
		const request = v2RequestFor(method, path);
		if (request?.evidence !== 'sourceDocument') return undefined;
		// The route itself is missing (not a record): the endpoint rests on the source document alone.
		return {
			message: `Stamped does not serve ${method} ${request.path.replace(/\{(\w+)\}/g, ':$1')}: this API v2 endpoint is not confirmed by Stamped (${EVIDENCE_LABELS.sourceDocument})`,
			hint: `Stamped answered as for an unknown address, not an unknown record${vendorMessage && typeof body === 'object' ? ` ("${vendorMessage.slice(0, 120)}")` : ''}. Instead, use ${request.alternative ?? 'a Stamped API credential set to API v3 (Loyalty 2.0)'}.`,
		};
	},
	// The dashboard review list: integrations call it with both keys (see ./evidence), so a valid key pair is never
	// reported wrong because an unconfirmed endpoint is missing. Its answer is taken as Review > Get Many takes it
	// (`{results: [...]}` or a bare list of reviews).
	probe: {
		path: () => '/dashboard/reviews',
		qs: { page: 1, take: 1 },
		answer: 'a review list',
		isAnswer: (body) => {
			const page = readListUnder(body, 'results');
			return page !== undefined && page.problem === undefined;
		},
	},
	lists: { firstPage: 1, tellsTotal: true, readPage: readStampedPage },
	customers: { path: () => '/customers' },
	pollEvent: 'review.created',
};

const v3: StampedProfile = {
	version: 'v3',
	name: 'Loyalty 2.0 (API v3)',
	defaultBaseUrl: 'https://stamped.io/api/v3',
	authenticate: (credentials, request) => ({
		...request,
		headers: { ...request.headers, [V3_KEY_HEADER]: privateKeyOf(credentials) },
	}),
	rootOf: (credentials) => baseUrlOf(credentials),
	keys: 'API Private Key',
	hint(statusCode) {
		switch (statusCode) {
			case 400:
				// The v3 loyalty reference lists its 400 answers as "Unauthorized".
				return 'Check the values sent, and the API Private Key in the Stamped API credential.';
			case 401:
			case 403:
				return `Check the API Private Key in the Stamped API credential (API v3 sends it in the ${V3_KEY_HEADER} header).`;
			case 404:
				return 'Check the customer (e-mail address or ID) and the other IDs sent, and the Store Hash in the credential.';
			default:
				return undefined;
		}
	},
	// One customer of the published customer list: a page object holding `customers`, as the reference declares
	// it; a bare list (`[]`) is some other server's answer.
	probe: {
		path: (credentials) => merchantPathFor(credentials, '/customers'),
		qs: { page: 0, limit: 1 },
		answer: 'a customer list',
		isAnswer: (body) => isV3PageOf(body, 'customers'),
	},
	lists: { firstPage: 0, tellsTotal: false, readPage: readV3Page, arrayFormat: 'repeat' },
	customers: {
		path: (credentials) => merchantPathFor(credentials, '/customers'),
		searchBy: 'email',
	},
	pollEvent: 'loyalty.activity_created',
};

export const STAMPED_PROFILES: Readonly<Record<StampedVersion, StampedProfile>> = { v2, v3 };

/** How the editor names each version where it says which versions offer something. */
export const STAMPED_VERSION_NAMES: Record<StampedVersion, string> = {
	v2: v2.name,
	v3: v3.name,
};

export const DEFAULT_BASE_URLS: Record<StampedVersion, string> = {
	v2: v2.defaultBaseUrl,
	v3: v3.defaultBaseUrl,
};

/** The version a credential is for; credentials saved before versions existed are v2. */
export function versionOf(credentials: ICredentialDataDecryptedObject): StampedVersion {
	return credentials.apiVersion === 'v3' ? 'v3' : 'v2';
}

/** The profile of the version a credential is for. */
export function profileOf(credentials: ICredentialDataDecryptedObject): StampedProfile {
	return STAMPED_PROFILES[versionOf(credentials)];
}

/**
 * The base URL to call, without a trailing slash. The credential keeps one Base URL field across versions, so a
 * credential created as v2 and switched to v3 still holds the v2 default: another version's default (or an
 * empty field) means "this version's default". Any other URL (a proxy, a sandbox) is used as entered.
 */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const entered = normalizeBaseUrl(credentials.baseUrl, '');
	const isSomeDefault = entered === '' || Object.values(DEFAULT_BASE_URLS).includes(entered);
	return isSomeDefault ? profileOf(credentials).defaultBaseUrl : entered;
}

/** The credential's `authenticate`: the request with the authentication of the credential's version. */
export function authenticateStamped(
	credentials: ICredentialDataDecryptedObject,
	request: IHttpRequestOptions,
): IHttpRequestOptions {
	return profileOf(credentials).authenticate(credentials, request);
}

/** What a refusal says is offered elsewhere, and what the user may do instead. */
export interface OtherVersion {
	/** The sentence's subject and verb, before "by Stamped API v3": `"Tier > Set" is offered`, `Reviews are listed`. */
	what: string;
	/** The versions that offer it. */
	offeredBy: readonly string[];
	/** The version the credential is for. */
	actual: StampedVersion;
	/** What else the user can do, after "Select a credential for Stamped API v3, or ". */
	instead: string;
}

/** The one message for something only the other version offers: what, who offers it, and what to do. */
export function otherVersionMessage({ what, offeredBy, actual, instead }: OtherVersion): {
	message: string;
	description: string;
} {
	return {
		message: `${what} by Stamped API ${offeredBy.join(' and ')}, but the selected credential is for Stamped API ${actual}`,
		description: `Select a credential for Stamped API ${offeredBy.join(' or ')}, or ${instead}. Nothing was sent.`,
	};
}

/**
 * The one refusal of something only the other version offers, before anything is sent: operations, pickers,
 * dropdowns and the polling trigger all refuse with it (the credential test says the same in its own words).
 */
export function otherVersionError(node: INode, refusal: OtherVersion): NodeOperationError {
	const { message, description } = otherVersionMessage(refusal);
	return new NodeOperationError(node, message, { description });
}

/** The profile of the credential's version when it is `needed`, else the refusal (see `otherVersionError`). */
export function requireVersion(
	node: INode,
	credentials: ICredentialDataDecryptedObject,
	needed: StampedVersion,
	refusal: Omit<OtherVersion, 'offeredBy' | 'actual'>,
): StampedProfile {
	const profile = profileOf(credentials);
	if (profile.version !== needed)
		throw otherVersionError(node, { ...refusal, offeredBy: [needed], actual: profile.version });
	return profile;
}
