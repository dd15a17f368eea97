/**
 * What the stemp node's tests share: the fake API (real HTTP) started once per file and reset before each test,
 * and runners (Stamp: `stemp`; User: `useStempUsers`) that also assert no credential value reached the output,
 * the error or the log.
 */
import type { IDataObject } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import { STEMP_TOKEN } from '../fake-api/stemp';
import { runNode } from '../harness/engine';
import { useFastRetries } from '../harness/fast-retries';
import { expectNoSecrets, secretForms, visibleText } from '../harness/secrets';

const SIGNING_SECRET = 'whsec-stemp-signing-9d2b61';
export const SECRETS = secretForms(STEMP_TOKEN, SIGNING_SECRET);

/** The fake API of the current test file, started by `useStempApi`. */
export let api: FakeApi;

export function useStempApi(): void {
	beforeAll(async () => {
		api = await new FakeApi().start();
	});
	afterAll(async () => await api.stop());
	beforeEach(() => api.reset());
	useFastRetries();
}

function credentials(token = STEMP_TOKEN) {
	return {
		stempApi: { apiToken: token, baseUrl: api.stempUrl, webhookSigningSecret: SIGNING_SECRET },
	};
}

/** Runs the stemp node once (resource Stamp unless the parameters say otherwise) against the fake API. */
export async function stemp(
	parameters: IDataObject,
	options: {
		input?: IDataObject[];
		continueOnFail?: boolean;
		token?: string;
		/** The node's version (1 unless given): version 2 shows resource locators. */
		typeVersion?: number;
	} = {},
) {
	const result = await runNode({
		type: 'stemp',
		parameters: { resource: 'stamp', ...parameters } as never,
		credentials: credentials(options.token),
		input: options.input,
		continueOnFail: options.continueOnFail,
		typeVersion: options.typeVersion,
	});
	expectNoSecrets(visibleText(result.items, result.error), SECRETS);
	return result;
}

export interface RunUserOptions {
	input?: IDataObject[];
	continueOnFail?: boolean;
	token?: string;
}

/** Starts the fake API for the calling test file; `api()` is the running instance. */
export function useStempUsers() {
	let api: FakeApi | undefined;
	beforeAll(async () => {
		api = await new FakeApi().start();
	});
	afterAll(async () => await api?.stop());
	beforeEach(() => api!.reset());
	useFastRetries();

	const current = () => api!;
	/** Runs the stemp node on the user resource; whatever happened, no credential value may be visible. */
	const user = async (parameters: IDataObject, options: RunUserOptions = {}) => {
		const result = await runNode({
			type: 'stemp',
			parameters: { resource: 'user', ...parameters } as never,
			credentials: {
				stempApi: {
					apiToken: options.token ?? STEMP_TOKEN,
					baseUrl: current().stempUrl,
					webhookSigningSecret: SIGNING_SECRET,
				},
			},
			input: options.input,
			continueOnFail: options.continueOnFail,
		});
		expectNoSecrets(visibleText(result.items, result.error), SECRETS);
		return result;
	};
	return { api: current, user };
}

/** A vendor error body that echoes the token, plain and in Base64, to prove it is redacted. */
export function echoingTheToken(status: number) {
	const base64 = Buffer.from(STEMP_TOKEN).toString('base64');
	return {
		error: { code: 'ECHO', message: `Bearer ${STEMP_TOKEN} (${base64}) failed with ${status}` },
	};
}

export const REDACTED_ECHO = (status: number) =>
	`Bearer [redacted] ([redacted]) failed with ${status} (ECHO)`;
