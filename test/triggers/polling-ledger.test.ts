/** Stamped Polling Trigger, event loyalty.activity_created (API v3 points ledger), in n8n's own poll context. */
import { FakeApi } from '../fake-api/server';
import type { V3Activity } from '../fake-api/stamped-v3';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID } from '../fake-api/stamped-v3';
import { logLines } from '../harness/engine';
import { testRetryPolicy, useFastRetries } from '../harness/fast-retries';
import { PollerUnderTest } from '../harness/poll';
import { expectNoSecrets, secretForms } from '../harness/secrets';

const SECRETS = secretForms(STAMPED_V3_PRIVATE_KEY);

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi().start();
});
afterAll(async () => await api.stop());
beforeEach(() => {
	api.reset();
	clock = Date.parse('2026-04-01T00:00:00Z');
});
afterEach(() => expectNoSecrets(logLines.join('\n'), SECRETS));
useFastRetries();

function poller(credential: Record<string, unknown> = {}) {
	return new PollerUnderTest(
		'stampedPollingTrigger',
		{ event: 'loyalty.activity_created' },
		{
			stampedApi: {
				apiVersion: 'v3',
				privateKey: STAMPED_V3_PRIVATE_KEY,
				storeHash: STAMPED_V3_SHOP_ID,
				baseUrl: api.stampedV3Url,
				...credential,
			},
		},
	);
}

let clock = 0;
/** Appends ledger entries (the fake lists them newest first), each a second later unless a date is given. */
function addActivities(count: number, dateCreated?: string): string[] {
	return Array.from({ length: count }, () => {
		const activity: V3Activity = {
			activityId: `act_${String(api.stampedV3.activities.length + 1).padStart(5, '0')}`,
			customerId: 'cus_00001',
			dateCreated: dateCreated ?? new Date((clock += 1000)).toISOString(),
			rule: { category: 'purchase', type: 'api', title: 'Order placed' },
			activity: { pointsCredit: 10, pointsDebit: 0, event: 'purchase' },
		};
		api.stampedV3.activities.push(activity);
		return activity.activityId;
	});
}

const ids = (items: Array<Record<string, unknown>> | undefined) =>
	(items ?? []).map((item) => item.activityId);
const ledgerRequests = () => api.log.filter((entry) => entry.path.endsWith('/activities'));

test('the first poll records the newest entry and emits nothing; later polls emit each new entry once, oldest first', async () => {
	addActivities(40);
	const node = poller();
	expect(await node.poll()).toBeUndefined();
	expect(node.nodeStaticData.watermark).toEqual({
		at: api.stampedV3.activities[39].dateCreated,
		ids: ['act_00040'],
	});
	const added = addActivities(3);
	const items = await node.poll();
	expect(ids(items)).toEqual(added);
	expect(items![0]).toEqual(api.stampedV3.activities[40]);
	expect(await node.poll()).toBeUndefined();
});

test('Fetch Test Event returns the newest entry and changes no state', async () => {
	addActivities(3);
	const node = poller();
	expect(ids(await node.poll({ mode: 'manual' }))).toEqual(['act_00003']);
	expect(node.nodeStaticData).toEqual({});
});

test('a few new entries in a long ledger cost one request: reading stops at the page that reaches the watermark', async () => {
	addActivities(1000);
	const node = poller();
	await node.poll();
	api.log.length = 0;
	const added = addActivities(2);
	expect(ids(await node.poll())).toEqual(added);
	expect(ledgerRequests().map((entry) => entry.query)).toEqual([{ page: '0', limit: '100' }]);
});

test('a backlog over several pages is emitted whole, oldest first', async () => {
	const node = poller();
	await node.poll();
	const added = addActivities(230);
	expect(ids(await node.poll())).toEqual(added);
	expect(
		ledgerRequests()
			.slice(1)
			.map((entry) => entry.query.page),
	).toEqual(['0', '1', '2']);
});

test('entries sharing a timestamp: those at the boundary are remembered by id, the others still come', async () => {
	const at = '2026-04-02T08:00:00.000Z';
	addActivities(2, at);
	const node = poller();
	await node.poll();
	const same = addActivities(2, at);
	expect(ids(await node.poll())).toEqual(same);
	expect(await node.poll()).toBeUndefined();
});

test('the dates decide, not the order: an entry listed out of order is emitted in time order', async () => {
	const node = poller();
	addActivities(1);
	await node.poll();
	const [later] = addActivities(1, '2026-04-03T00:00:00.000Z');
	const [earlier] = addActivities(1, '2026-04-02T00:00:00.000Z');
	expect(ids(await node.poll())).toEqual([earlier, later]);
});

test('a run of 429s fails the poll loudly and keeps the watermark; the next poll emits everything', async () => {
	const node = poller();
	await node.poll();
	const watermark = node.nodeStaticData.watermark;
	const added = addActivities(150);
	api.inject({
		vendor: 'stampedV3',
		path: 'activities',
		kind: 429,
		times: testRetryPolicy.maxRateLimitedAttempts,
	});
	await expect(node.poll()).rejects.toThrow(/429|Too Many/);
	expect(node.nodeStaticData.watermark).toEqual(watermark);
	expect(ids(await node.poll())).toEqual(added);
});

test('a v2 credential cannot serve the ledger: the poll fails naming the version, before any request', async () => {
	const node = new PollerUnderTest(
		'stampedPollingTrigger',
		{ event: 'loyalty.activity_created' },
		{
			stampedApi: {
				publicKey: 'pub',
				privateKey: 'priv',
				storeHash: 'store',
				baseUrl: api.stampedUrl,
			},
		},
	);
	await expect(node.poll()).rejects.toThrow(
		'The event "Loyalty Activity Created" is served by Stamped API v3, but the selected credential is for Stamped API v2',
	);
	expect(api.log).toHaveLength(0);
});
