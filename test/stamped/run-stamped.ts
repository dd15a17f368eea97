/**
 * Runs the Stamped node in n8n's engine against the fake API, on a v3 credential unless told otherwise, and
 * checks that no credential value reached the output, the error or the log.
 */
import type { IDataObject } from 'n8n-workflow';

import type { FakeApi } from '../fake-api/server';
import { STAMPED_PRIVATE_KEY, STAMPED_PUBLIC_KEY, STAMPED_STORE_HASH } from '../fake-api/stamped-v2';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID } from '../fake-api/stamped-v3';
import { runNode } from '../harness/engine';
import { expectNoSecrets, secretForms, visibleText } from '../harness/secrets';

export const WEBHOOK_SECRET = 'stamped-webhook-secret-13b-4c1f';
export const SECRETS = secretForms(
	STAMPED_V3_PRIVATE_KEY,
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	WEBHOOK_SECRET,
	`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`,
	`${STAMPED_PUBLIC_KEY}:${STAMPED_V3_PRIVATE_KEY}`,
);

export function v3Credential(api: FakeApi): IDataObject {
	return { apiVersion: 'v3', privateKey: STAMPED_V3_PRIVATE_KEY, storeHash: STAMPED_V3_SHOP_ID, baseUrl: api.stampedV3Url, webhookSecret: WEBHOOK_SECRET };
}

export function v2Credential(api: FakeApi): IDataObject {
	return {
		apiVersion: 'v2',
		publicKey: STAMPED_PUBLIC_KEY,
		privateKey: STAMPED_PRIVATE_KEY,
		storeHash: STAMPED_STORE_HASH,
		baseUrl: api.stampedUrl,
		webhookSecret: WEBHOOK_SECRET,
	};
}

export async function runStamped(api: FakeApi, parameters: IDataObject, options: { credential?: IDataObject; input?: IDataObject[]; continueOnFail?: boolean } = {}) {
	const result = await runNode({
		type: 'stamped',
		parameters: { apiVersion: 'v3', ...parameters } as never,
		credentials: { stampedApi: (options.credential ?? v3Credential(api)) as never },
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
	expectNoSecrets(visibleText(result.items, result.error), SECRETS);
	return result;
}

export const merchantPath = (suffix: string) => `/merchant/shops/${STAMPED_V3_SHOP_ID}${suffix}`;
export const loyaltyPath = (suffix: string) => `/loyalty/shops/${STAMPED_V3_SHOP_ID}${suffix}`;
