/** Running the built nodes in n8n's engine against the fake API, for the security tests; no value ever leaks. */
import type { IDataObject } from 'n8n-workflow';

import type { FakeApi } from '../fake-api/server';
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../fake-api/stamped-v2';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID } from '../fake-api/stamped-v3';
import { STEMP_TOKEN } from '../fake-api/stemp';
import { runNode } from '../harness/engine';
import { expectNoSecrets, secretForms, visibleText } from '../harness/secrets';

export const STEMP_SIGNING_SECRET = 'whsec-security-stemp-3a9f0c';
export const STAMPED_WEBHOOK_SECRET = 'stamped-security-webhook-61de';

/** Every credential value of the tests, in the forms a leak would take (plain, Base64, the Basic pairs). */
export const ALL_SECRETS = [
	...secretForms(
		STEMP_TOKEN,
		STEMP_SIGNING_SECRET,
		STAMPED_PUBLIC_KEY,
		STAMPED_PRIVATE_KEY,
		STAMPED_V3_PRIVATE_KEY,
		STAMPED_WEBHOOK_SECRET,
		`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`,
		`${STAMPED_PUBLIC_KEY}:${STAMPED_V3_PRIVATE_KEY}`,
	),
	// What is left of the private key once a 300-character cut takes its last character.
	STAMPED_PRIVATE_KEY.slice(0, -1),
	STEMP_TOKEN.slice(0, -1),
];

export interface Options {
	input?: IDataObject[];
	continueOnFail?: boolean;
	credentials?: IDataObject;
}

async function run(
	type: string,
	parameters: IDataObject,
	credentials: Record<string, IDataObject>,
	options: Options,
) {
	const result = await runNode({
		type,
		parameters: parameters as never,
		credentials: credentials as never,
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
	expectNoSecrets(visibleText(result.items, result.error), ALL_SECRETS);
	return result;
}

export function stemp(api: FakeApi, parameters: IDataObject, options: Options = {}) {
	return run(
		'stemp',
		{ resource: 'stamp', ...parameters },
		{
			stempApi: {
				apiToken: STEMP_TOKEN,
				baseUrl: api.stempUrl,
				webhookSigningSecret: STEMP_SIGNING_SECRET,
				...options.credentials,
			},
		},
		options,
	);
}

export function stampedV2(api: FakeApi, parameters: IDataObject, options: Options = {}) {
	return run(
		'stamped',
		{ apiVersion: 'v2', ...parameters },
		{
			stampedApi: {
				apiVersion: 'v2',
				publicKey: STAMPED_PUBLIC_KEY,
				privateKey: STAMPED_PRIVATE_KEY,
				storeHash: STAMPED_STORE_HASH,
				baseUrl: api.stampedUrl,
				webhookSecret: STAMPED_WEBHOOK_SECRET,
				...options.credentials,
			},
		},
		options,
	);
}

export function stampedV3(api: FakeApi, parameters: IDataObject, options: Options = {}) {
	return run(
		'stamped',
		{ apiVersion: 'v3', ...parameters },
		{
			stampedApi: {
				apiVersion: 'v3',
				publicKey: STAMPED_PUBLIC_KEY,
				privateKey: STAMPED_V3_PRIVATE_KEY,
				storeHash: STAMPED_V3_SHOP_ID,
				baseUrl: api.stampedV3Url,
				webhookSecret: STAMPED_WEBHOOK_SECRET,
				...options.credentials,
			},
		},
		options,
	);
}
