/**
 * What the Stamped node's tests share: one fake API (Stamped v2 and v3 behind it, real HTTP), a runner per API
 * version that also asserts no credential value reached the output, the error or the log, and the table of
 * per-version facts that the cases both versions share are driven by (`describe.each(VERSIONS)`); for the review
 * and review request tests, a fake v2 store of their own per file (`useStampedFake`, `runStampedOn`).
 */
import type { IDataObject } from 'n8n-workflow';

import type { FakeApiOptions } from '../fake-api/server';
import { FakeApi } from '../fake-api/server';
import type { Review } from '../fake-api/stamped-v2';
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../fake-api/stamped-v2';
import type { StampedV3Options } from '../fake-api/stamped-v3';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID, StampedV3 } from '../fake-api/stamped-v3';
import { runNode } from '../harness/engine';
import { useFastRetries } from '../harness/fast-retries';
import { expectNoSecrets, secretForms, visibleText } from '../harness/secrets';

export const WEBHOOK_SECRET = 'stamped-webhook-secret-51f0';
// A v2 public key left in a v3 credential is hidden for v3, so n8n does not even hand it to the node; it must
// not be sent or shown either.
const SECRETS = secretForms(
	STAMPED_PUBLIC_KEY,
	STAMPED_PRIVATE_KEY,
	STAMPED_V3_PRIVATE_KEY,
	WEBHOOK_SECRET,
	`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`,
	`${STAMPED_PUBLIC_KEY}:${STAMPED_V3_PRIVATE_KEY}`,
);

export const reviews: Review[] = Array.from({ length: 130 }, (_, i) => ({
	reviewId: `rev${i}`,
	email: i % 3 === 0 ? 'jane@example.com' : `buyer${i}@example.com`,
	rating: 1 + (i % 5),
	body: `Review ${i}`,
	productId: `prod${i % 7}`,
	published: true,
}));

const JANE_V3 = {
	email: 'jane@example.com',
	firstName: 'Jane',
	points: 150,
	customCustomerId: 'shop-jane',
	shopifyId: '1001',
	bigcommerceId: '2002',
};

/** The fake API of the current test file, started by `useStampedApi`. */
export let api: FakeApi;

/** Starts the fake API for the file, resets it before each test, and shortens the retry waits. */
export function useStampedApi(): void {
	beforeAll(async () => {
		api = await new FakeApi({
			stamped: {
				customers: [{ email: 'jane@example.com', firstName: 'Jane', points: 150 }],
				reviews,
			},
			stampedV3: { customers: [JANE_V3] },
		}).start();
	});
	afterAll(async () => await api.stop());
	beforeEach(() => api.reset());
	useFastRetries();
}

export type Version = 'v2' | 'v3';

export interface RunOptions {
	input?: IDataObject[];
	continueOnFail?: boolean;
	privateKey?: string;
	/** Overrides of the credential's fields, e.g. another store hash or API version. */
	credentials?: IDataObject;
	/** The node's version (1 unless given): version 2 shows resource locators. */
	typeVersion?: number;
}

/**
 * Runs the Stamped node once with a credential for `version`. The v2 credential has no API Version, as one saved
 * before versions existed; on v3 the node's API Version is v3 unless the parameters say otherwise.
 */
export async function runStamped(
	version: Version,
	parameters: IDataObject,
	options: RunOptions = {},
) {
	const credential =
		version === 'v2'
			? {
					publicKey: STAMPED_PUBLIC_KEY,
					privateKey: options.privateKey ?? STAMPED_PRIVATE_KEY,
					storeHash: STAMPED_STORE_HASH,
					baseUrl: api.stampedUrl,
				}
			: {
					apiVersion: 'v3',
					publicKey: STAMPED_PUBLIC_KEY,
					privateKey: options.privateKey ?? STAMPED_V3_PRIVATE_KEY,
					storeHash: STAMPED_V3_SHOP_ID,
					baseUrl: api.stampedV3Url,
				};
	const result = await runNode({
		type: 'stamped',
		parameters: (version === 'v3' ? { apiVersion: 'v3', ...parameters } : parameters) as never,
		credentials: {
			stampedApi: {
				...credential,
				webhookSecret: WEBHOOK_SECRET,
				...(options.credentials ?? {}),
			} as never,
		},
		input: options.input,
		continueOnFail: options.continueOnFail,
		typeVersion: options.typeVersion,
	});
	expectNoSecrets(visibleText(result.items, result.error), SECRETS);
	return result;
}

export const stampedV2 = (parameters: IDataObject, options?: RunOptions) =>
	runStamped('v2', parameters, options);
export const stampedV3 = (parameters: IDataObject, options?: RunOptions) =>
	runStamped('v3', parameters, options);

/** A v2 credential, as overrides of the v3 runner's (for tests of a node and credential that disagree). */
export const v2Credential = () => ({
	apiVersion: 'v2',
	privateKey: STAMPED_PRIVATE_KEY,
	storeHash: STAMPED_STORE_HASH,
	baseUrl: api.stampedUrl,
});

/** v2 paths: under the store hash. */
export const v2Path = (suffix: string) => `/${STAMPED_STORE_HASH}${suffix}`;
/** v3 paths: the merchant API (customers) and the loyalty API (points, activities, rewards). */
export const merchant = (suffix: string) => `/merchant/shops/${STAMPED_V3_SHOP_ID}${suffix}`;
export const loyalty = (suffix: string) => `/loyalty/shops/${STAMPED_V3_SHOP_ID}${suffix}`;
/** Jane as the fake v3 API holds her. */
export const jane = () => api.stampedV3.byEmail('jane@example.com')!;
export const lookupOfJane = {
	method: 'GET',
	path: merchant('/customers/lookup'),
	query: { email: 'jane@example.com' },
};
/** The requests so far, as "METHOD path status" lines. */
export const summary = () =>
	api.requests().map((request) => `${request.method} ${request.path} ${request.status}`);
export const emailsOf = (items: Array<{ json: IDataObject }>) =>
	items.map((item) => item.json.email as string);

/** Replaces the fake v3 API with one configured differently (numbers, envelope keys), keeping Jane. */
export function configureV3(options: StampedV3Options): void {
	api.stampedV3 = new StampedV3({ customers: [JANE_V3], ...options });
}

/** What differs between the versions in the cases both share. */
export interface VersionCase {
	run: (parameters: IDataObject, options?: RunOptions) => ReturnType<typeof runStamped>;
	vendor: 'stamped' | 'stampedV3';
	/** Leaves exactly `count` generated customers in the store. */
	seedOnly: (count: number) => void;
	/** Jane's balance as the fake API holds it. */
	pointsOfJane: () => number;
	/** The request path (or a part of it) that changes points. */
	pointsPath: string;
	/** The output field with the balance after a points update. */
	balanceField: string;
}

export const VERSIONS: Array<[Version, VersionCase]> = [
	[
		'v2',
		{
			run: stampedV2,
			vendor: 'stamped',
			seedOnly: (count) => {
				api.stamped.customers.clear();
				api.stamped.seedCustomers(count);
			},
			pointsOfJane: () => api.stamped.customers.get('jane@example.com')!.points,
			pointsPath: '/customers/points',
			balanceField: 'points',
		},
	],
	[
		'v3',
		{
			run: stampedV3,
			vendor: 'stampedV3',
			seedOnly: (count) => {
				api.stampedV3.customers.clear();
				api.stampedV3.seedCustomers(count);
			},
			pointsOfJane: () => jane().points,
			pointsPath: '/adjust-points',
			balanceField: 'pointsAfter',
		},
	],
];

/** Runs the node and asserts it refused item 0 with `message` before sending anything. */
export async function expectRefusedBeforeSending(
	run: VersionCase['run'],
	parameters: IDataObject,
	message: string,
): Promise<void> {
	const { error, items } = await run(parameters);
	expect(error?.name).toBe('NodeOperationError');
	expect(error?.message).toBe(message);
	expect(error?.context?.itemIndex).toBe(0);
	expect(items).toEqual([]);
	expect(api.requests()).toHaveLength(0);
}

export const versionCase = (version: Version): VersionCase =>
	VERSIONS.find(([entry]) => entry === version)![1];

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

/** Runs the Stamped node with a v2 credential against the fake API `api` (see `useStampedFake`). */
export async function runStampedOn(
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
