/** Stamped Polling Trigger, event review.created (API v2 dashboard list), in n8n's own poll context. */
import { FakeApi } from '../fake-api/server';
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../fake-api/stamped-v2';
import { logLines } from '../harness/engine';
import { testRetryPolicy, useFastRetries } from '../harness/fast-retries';
import { PollerUnderTest } from '../harness/poll';
import { expectNoSecrets, secretForms } from '../harness/secrets';

const SECRETS = secretForms(
	STAMPED_PUBLIC_KEY,
	STAMPED_PRIVATE_KEY,
	`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`,
);

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi().start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
afterEach(() => expectNoSecrets(logLines.join('\n'), SECRETS));
useFastRetries();

function poller(
	parameters: Record<string, unknown> = {},
	credential: Record<string, unknown> = {},
) {
	return new PollerUnderTest(
		'stampedPollingTrigger',
		{ event: 'review.created', ...parameters } as never,
		{
			stampedApi: {
				publicKey: STAMPED_PUBLIC_KEY,
				privateKey: STAMPED_PRIVATE_KEY,
				storeHash: STAMPED_STORE_HASH,
				baseUrl: api.stampedUrl,
				...credential,
			},
		},
	);
}

const reviewRequests = () => api.log.filter((entry) => entry.path.endsWith('/dashboard/reviews'));
const idsOf = (items: Array<Record<string, unknown>> | undefined) =>
	(items ?? []).map((item) => item.id);
const addReviews = (count: number, fields = {}) =>
	Array.from({ length: count }, () => api.stamped.dashboard.add(fields).id);

/** Polls until a poll emits nothing, returning every id emitted, in order, and how many polls emitted. */
async function drain(node: PollerUnderTest, options: Parameters<PollerUnderTest['poll']>[0] = {}) {
	const ids: unknown[] = [];
	let polls = 0;
	for (let items = await node.poll(options); items; items = await node.poll(options)) {
		ids.push(...idsOf(items));
		polls++;
		if (polls > 50) throw new Error('the poller never caught up');
	}
	return { ids, polls };
}

describe('first activation and Fetch Test Event', () => {
	test('the first poll records the newest review as the watermark and emits nothing', async () => {
		api.stamped.dashboard.seed(30);
		const node = poller();
		expect(await node.poll()).toBeUndefined();
		const newest = api.stamped.dashboard.reviews[29];
		expect(node.nodeStaticData.watermark).toEqual({
			at: newest.dateCreated,
			ids: [String(newest.id)],
		});
		expect(reviewRequests()).toHaveLength(1);
		expect(await node.poll()).toBeUndefined();
	});

	test('an empty store: every review after activation is new', async () => {
		const node = poller();
		expect(await node.poll()).toBeUndefined();
		expect(node.nodeStaticData.watermark).toEqual({ at: null, ids: [] });
		const added = addReviews(2);
		expect(idsOf(await node.poll())).toEqual(added);
	});

	test('Fetch Test Event returns the newest review with its customer and changes no state', async () => {
		api.stamped.dashboard.seed(5);
		const node = poller();
		const items = await node.poll({ mode: 'manual' });
		const newest = api.stamped.dashboard.reviews[4];
		expect(items).toEqual([{ ...newest, customer: { email: newest.email, name: newest.author } }]);
		expect(node.nodeStaticData.watermark).toBeUndefined();

		await node.poll();
		const watermark = node.nodeStaticData.watermark;
		addReviews(2);
		expect(idsOf(await node.poll({ mode: 'manual' }))).toEqual([7]);
		expect(node.nodeStaticData.watermark).toEqual(watermark);
		expect(idsOf(await node.poll())).toEqual([6, 7]);
	});

	test('Fetch Test Event on an empty store returns nothing', async () => {
		expect(await poller().poll({ mode: 'manual' })).toBeUndefined();
	});
});

describe('later polls', () => {
	test('each new review once, oldest first; the next poll emits nothing', async () => {
		api.stamped.dashboard.seed(20);
		const node = poller();
		await node.poll();
		const added = addReviews(3);
		expect(idsOf(await node.poll())).toEqual(added);
		expect(await node.poll()).toBeUndefined();
		const more = addReviews(1);
		expect(idsOf(await node.poll())).toEqual(more);
	});

	test('reviews sharing the timestamp of the watermark: the ones at the boundary are remembered by id', async () => {
		const at = '2026-03-05T12:00:00.000Z';
		const node = poller();
		addReviews(2, { dateCreated: at });
		await node.poll();
		expect(node.nodeStaticData.watermark).toEqual({ at, ids: ['2', '1'] });
		const sameSecond = addReviews(2, { dateCreated: at });
		expect(idsOf(await node.poll())).toEqual(sameSecond);
		const again = addReviews(1, { dateCreated: at });
		expect(idsOf(await node.poll())).toEqual(again);
		expect(node.nodeStaticData.watermark).toEqual({ at, ids: ['2', '1', '3', '4', '5'] });
		expect(await node.poll()).toBeUndefined();
	});

	test('10,000 reviews and 3 new ones: one request per poll, asking only from the day before the watermark', async () => {
		api.stamped.dashboard.seed(10_000);
		const node = poller();
		await node.poll();
		api.log.length = 0;
		const added = addReviews(3);
		expect(idsOf(await node.poll())).toEqual(added);
		expect(reviewRequests()).toHaveLength(1);
		const watermarkDay = new Date(
			Date.parse(api.stamped.dashboard.reviews[9_999].dateCreated) - 86_400_000,
		)
			.toISOString()
			.slice(0, 10);
		expect(reviewRequests()[0].query).toEqual({ page: '1', take: '100', dateFrom: watermarkDay });
	});

	test('a backlog of several pages is read from its oldest page and emitted whole, oldest first', async () => {
		const node = poller();
		await node.poll();
		const added = addReviews(250);
		const items = await node.poll();
		expect(idsOf(items)).toEqual(added);
		expect(
			reviewRequests()
				.slice(1)
				.map((entry) => entry.query.page),
		).toEqual(['1', '3', '2']);
	});

	test('a backlog behind thousands of older reviews of the same day: the oldest new page is found by bisection', async () => {
		api.stamped.dashboard.seed(3000, 1000);
		const node = poller();
		await node.poll();
		api.log.length = 0;
		const added = addReviews(250);
		expect(idsOf(await node.poll())).toEqual(added);
		// 33 pages in the window: the first, a handful of probes, then the new pages back to the second.
		expect(reviewRequests().length).toBeLessThanOrEqual(10);
	});

	test('filters are sent to Stamped and only matching reviews are emitted', async () => {
		const node = poller({ filters: { minRating: 4, productId: 'prod3' } });
		await node.poll();
		addReviews(1, { rating: 5, productId: 'prod3' });
		addReviews(1, { rating: 2, productId: 'prod3' });
		addReviews(1, { rating: 5, productId: 'prod1' });
		expect(idsOf(await node.poll())).toEqual([1]);
		expect(reviewRequests().at(-1)!.query).toMatchObject({ minRating: '4', productId: 'prod3' });
	});

	test('a minimum rating outside 1–5 is refused before any request', async () => {
		await expect(poller({ filters: { minRating: 7 } }).poll()).rejects.toThrow(/Minimum Rating/);
		expect(api.log).toHaveLength(0);
	});
});

describe('polls cut short: the rest next poll, nothing skipped or repeated', () => {
	test('by the poll budget: each poll reads its first page and one page back', async () => {
		const node = poller();
		await node.poll();
		const added = addReviews(450);
		const { ids, polls } = await drain(node, { budgetMs: 0 });
		expect(ids).toEqual(added);
		expect(polls).toBeGreaterThan(1);
	});

	test('by a run of 429s after the first pages', async () => {
		const node = poller();
		await node.poll();
		const added = addReviews(350);
		let injected = false;
		api.stamped.dashboard.onPage = (page) => {
			if (page === 3 && !injected) {
				injected = true;
				api.inject({
					vendor: 'stamped',
					path: 'dashboard/reviews',
					kind: 429,
					times: testRetryPolicy.maxRateLimitedAttempts,
				});
			}
		};
		const first = await node.poll();
		expect(first!.length).toBeGreaterThan(0);
		expect(first!.length).toBeLessThan(350);
		expect(idsOf(first)).toEqual(added.slice(0, first!.length));
		const { ids } = await drain(node);
		expect([...idsOf(first), ...ids]).toEqual(added);
	});

	test('reviews arriving while a poll reads: each once, over this poll and the next', async () => {
		const node = poller();
		await node.poll();
		const added = addReviews(250);
		let reads = 0;
		api.stamped.dashboard.onPage = () => {
			if (++reads === 3) added.push(...addReviews(5));
		};
		const { ids } = await drain(node);
		expect(ids).toEqual(added);
		expect(new Set(ids).size).toBe(255);
	});
});

describe('failures', () => {
	test('a failed poll throws a redacted Stamped error and keeps the watermark; the next poll emits', async () => {
		const node = poller();
		await node.poll();
		const watermark = node.nodeStaticData.watermark;
		const added = addReviews(2);
		api.inject({
			vendor: 'stamped',
			path: 'dashboard/reviews',
			kind: 500,
			times: testRetryPolicy.maxAttempts,
			body: { message: `Internal error for ${STAMPED_PRIVATE_KEY}` },
		});
		const error = (await node.poll().then(
			() => undefined,
			(caught: unknown) => caught,
		)) as (Error & { description?: string }) | undefined;
		expect(error).toBeInstanceOf(Error);
		expect(`${error!.message} ${error!.description}`).toMatch(/HTTP 500/);
		expectNoSecrets(`${error!.message} ${error!.description} ${JSON.stringify(error)}`, SECRETS);
		expect(node.nodeStaticData.watermark).toEqual(watermark);
		expect(idsOf(await node.poll())).toEqual(added);
	});

	test('wrong API keys: the poll fails naming the credential fields', async () => {
		await expect(poller({}, { privateKey: 'wrong' }).poll()).rejects.toThrow(/Unauthorized/);
	});

	test('a v3 credential cannot serve reviews: the poll (n8n runs one at activation) fails naming the version', async () => {
		const node = poller({}, { apiVersion: 'v3' });
		await expect(node.poll()).rejects.toThrow(
			'The event "Review Created" is served by Stamped API v2, but the selected credential is for Stamped API v3',
		);
		expect(api.log).toHaveLength(0);
		expect(node.nodeStaticData.watermark).toBeUndefined();
	});
});
