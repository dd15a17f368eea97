/**
 * The Stamped Polling Trigger against servers that lie (issue 19): answers it cannot trust, records dated in the
 * future or arriving late, pages capped below 100, records out of order, a ledger backlog longer than one poll
 * reads. Each case runs the built node in n8n-core's real poll context against the fake API over real HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../fake-api/stamped-v2';
import type { V3Activity } from '../fake-api/stamped-v3';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID } from '../fake-api/stamped-v3';
import { useFastRetries } from '../harness/fast-retries';
import { PollerUnderTest } from '../harness/poll';

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi().start();
});
afterAll(async () => await api.stop());
beforeEach(() => {
	api.reset();
	ledgerClock = Date.parse('2026-04-01T00:00:00Z');
});
useFastRetries();

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

function reviewPoller() {
	return new PollerUnderTest(
		'stampedPollingTrigger',
		{ event: 'review.created' },
		{
			stampedApi: {
				publicKey: STAMPED_PUBLIC_KEY,
				privateKey: STAMPED_PRIVATE_KEY,
				storeHash: STAMPED_STORE_HASH,
				baseUrl: api.stampedUrl,
			},
		},
	);
}

function ledgerPoller() {
	return new PollerUnderTest(
		'stampedPollingTrigger',
		{ event: 'loyalty.activity_created' },
		{
			stampedApi: {
				apiVersion: 'v3',
				privateKey: STAMPED_V3_PRIVATE_KEY,
				storeHash: STAMPED_V3_SHOP_ID,
				baseUrl: api.stampedV3Url,
			},
		},
	);
}

const addReviews = (count: number, fields: IDataObject = {}) =>
	Array.from({ length: count }, () => api.stamped.dashboard.add(fields).id);
const reviewIds = (items: IDataObject[] | undefined) => (items ?? []).map((item) => item.id);

let ledgerClock = 0;
/** Appends ledger entries (the fake lists them newest first), each a second later unless a date is given. */
function addActivities(count: number, dateCreated?: string): string[] {
	return Array.from({ length: count }, () => {
		const activity: V3Activity = {
			activityId: `act_${String(api.stampedV3.activities.length + 1).padStart(5, '0')}`,
			customerId: 'cus_00001',
			dateCreated: dateCreated ?? new Date((ledgerClock += 1000)).toISOString(),
			rule: { category: 'purchase', type: 'api', title: 'Order placed' },
			activity: { pointsCredit: 10, pointsDebit: 0, event: 'purchase' },
		};
		api.stampedV3.activities.push(activity);
		return activity.activityId;
	});
}
const activityIds = (items: IDataObject[] | undefined) =>
	(items ?? []).map((item) => item.activityId);

/** Polls until a poll emits nothing: every record emitted, in order, and how many polls emitted. */
async function drain(node: PollerUnderTest, idsOf: (items: IDataObject[]) => unknown[]) {
	const ids: unknown[] = [];
	let polls = 0;
	for (let items = await node.poll(); items; items = await node.poll()) {
		ids.push(...idsOf(items));
		if (++polls > 50) throw new Error('the poller never caught up');
	}
	return { ids, polls };
}

const failureOf = async (node: PollerUnderTest) =>
	(await node.poll().then(
		() => undefined,
		(caught: unknown) => caught,
	)) as (Error & { description?: string }) | undefined;

describe('1. an answer the trigger cannot trust fails loudly and records nothing', () => {
	test('v2, first poll: an answer without a list names what arrived and records no watermark; the next good poll still emits no history', async () => {
		api.stamped.dashboard.seed(30);
		const node = reviewPoller();
		api.hostile = { listRecords: 'Service temporarily unavailable' };
		const error = await failureOf(node);
		expect(error?.message).toMatch(/review list .*cannot trust.*"results" is not a list/);
		expect(error?.message).toMatch(/an object with "results", "total", "page"/);
		expect(node.nodeStaticData.watermark).toBeUndefined();
		api.hostile = {};
		expect(await node.poll()).toBeUndefined();
		expect(await node.poll()).toBeUndefined();
		const added = addReviews(2);
		expect(reviewIds(await node.poll())).toEqual(added);
	});

	test('v2, first poll: an empty page while the total says 30 fails; the next good poll emits no history', async () => {
		api.stamped.dashboard.seed(30);
		const node = reviewPoller();
		api.hostile = { emptyFromPageIndex: 0 };
		await expect(node.poll()).rejects.toThrow(/an empty page, although it says 30 records/);
		expect(node.nodeStaticData).toEqual({});
		api.hostile = {};
		expect(await node.poll()).toBeUndefined();
		expect(await node.poll()).toBeUndefined();
	});

	test('v2, first poll: a list that is null fails', async () => {
		api.stamped.dashboard.seed(3);
		const node = reviewPoller();
		api.hostile = { listRecords: null };
		await expect(node.poll()).rejects.toThrow(/cannot trust/);
		expect(node.nodeStaticData.watermark).toBeUndefined();
	});

	test('v2, a later poll: an unreadable answer keeps the watermark; the next poll emits the new reviews once', async () => {
		api.stamped.dashboard.seed(10);
		const node = reviewPoller();
		await node.poll();
		const before = JSON.stringify(node.nodeStaticData);
		const added = addReviews(3);
		api.hostile = { listRecords: { error: 'boom' } };
		await expect(node.poll()).rejects.toThrow(/cannot trust/);
		expect(JSON.stringify(node.nodeStaticData)).toBe(before);
		api.hostile = {};
		expect(reviewIds(await node.poll())).toEqual(added);
		expect(await node.poll()).toBeUndefined();
	});

	test('v2: a page of records none of which has an id and a date fails rather than counting as nothing', async () => {
		api.stamped.dashboard.seed(5);
		const node = reviewPoller();
		api.hostile = { listRecords: [{ note: 'no id' }, { note: 'no date' }] };
		await expect(node.poll()).rejects.toThrow(/none of its 2 records has an id and a date/);
		expect(node.nodeStaticData.watermark).toBeUndefined();
	});

	test('v3, first poll: an answer without a list, then an empty page while morePages says more, record nothing; the next good poll emits no history', async () => {
		addActivities(150);
		const node = ledgerPoller();
		api.hostile = { listRecords: { nested: [] } };
		await expect(node.poll()).rejects.toThrow(
			/points ledger .*cannot trust.*"activities" is not a list/,
		);
		api.hostile = { emptyFromPageIndex: 0 };
		await expect(node.poll()).rejects.toThrow(/an empty page, although it says more pages follow/);
		expect(node.nodeStaticData).toEqual({});
		api.hostile = {};
		expect(await node.poll()).toBeUndefined();
		expect(await node.poll()).toBeUndefined();
		const added = addActivities(2);
		expect(activityIds(await node.poll())).toEqual(added);
	});

	test('v3, a later poll: an empty page in the middle of a backlog fails the poll and keeps the watermark', async () => {
		const node = ledgerPoller();
		addActivities(5);
		await node.poll();
		const before = JSON.stringify(node.nodeStaticData);
		const added = addActivities(250);
		api.hostile = { emptyFromPageIndex: 1 };
		await expect(node.poll()).rejects.toThrow(/page 1 of the points ledger.*empty page/);
		expect(JSON.stringify(node.nodeStaticData)).toBe(before);
		api.hostile = {};
		expect(activityIds(await node.poll())).toEqual(added);
	});

	test('v3: a page that comes back empty (saying no more) after one that said more fails the poll, nothing skipped', async () => {
		addActivities(5);
		const node = ledgerPoller();
		await node.poll();
		const added = addActivities(150);
		api.hostile = { emptyFromPageIndex: 1 };
		await expect(node.poll()).rejects.toThrow(
			/page 1 of the points ledger .*an empty page, although page 0 said more pages follow/,
		);
		api.hostile = {};
		expect(activityIds(await node.poll())).toEqual(added);
	});

	test('v2: a page past the end of a list that shrank while it was read is no lie: the rest is still emitted once', async () => {
		api.stamped.dashboard.seed(5);
		const node = reviewPoller();
		await node.poll();
		const added = addReviews(250);
		let shrunk = false;
		api.stamped.dashboard.onPage = (page) => {
			if (page === 3 && !shrunk) {
				shrunk = true;
				// The 130 newest reviews are deleted in Stamped: the list is 2 pages now.
				api.stamped.dashboard.reviews.splice(-130, 130);
			}
		};
		const { ids } = await drain(node, reviewIds);
		expect(ids).toEqual(added.slice(0, 120));
	});

	test('v2: a server that ignores the page number during a backlog fails the poll rather than emit one page of it', async () => {
		api.stamped.dashboard.seed(5);
		const node = reviewPoller();
		await node.poll();
		const before = JSON.stringify(node.nodeStaticData);
		const added = addReviews(250);
		api.hostile = { ignorePaging: true };
		await expect(node.poll()).rejects.toThrow(
			/holds exactly the records of page 1, as if the server ignored the page number/,
		);
		expect(JSON.stringify(node.nodeStaticData)).toBe(before);
		api.hostile = {};
		expect(reviewIds(await node.poll())).toEqual(added);
	});

	test('v3: a server that ignores the page number fails the poll and keeps the watermark', async () => {
		addActivities(5);
		const node = ledgerPoller();
		await node.poll();
		const added = addActivities(250);
		api.hostile = { ignorePaging: true };
		await expect(node.poll()).rejects.toThrow(
			/page 2 of the points ledger .*ignored the page number/,
		);
		api.hostile = {};
		expect(activityIds(await node.poll())).toEqual(added);
	});
});

describe('2. a record dated in the future never holds the trigger up', () => {
	test('v2: a review dated 30 days ahead is emitted once; the watermark stays within the clock; later reviews keep coming', async () => {
		api.stamped.dashboard.seed(10);
		const node = reviewPoller();
		await node.poll();
		const [future] = addReviews(1, {
			dateCreated: new Date(Date.now() + 30 * DAY_MS).toISOString(),
		});
		expect(reviewIds(await node.poll())).toEqual([future]);
		const watermark = node.nodeStaticData.watermark as { at: string };
		expect(Date.parse(watermark.at)).toBeLessThanOrEqual(Date.now() + 60_000);
		const later = addReviews(2);
		expect(reviewIds(await node.poll())).toEqual(later);
		const more = addReviews(1);
		expect(reviewIds(await node.poll())).toEqual(more);
		expect(await node.poll()).toBeUndefined();
	});

	test('v2: at activation, a history review dated in the future is neither emitted nor the watermark', async () => {
		api.stamped.dashboard.seed(10);
		addReviews(1, { dateCreated: new Date(Date.now() + 400 * DAY_MS).toISOString() });
		const node = reviewPoller();
		await node.poll();
		const watermark = node.nodeStaticData.watermark as { at: string };
		expect(Date.parse(watermark.at)).toBeLessThanOrEqual(Date.now() + 60_000);
		const later = addReviews(2);
		expect(reviewIds(await node.poll())).toEqual(later);
		expect(await node.poll()).toBeUndefined();
	});

	test('v3: a ledger entry dated a year ahead is emitted once and later entries still come', async () => {
		addActivities(5);
		const node = ledgerPoller();
		await node.poll();
		const [future] = addActivities(1, new Date(Date.now() + 365 * DAY_MS).toISOString());
		expect(activityIds(await node.poll())).toEqual([future]);
		const later = addActivities(3);
		expect(activityIds(await node.poll())).toEqual(later);
		expect(await node.poll()).toBeUndefined();
	});
});

describe('3. a record that turns up late inside the overlap window is emitted once', () => {
	test('v2: a review dated an hour before one already emitted', async () => {
		api.stamped.dashboard.seed(20);
		const node = reviewPoller();
		await node.poll();
		const added = addReviews(2);
		expect(reviewIds(await node.poll())).toEqual(added);
		const newest = api.stamped.dashboard.reviews.at(-1)!;
		const [late] = addReviews(1, {
			dateCreated: new Date(Date.parse(newest.dateCreated) - HOUR_MS).toISOString(),
		});
		expect(reviewIds(await node.poll())).toEqual([late]);
		expect(await node.poll()).toBeUndefined();
	});

	test('v2: a late review and a new one in the same poll, oldest first; the history of the window stays unemitted', async () => {
		api.stamped.dashboard.seed(50, 60_000);
		const node = reviewPoller();
		await node.poll();
		const newest = api.stamped.dashboard.reviews.at(-1)!;
		const [late] = addReviews(1, {
			dateCreated: new Date(Date.parse(newest.dateCreated) - 10 * 60_000).toISOString(),
		});
		const [fresh] = addReviews(1);
		expect(reviewIds(await node.poll())).toEqual([late, fresh]);
		expect(await node.poll()).toBeUndefined();
	});

	test('v3: a ledger entry listed after newer ones, dated before the watermark', async () => {
		addActivities(5);
		const node = ledgerPoller();
		await node.poll();
		const added = addActivities(2);
		expect(activityIds(await node.poll())).toEqual(added);
		const [late] = addActivities(1, new Date(ledgerClock - 30 * 60_000).toISOString());
		expect(activityIds(await node.poll())).toEqual([late]);
		expect(await node.poll()).toBeUndefined();
	});

	test('the memory is bounded: after 1,200 reviews emitted it remembers at most 500, and nothing comes twice', async () => {
		const node = reviewPoller();
		await node.poll();
		const added = addReviews(1200);
		const { ids } = await drain(node, reviewIds);
		expect(ids).toEqual(added);
		const recent = node.nodeStaticData.recent as { ids: unknown[] };
		expect(recent.ids.length).toBeLessThanOrEqual(500);
		expect(JSON.stringify(node.staticData).length).toBeLessThan(30_000);
		expect(await node.poll()).toBeUndefined();
	});
});

describe('4. a page shorter than asked is not the end while the figures say more', () => {
	test('v2: a server capping pages at 30 reads 95 new reviews whole, each once, oldest first', async () => {
		api.stamped.dashboard.seed(10);
		const node = reviewPoller();
		await node.poll();
		api.hostile = { pageSizeCap: 30 };
		const added = addReviews(95);
		const { ids } = await drain(node, reviewIds);
		expect(ids).toEqual(added);
	});

	test('v2: activation on a capped first page emits no history later', async () => {
		api.stamped.dashboard.seed(120);
		api.hostile = { pageSizeCap: 50 };
		const node = reviewPoller();
		await node.poll();
		const added = addReviews(3);
		expect(reviewIds(await node.poll())).toEqual(added);
		expect(await node.poll()).toBeUndefined();
	});

	test('v3: an answer without morePages: a full page is not taken for the last one', async () => {
		addActivities(10);
		const node = ledgerPoller();
		await node.poll();
		const added = addActivities(250);
		const original = api.stampedV3.handle.bind(api.stampedV3);
		api.stampedV3.handle = (request) => {
			const reply = original(request);
			if (reply.body && typeof reply.body === 'object')
				delete (reply.body as IDataObject).morePages;
			return reply;
		};
		expect(activityIds(await node.poll())).toEqual(added);
		expect(await node.poll()).toBeUndefined();
	});

	test('v3: a server capping pages at 25 reads 130 new entries whole', async () => {
		addActivities(10);
		const node = ledgerPoller();
		await node.poll();
		api.hostile = { pageSizeCap: 25 };
		const added = addActivities(130);
		expect(activityIds(await node.poll())).toEqual(added);
		expect(await node.poll()).toBeUndefined();
	});
});

describe('5. an old record listed first does not end the read', () => {
	test('v2: an edited review sorted first, then 150 new ones: all 150 once, the edited one not again', async () => {
		api.stamped.dashboard.seed(20);
		const node = reviewPoller();
		await node.poll();
		const edited = api.stamped.dashboard.reviews[18];
		api.stamped.dashboard.listedFirst.add(edited.id);
		const added = addReviews(150);
		const { ids } = await drain(node, reviewIds);
		expect(ids).toEqual(added);
	});

	test('v2: an edited review sorted first and three new ones: the three, in one request', async () => {
		api.stamped.dashboard.seed(200);
		const node = reviewPoller();
		await node.poll();
		api.stamped.dashboard.listedFirst.add(api.stamped.dashboard.reviews[150].id);
		api.log.length = 0;
		const added = addReviews(3);
		expect(reviewIds(await node.poll())).toEqual(added);
		expect(api.log).toHaveLength(1);
	});

	test('v3: an old entry listed first, then 150 new ones: all 150 once', async () => {
		addActivities(10);
		const node = ledgerPoller();
		await node.poll();
		const added = addActivities(150);
		// An entry already seen moves to the top of the list (the fake lists the array from its end).
		const [old] = api.stampedV3.activities.splice(3, 1);
		api.stampedV3.activities.push(old);
		expect(activityIds(await node.poll())).toEqual(added);
		expect(await node.poll()).toBeUndefined();
	});
});

describe('6. a ledger backlog longer than one poll reads drains over several polls', () => {
	test('12,000 new entries: each once, oldest first, over several polls; the static data stays small', async () => {
		addActivities(40);
		const node = ledgerPoller();
		await node.poll();
		const added = addActivities(12_000);
		const ids: unknown[] = [];
		let polls = 0;
		for (let items = await node.poll(); items; items = await node.poll()) {
			ids.push(...activityIds(items));
			polls++;
			expect(JSON.stringify(node.staticData).length).toBeLessThan(30_000);
			if (polls > 20) throw new Error('the backlog never drained');
		}
		expect(polls).toBeGreaterThan(1);
		expect(ids).toEqual(added);
	});

	test('entries arriving while the backlog drains: each once', async () => {
		addActivities(3);
		const node = ledgerPoller();
		await node.poll();
		const added = addActivities(6_000);
		let reads = 0;
		const original = api.stampedV3.handle.bind(api.stampedV3);
		api.stampedV3.handle = (request) => {
			if (request.path.endsWith('/activities') && ++reads % 20 === 0)
				added.push(...addActivities(7));
			return original(request);
		};
		const ids: unknown[] = [];
		for (let polls = 0, items = await node.poll(); items; items = await node.poll()) {
			ids.push(...activityIds(items));
			if (++polls > 20) throw new Error('the backlog never drained');
		}
		expect([...ids].sort()).toEqual([...added].sort());
		expect(new Set(ids).size).toBe(ids.length);
	});
});

describe('7. a record is known by its id and its date (issue 29)', () => {
	test('v2: the newest review deleted before the next poll; the next new review, given its id again, is emitted', async () => {
		api.stamped.dashboard.seed(10);
		const node = reviewPoller();
		await node.poll();
		const [newest] = addReviews(1);
		expect(reviewIds(await node.poll())).toEqual([newest]);
		api.stamped.dashboard.remove(newest);
		const added = addReviews(3);
		expect(added[0]).toBe(newest);
		expect(reviewIds(await node.poll())).toEqual(added);
		expect(await node.poll()).toBeUndefined();
	});

	test('v2: the same behind a backlog of several pages', async () => {
		api.stamped.dashboard.seed(150);
		const node = reviewPoller();
		await node.poll();
		const [newest] = addReviews(1);
		expect(reviewIds(await node.poll())).toEqual([newest]);
		api.stamped.dashboard.remove(newest);
		const added = addReviews(230);
		const { ids } = await drain(node, reviewIds);
		expect(ids).toEqual(added);
	});

	test('v3: the newest ledger entry deleted; the next entry, given its id again, is emitted', async () => {
		addActivities(5);
		const node = ledgerPoller();
		await node.poll();
		const [newest] = addActivities(1);
		expect(activityIds(await node.poll())).toEqual([newest]);
		api.stampedV3.activities.pop();
		const added = addActivities(2);
		expect(added[0]).toBe(newest);
		expect(activityIds(await node.poll())).toEqual(added);
		expect(await node.poll()).toBeUndefined();
	});

	test('v2: 700 reviews dated ahead of the clock keep the memory within 500 ids; none comes twice; later reviews still come', async () => {
		api.stamped.dashboard.seed(10);
		const node = reviewPoller();
		await node.poll();
		const ahead: unknown[] = [];
		for (let round = 0; round < 7; round++) {
			addReviews(100).forEach((id, i) => {
				const review = api.stamped.dashboard.reviews.find((entry) => entry.id === id)!;
				review.dateCreated = new Date(Date.now() + (2 + round * 100 + i) * DAY_MS).toISOString();
			});
			ahead.push(...reviewIds(await node.poll()));
			const recent = node.nodeStaticData.recent as { ids: unknown[] };
			expect(recent.ids.length).toBeLessThanOrEqual(500);
		}
		expect(new Set(ahead).size).toBe(ahead.length);
		expect(ahead).toHaveLength(250);
		const later = addReviews(2);
		expect(reviewIds(await node.poll())).toEqual(later);
		expect(await node.poll()).toBeUndefined();
		expect((node.nodeStaticData.recent as { ids: unknown[] }).ids.length).toBeLessThanOrEqual(500);
	});

	test('v3: 600 ledger entries dated ahead keep the memory within 500 ids; later entries still come', async () => {
		addActivities(5);
		const node = ledgerPoller();
		await node.poll();
		const emitted: unknown[] = [];
		for (let round = 0; round < 6; round++) {
			for (let i = 0; i < 100; i++)
				addActivities(1, new Date(Date.now() + (2 + round * 100 + i) * DAY_MS).toISOString());
			emitted.push(...activityIds(await node.poll()));
			expect((node.nodeStaticData.recent as { ids: unknown[] }).ids.length).toBeLessThanOrEqual(
				500,
			);
		}
		expect(new Set(emitted).size).toBe(emitted.length);
		const later = addActivities(3);
		expect(activityIds(await node.poll())).toEqual(later);
	});
});

test('a watermark saved by the earlier release (no `recent`) keeps working: the reviews after it, each once', async () => {
	api.stamped.dashboard.seed(10);
	const node = reviewPoller();
	const newest = api.stamped.dashboard.reviews[9];
	node.staticData = {
		'node:Poller': { watermark: { at: newest.dateCreated, ids: [String(newest.id)] } },
	};
	const [sameTime] = addReviews(1, { dateCreated: newest.dateCreated });
	const added = addReviews(2);
	expect(reviewIds(await node.poll())).toEqual([sameTime, ...added]);
	expect(await node.poll()).toBeUndefined();
});
