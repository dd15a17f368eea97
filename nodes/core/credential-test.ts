import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	ICredentialsDecrypted,
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
	/** The request that proves the credential, built from its values. */
	request(credentials: ICredentialDataDecryptedObject): {
		url: string;
		headers: Record<string, string>;
	};
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
 * `httpRequestWithAuthentication`), so the probe sets the auth header itself from the values under test.
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
	const { url, headers } = probe.request(credentials);
	try {
		response = (await ctx.helpers.request({
			method: 'GET',
			uri: url,
			headers: { Accept: 'application/json', ...headers },
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
