/** What the review and review request tests share: a fake Stamped v2 store and a runner that checks for leaks. */
import type { IDataObject } from 'n8n-workflow';

import type { FakeApiOptions } from '../../fake-api/server';
import { FakeApi } from '../../fake-api/server';
import type { Review } from '../../fake-api/stamped-v2';
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../../fake-api/stamped-v2';
import { runNode } from '../../harness/engine';
import { useFastRetries } from '../../harness/fast-retries';
import { expectNoSecrets, secretForms, visibleText } from '../../harness/secrets';

export const SECRETS = secretForms(
	STAMPED_PUBLIC_KEY,
	STAMPED_PRIVATE_KEY,
	`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`,
);

/** `count` reviews, rating 1 to 5 in turn, products p0..p2, one a day from 2026-02-01, every third answered. */
export function generatedReviews(count: number, prefix = 'r'): Review[] {
	return Array.from({ length: count }, (_, i) => ({
		reviewId: `${prefix}${i}`,
		email: `buyer${i}@example.com`,
		rating: 1 + (i % 5),
		body: `Review number ${i}`,
		title: i % 4 === 0 ? 'Late delivery' : 'Fine',
		productId: `p${i % 3}`,
		published: i % 2 === 0,
		dateCreated: new Date(Date.parse('2026-02-01T10:00:00Z') + i * 86_400_000).toISOString(),
		reply: i % 3 === 0 ? `Thanks ${i}` : '',
	}));
}

/** Starts a fake API for the test file (reset before each test) and returns a getter for it. */
export function useStampedFake(options: FakeApiOptions['stamped'] = {}): () => FakeApi {
	let api: FakeApi;
	beforeAll(async () => {
		api = await new FakeApi({ stamped: options }).start();
	});
	afterAll(async () => await api.stop());
	beforeEach(() => api.reset());
	useFastRetries();
	return () => api;
}

export async function runStamped(
	api: FakeApi,
	parameters: IDataObject,
	options: { input?: IDataObject[]; continueOnFail?: boolean; baseUrl?: string } = {},
) {
	const result = await runNode({
		type: 'stamped',
		parameters: parameters as never,
		credentials: {
			stampedApi: {
				publicKey: STAMPED_PUBLIC_KEY,
				privateKey: STAMPED_PRIVATE_KEY,
				storeHash: STAMPED_STORE_HASH,
				baseUrl: options.baseUrl ?? api.stampedUrl,
			},
		},
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
	expectNoSecrets(visibleText(result.items, result.error), SECRETS);
	return result;
}

export const storePath = (suffix: string) => `/${STAMPED_STORE_HASH}${suffix}`;
