/**
 * What the stemp node's tests share: the fake API (real HTTP) started once per file and reset before each test,
 * and a runner that also asserts no credential value reached the output, the error or the log.
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
