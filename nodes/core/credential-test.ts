import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
	IDataObject,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import type { Vendor } from './request';
import { baseUrlProblem } from './request';
import { redactText, redactValue, secretsOf } from './redaction';

interface ProbeResponse {
	statusCode: number;
	body: unknown;
}

interface CredentialProbe {
	vendor: Vendor;
	/** The Base URL the credential's values lead to, checked before anything is sent. */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** What else in the values makes a request impossible (e.g. a store hash of ".."), if anything. */
	problem?(credentials: ICredentialDataDecryptedObject): string | undefined;
	/** The read that proves the credential, built from its values (a GET). */
	request(credentials: ICredentialDataDecryptedObject): { url: string; qs?: IDataObject };
	/**
	 * Sets the credential's authentication on the request: the function the credential type's `authenticate`
	 * is, so the probe is authenticated exactly as every call of the nodes.
	 */
	authenticate(
		credentials: ICredentialDataDecryptedObject,
		request: IHttpRequestOptions,
	): IHttpRequestOptions | Promise<IHttpRequestOptions>;
	/** The verdict on an answer; undefined falls back to "any 2xx is good, anything else is not". */
	judge?(
		response: ProbeResponse,
		vendorMessage: string,
		credentials: ICredentialDataDecryptedObject,
	): INodeCredentialTestResult | undefined;
}

const PROBE_TIMEOUT_MS = 15_000;

/**
 * A credential test that can tell a good credential from a bad one by more than the status code, and quote
 * the vendor's own message when it is bad. n8n hands credential tests only its legacy `request` helper (not
 * `httpRequestWithAuthentication`), so the probe applies the credential's authentication itself (the vendor's
 * `authenticate`). A credential type's declarative `test` request would let n8n apply it, but takes any 2xx for
 * a good credential and cannot tell a wrong key from an unknown store or from a server that is not the vendor's.
 */
export function credentialTest(probe: CredentialProbe) {
	return async function (
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		return await runProbe(this, probe, credential.data ?? {});
	};
}

async function runProbe(
	ctx: ICredentialTestFunctions,
	probe: CredentialProbe,
	credentials: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const { vendor } = probe;
	const secrets = secretsOf(credentials, vendor.secretFields, vendor.basicAuthPairs);
	const safe = (result: INodeCredentialTestResult): INodeCredentialTestResult => ({
		...result,
		message: redactText(result.message, secrets),
	});

	const baseUrl = probe.baseUrl(credentials);
	const problem = baseUrlProblem(baseUrl);
	if (problem) return safe({ status: 'Error', message: `The Base URL ${problem}` });
	const valuesProblem = probe.problem?.(credentials);
	if (valuesProblem) return safe({ status: 'Error', message: valuesProblem });

	let response: ProbeResponse & { headers?: Record<string, unknown> };
	const { url: base, qs } = probe.request(credentials);
	const query = new URLSearchParams(
		Object.entries(qs ?? {}).map(([key, value]): [string, string] => [key, String(value)]),
	).toString();
	const url = query ? `${base}?${query}` : base;
	try {
		const authenticated = await probe.authenticate(credentials, {
			method: 'GET',
			url,
			headers: { Accept: 'application/json' },
		});
		response = (await ctx.helpers.request({
			method: 'GET',
			uri: url,
			headers: authenticated.headers,
			...(authenticated.auth ? { auth: authenticated.auth } : {}),
			...(authenticated.qs ? { qs: authenticated.qs } : {}),
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			// A redirect is reported, never followed: following it would send the credentials to wherever it points.
			followRedirect: false,
			timeout: PROBE_TIMEOUT_MS,
		})) as ProbeResponse;
	} catch (error) {
		const { code, cause } = error as { code?: string; cause?: { code?: string } };
		const reason = code ?? cause?.code ?? (error as Error).message;
		return safe({
			status: 'Error',
			message: `Could not reach ${vendor.name} at ${hostOf(url)} (${reason}). Check the Base URL.`,
		});
	}

	if (response.statusCode >= 300 && response.statusCode < 400) {
		return safe({
			status: 'Error',
			message: `${vendor.name} answered HTTP ${response.statusCode}, a redirect${redirectOrigin(response.headers, url)}. Set the Base URL to the address the API answers at; redirects are not followed, so the credentials are never sent elsewhere.`,
		});
	}
	// Masked before the vendor's message is read and cut short, so no part of a secret survives the cut.
	const body = redactValue(response.body, secrets);
	const vendorMessage = vendor.errorMessage(body) ?? `HTTP ${response.statusCode}`;
	const verdict = probe.judge?.(
		{ statusCode: response.statusCode, body },
		vendorMessage,
		credentials,
	);
	if (verdict) return safe(verdict);
	if (response.statusCode >= 200 && response.statusCode < 300) {
		return { status: 'OK', message: `Connected to ${vendor.name}` };
	}
	return safe({
		status: 'Error',
		message: `${vendor.name} answered HTTP ${response.statusCode}: ${vendorMessage}`,
	});
}

function redirectOrigin(headers: Record<string, unknown> | undefined, from: string): string {
	const location = headers?.location;
	try {
		return typeof location === 'string' ? ` to ${new URL(location, from).origin}` : '';
	} catch {
		return '';
	}
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'the Base URL';
	}
}
