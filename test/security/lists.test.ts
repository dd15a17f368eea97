/**
 * Class 4, lists: every list ends, and ends complete or fails loudly, saying how many records it got and why,
 * through the engine against a fake API that lies about totals, ignores paging, answers without a list, or
 * changes while it is read; and the export algorithms on their own for what a server cannot easily fake.
 */
import type { IDataObject } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import { STAMP_TEMPLATE_ID } from '../fake-api/stemp';
import { useFastRetries } from '../harness/fast-retries';
import { paging, readPagesByTotal, readPagesInOrder } from '../harness/paging';
import { stampedV2, stampedV3, stemp } from './support';

const { MAX_PAGES } = paging;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readStampedPage: readPage } =
	require('../../dist/nodes/Stamped/transport/answers') as typeof import('../../nodes/Stamped/transport/answers');

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi().start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

function seedV2(count: number): void {
	api.stamped.customers.clear();
	api.stamped.seedCustomers(count);
}
const emails = (items: Array<{ json: IDataObject }>) =>
	items.map((item) => item.json.email as string);
const getAllV2 = (options: IDataObject = {}) =>
	stampedV2(api, { resource: 'customer', operation: 'getAll', returnAll: true, options });
const getAllV3 = (resource = 'customer') =>
	stampedV3(api, { resource, operation: 'getAll', returnAll: true });

describe('Stamped v2 customers: the figures say records are missing', () => {
	test('the total says 250, 100 came: fails naming both, after reading the empty page twice', async () => {
		seedV2(100);
		api.hostile = { listTotal: 250 };
		const { items, error } = await getAllV2();
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(
			/^The list could not be read completely: got 100 records of the 250 the API reported; page 2 came back empty \(twice\)/,
		);
		expect(
			api.requests({ path: '/customers' }).filter((request) => request.query.page === '2'),
		).toHaveLength(2);
	});

	test('empty pages from page 2 on, while the total says 250: fails loudly', async () => {
		seedV2(250);
		api.hostile = { emptyFromPageIndex: 1 };
		const { error } = await getAllV2();
		expect(error?.message).toMatch(
			/got 100 records of the 250 the API reported; page \d came back empty/,
		);
	});

	test('a server that ignores the page number: fails, and reads no more than the pages the total asks for', async () => {
		seedV2(1000);
		api.hostile = { ignorePaging: true };
		const { error } = await getAllV2({ concurrency: 1 });
		expect(error?.message).toMatch(
			/got 100 records of the 1000 the API reported; page 2 repeated page 1, so the API seems to ignore the page number/,
		);
		expect(api.requests().length).toBeLessThanOrEqual(10);
	});

	test.each([
		['an object', { email: 'jane@example.com' }, /its "data" is not a list of records/],
		['a text', 'customers', /its "data" is not a list of records/],
		['a list of texts', ['jane@example.com'], /1 of the 1 entries in its list are not records/],
	])('"data" that is %s: fails saying so', async (_what, records, reason) => {
		seedV2(5);
		api.hostile = { listRecords: records };
		const { error } = await getAllV2();
		expect(error?.message).toMatch(
			/^The list could not be read completely: got 0 records; page 1 could not be read: /,
		);
		expect(error?.message).toMatch(reason);
	});

	test.each([[-1], [2.5]])('a total of %d is not a count: fails', async (total) => {
		seedV2(5);
		api.hostile = { listTotal: total };
		const { error } = await getAllV2();
		expect(error?.message).toMatch(/its total \(total: .*\) is not a count of records/);
	});

	test('reviews fail the same way (one rule for every v2 list)', async () => {
		api.stamped.reviews.push(
			...Array.from({ length: 30 }, (_, i) => ({
				reviewId: `r${i}`,
				email: 'a@example.com',
				rating: 5,
				body: 'ok',
				productId: 'p',
				published: true,
			})),
		);
		api.hostile = { listTotal: 130 };
		const { error } = await stampedV2(api, {
			resource: 'review',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error?.message).toMatch(/got 30 records of the 130 the API reported/);
	});

	test('a total far beyond what can be read is refused before the pages are fetched', async () => {
		seedV2(100);
		api.hostile = { listTotal: 10 ** 12 };
		const { error } = await getAllV2();
		expect(error?.message).toMatch(new RegExp(`more than the ${MAX_PAGES} read at most`));
		expect(api.requests()).toHaveLength(1);
	});
});

describe('Stamped v2 customers: changes that leave the total as it was', () => {
	test('oldest first: one removed at the front, one added at the end, while the export runs: every survivor once', async () => {
		api.stamped.order = 'oldest';
		seedV2(450);
		const original = [...api.stamped.customers.keys()];
		let removed = '';
		api.stamped.onListPage = (page) => {
			if (page === 3 && !removed) {
				removed = original[0];
				api.stamped.customers.delete(removed);
				api.stamped.insert({ email: 'newcomer@example.com' });
			}
		};
		const { items, error } = await getAllV2({ concurrency: 1 });
		expect(error).toBeUndefined();
		const out = emails(items);
		expect(new Set(out).size).toBe(out.length);
		expect(original.filter((email) => email !== removed && !out.includes(email))).toEqual([]);
	});

	test('newest first: one removed in the middle, one added at the front: every survivor once', async () => {
		seedV2(450);
		const original = [...api.stamped.customers.keys()];
		const removed = original[200];
		api.stamped.onListPage = (page) => {
			if (page === 2 && api.stamped.customers.has(removed)) {
				api.stamped.customers.delete(removed);
				api.stamped.insert({ email: 'newcomer@example.com' });
			}
		};
		const { items, error } = await getAllV2({ concurrency: 2 });
		expect(error).toBeUndefined();
		const out = emails(items);
		expect(new Set(out).size).toBe(out.length);
		expect(original.filter((email) => email !== removed && !out.includes(email))).toEqual([]);
	});

	test('customers without an e-mail are each output once, not collapsed into one', async () => {
		seedV2(150);
		for (let i = 0; i < 3; i++) {
			api.stamped.customers.set(`no-email-${i}`, {
				firstName: `Anonymous ${i}`,
				points: i,
				createdAt: '',
				updatedAt: '',
			} as never);
		}
		const { items, error } = await getAllV2();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(153);
		expect(
			items.filter((item) => item.json.email === undefined).map((item) => item.json.firstName),
		).toEqual(['Anonymous 2', 'Anonymous 1', 'Anonymous 0']);
	});
});

describe('a server that pages by a smaller size than asked, saying more pages follow', () => {
	const trimmed = { pageTrimmedTo: 25 };

	test.each([
		['customer', 'customerId', (v3: FakeApi['stampedV3']) => v3.seedCustomers(260)],
		[
			'loyaltyTransaction',
			'activityId',
			(v3: FakeApi['stampedV3']) =>
				v3.seedActivities(260, v3.insert({ email: 'jane@example.com' })),
		],
	])(
		"Stamped v3 %s > Get Many is read in the server's page size: every record, none twice",
		async (resource, idField, seed) => {
			seed(api.stampedV3);
			const count = 260;
			api.hostile = trimmed;
			const { items, error } = await getAllV3(resource);
			expect(error).toBeUndefined();
			const ids = items.map((item) => item.json[idField]);
			expect(new Set(ids).size).toBe(count);
			expect(items).toHaveLength(count);
			// The first page showed the server's size; every later page was asked for in it.
			expect(
				new Set(
					api
						.requests()
						.slice(1)
						.map((request) => request.query.limit),
				),
			).toEqual(new Set(['25']));
		},
	);

	test('Stamped v2 customers (pages that tell the total) are read whole too', async () => {
		seedV2(260);
		api.hostile = trimmed;
		const { items, error } = await getAllV2();
		expect(error).toBeUndefined();
		expect(new Set(emails(items)).size).toBe(260);
	});

	test('stemp users are read whole too', async () => {
		api.stemp.seedUsers(260);
		api.hostile = trimmed;
		const { items, error } = await stemp(api, {
			resource: 'user',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(api.stemp.users.size);
	});
});

describe('Stamped v3 lists (morePages, no total)', () => {
	test.each(['customer', 'loyaltyTransaction'])(
		'%s: a server that ignores the page number fails loudly instead of looping',
		async (resource) => {
			const jane = api.stampedV3.insert({ email: 'jane@example.com' });
			api.stampedV3.seedCustomers(250);
			api.stampedV3.seedActivities(250, jane);
			api.hostile = { ignorePaging: true };
			const { items, error } = await getAllV3(resource);
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(
				/got 100 records; page 2 repeated records already read, so the API seems to ignore the page number/,
			);
			expect(api.requests()).toHaveLength(3);
		},
	);

	test('an empty page while morePages says more: read twice, then fails', async () => {
		api.stampedV3.seedCustomers(250);
		api.hostile = { emptyFromPageIndex: 1 };
		const { error } = await getAllV3();
		expect(error?.message).toMatch(
			/got 100 records; page 1 came back empty \(twice\) although the API said more pages follow/,
		);
		expect(api.requests().filter((request) => request.query.page === '1')).toHaveLength(2);
	});

	test('an answer whose list is not a list fails', async () => {
		api.stampedV3.seedCustomers(5);
		api.hostile = { listRecords: { customerId: 'cus_1' } };
		const { error } = await getAllV3();
		expect(error?.message).toMatch(
			/page 0 could not be read: the answer holds no list of records|its "customers" is not a list/,
		);
	});
});

/** Each v3 list read ahead: how to fill it with `count` records, what tells its records apart, its route. */
const V3_LISTS = {
	order: {
		route: 'merchant/orders',
		id: 'orderId',
		seed: (v3: FakeApi['stampedV3'], count: number) =>
			v3.seedOrders(count, v3.insert({ email: 'jane@example.com' })),
		removeFirst: (v3: FakeApi['stampedV3'], count: number) => {
			for (const id of [...v3.orders.keys()].slice(0, count)) v3.orders.delete(id);
		},
	},
	product: {
		route: 'merchant/products',
		id: 'productId',
		seed: (v3: FakeApi['stampedV3'], count: number) => v3.seedProducts(count),
		removeFirst: (v3: FakeApi['stampedV3'], count: number) => {
			for (const id of [...v3.products.keys()].slice(0, count)) v3.products.delete(id);
		},
	},
	customer: {
		route: 'merchant/customers',
		id: 'customerId',
		seed: (v3: FakeApi['stampedV3'], count: number) => v3.seedCustomers(count),
		removeFirst: (v3: FakeApi['stampedV3'], count: number) => {
			for (const id of [...v3.customers.keys()].slice(0, count)) v3.customers.delete(id);
		},
	},
	reward: {
		route: 'loyalty/rewards',
		id: 'couponCode',
		seed: (v3: FakeApi['stampedV3'], count: number) =>
			v3.seedRewards(count, v3.insert({ email: 'jane@example.com' })),
		removeFirst: (v3: FakeApi['stampedV3'], count: number) => void v3.rewards.splice(0, count),
	},
	loyaltyTransaction: {
		route: 'loyalty/activities',
		id: 'activityId',
		seed: (v3: FakeApi['stampedV3'], count: number) =>
			v3.seedActivities(count, v3.insert({ email: 'jane@example.com' })),
		// The ledger is listed newest first: its front is the end of the array.
		removeFirst: (v3: FakeApi['stampedV3'], count: number) =>
			void v3.activities.splice(-count, count),
	},
};
const V3_LIST_NAMES = Object.keys(V3_LISTS) as Array<keyof typeof V3_LISTS>;

describe('Stamped v3 lists read ahead (Concurrency pages at once, taken in order)', () => {
	const idsOf = (items: Array<{ json: IDataObject }>, id: string) =>
		items.map((item) => String(item.json[id]));
	const listed = (resource: keyof typeof V3_LISTS) => {
		const v3 = api.stampedV3;
		switch (resource) {
			case 'order':
				return [...v3.orders.values()].map((order) => order.orderId);
			case 'product':
				return [...v3.products.values()].map((product) => product.productId);
			case 'customer':
				return [...v3.customers.values()].map((customer) => customer.customerId);
			case 'reward':
				return v3.rewards.map((reward) => reward.couponCode);
			case 'loyaltyTransaction':
				return v3.activities.map((activity) => activity.activityId).reverse();
		}
	};

	test.each(V3_LIST_NAMES)(
		'%s: 1,000 records, every one once and in order, up to 4 pages at once, at most 3 pages past the end',
		async (resource) => {
			V3_LISTS[resource].seed(api.stampedV3, 1000);
			api.latencyMs = 5;
			api.holdUntilInFlight = 4;
			const { items, error } = await getAllV3(resource);
			expect(error).toBeUndefined();
			expect(idsOf(items, V3_LISTS[resource].id)).toEqual(listed(resource));
			expect(api.maxInFlight).toBe(4);
			const pages = Math.ceil(listed(resource).length / 100);
			const asked = api.requests().map((request) => Number(request.query.page));
			expect(asked.filter((page) => page >= pages).length).toBeLessThanOrEqual(3);
			// The first and the last page are read once more at the end: the list did not move.
			expect(asked.filter((page) => page < pages)).toHaveLength(pages + 2);
		},
	);

	test.each(V3_LIST_NAMES)(
		'%s: records removed at the front while the list is read: every remaining record once',
		async (resource) => {
			const list = V3_LISTS[resource];
			list.seed(api.stampedV3, 1000);
			const before = listed(resource);
			let removed = 0;
			api.stampedV3.onListPage = (route, page) => {
				if (route === list.route && page === 4 && removed === 0) {
					removed = 15;
					list.removeFirst(api.stampedV3, removed);
				}
			};
			const { items, error } = await getAllV3(resource);
			expect(error).toBeUndefined();
			const out = idsOf(items, list.id);
			expect(new Set(out).size).toBe(out.length);
			// Read one page after another, the 15 records that moved from page 4 to page 3 were never read.
			expect(before.slice(removed).filter((id) => !out.includes(id))).toEqual([]);
		},
	);

	test('loyalty transactions: new activities at the front (newest first) while read: every earlier one once', async () => {
		const jane = api.stampedV3.insert({ email: 'jane@example.com' });
		api.stampedV3.seedActivities(1000, jane);
		const before = listed('loyaltyTransaction');
		const newest = api.stampedV3.activities[api.stampedV3.activities.length - 1];
		api.latencyMs = 3;
		let added = 0;
		api.stampedV3.onListPage = (route, page) => {
			if (route === 'loyalty/activities' && page >= 3 && page <= 6 && added < 40) {
				for (let i = 0; i < 10; i++)
					api.stampedV3.activities.push({ ...newest, activityId: `act_new_${added++}` });
			}
		};
		const { items, error } = await getAllV3('loyaltyTransaction');
		expect(error).toBeUndefined();
		const out = idsOf(items, 'activityId');
		expect(new Set(out).size).toBe(out.length);
		expect(before.filter((id) => !out.includes(id))).toEqual([]);
	});

	test.each(V3_LIST_NAMES)(
		'%s: pages past the end that repeat the first page and say more follow are dropped: no error, nothing extra',
		async (resource) => {
			V3_LISTS[resource].seed(api.stampedV3, 420);
			const expected = listed(resource);
			api.hostile = { pastEndRepeatsFirst: true };
			const { items, error } = await getAllV3(resource);
			expect(error).toBeUndefined();
			expect(idsOf(items, V3_LISTS[resource].id)).toEqual(expected);
		},
	);

	test.each([500, 404])(
		'orders: pages past the end answered %i are no error, each asked for once (no retries)',
		async (status) => {
			V3_LISTS.order.seed(api.stampedV3, 420);
			const expected = listed('order');
			api.hostile = { pastEndStatus: status };
			const { items, error } = await getAllV3('order');
			expect(error).toBeUndefined();
			expect(idsOf(items, 'orderId')).toEqual(expected);
			const pastEnd = api.requests().filter((request) => Number(request.query.page) >= 5);
			expect(pastEnd.length).toBeGreaterThan(0);
			expect(new Set(pastEnd.map((request) => request.query.page)).size).toBe(pastEnd.length);
		},
	);

	test.each([
		[
			400,
			/got 400 records; page 4 came back empty \(twice\) although the API said more pages follow/,
		],
		[420, /got 400 records; page 4 held 20 records, fewer than the 100 a page held before/],
	])(
		'orders: morePages that says more follow on every page (%i orders): fails loudly, nothing output',
		async (count, message) => {
			V3_LISTS.order.seed(api.stampedV3, count - 1); // and the sandbox's order of Jane
			api.stampedV3.seedOrders(1, [...api.stampedV3.customers.values()][0], 'extra-');
			api.hostile = { morePagesAlways: true };
			const { items, error } = await getAllV3('order');
			expect(items).toEqual([]);
			expect(error?.message).toMatch(message);
		},
	);

	test('orders answered 429 now and then: every order once, each 429 halving the pages asked for ahead', async () => {
		V3_LISTS.order.seed(api.stampedV3, 2000);
		api.latencyMs = 5;
		// Once pages are asked for ahead, the next three requests are answered 429.
		let injected = false;
		api.stampedV3.onListPage = (_route, page) => {
			if (page === 3 && !injected) {
				injected = true;
				api.inject({ vendor: 'stampedV3', kind: 429, times: 3, path: '/orders' });
			}
		};
		const { items, error } = await getAllV3('order');
		expect(error).toBeUndefined();
		expect(idsOf(items, 'orderId')).toEqual(listed('order'));
		const requests = api.requests();
		expect(requests.filter((request) => request.status === 429)).toHaveLength(3);
		// 4, 2, 1: the last pages one at a time (the first and the last page, read again at the end, are two).
		expect(Math.max(...requests.slice(-10).map((request) => request.inFlight))).toBeLessThanOrEqual(
			2,
		);
	});

	test('Concurrency 1 reads exactly the pages of the list, one after another', async () => {
		V3_LISTS.order.seed(api.stampedV3, 1000);
		api.latencyMs = 3;
		const { items } = await stampedV3(api, {
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			options: { concurrency: 1 },
		});
		expect(items).toHaveLength(1000);
		expect(api.maxInFlight).toBe(1);
		expect(api.requests().map((request) => request.query.page)).toEqual(
			Array.from({ length: 10 }, (_, page) => String(page)),
		);
	});
});

describe("stemp's paged lists read ahead (4 pages at once, taken in order)", () => {
	const PASS = 'wp_ahead';
	const lists = {
		'stamp history': {
			seed: (count: number) => api.stemp.seedHistory(PASS, count),
			parameters: { resource: 'stamp', operation: 'getHistory', walletPassId: PASS },
			listed: () => api.stemp.history.get(PASS)!.map((entry) => entry.id),
		},
		'points history': {
			seed: (count: number) => api.stemp.seedPointsHistory(PASS, count),
			parameters: { resource: 'points', operation: 'getHistory', walletPassId: PASS },
			listed: () => api.stemp.pointsHistory.get(PASS)!.map((entry) => entry.id),
		},
		'push messages': {
			seed: (count: number) => api.stemp.seedNotifications(STAMP_TEMPLATE_ID, count),
			parameters: { resource: 'notification', operation: 'getAll', templateId: STAMP_TEMPLATE_ID },
			listed: () =>
				api.stemp.notifications
					.filter((entry) => entry.templateId === STAMP_TEMPLATE_ID)
					.map((entry) => entry.id)
					.reverse(),
		},
		'user search': {
			seed: (count: number) => api.stemp.seedUsers(count),
			parameters: { resource: 'user', operation: 'search', query: 'example.com' },
			listed: undefined,
		},
	};
	const read = (name: keyof typeof lists) =>
		stemp(api, { ...lists[name].parameters, returnAll: true });

	test.each(Object.keys(lists) as Array<keyof typeof lists>)(
		'%s: 1,000 records, every one once and in order, up to 4 pages at once, at most 3 pages past the end',
		async (name) => {
			lists[name].seed(1000);
			api.latencyMs = 5;
			api.holdUntilInFlight = 4;
			const { items, error } = await read(name);
			expect(error).toBeUndefined();
			const ids = items.map((item) => String(item.json.id));
			expect(new Set(ids).size).toBe(ids.length);
			expect(ids.length).toBeGreaterThanOrEqual(1000);
			const listed = lists[name].listed?.();
			if (listed) expect(ids).toEqual(listed.map(String));
			expect(api.maxInFlight).toBe(4);
			const pages = Math.ceil(ids.length / 100);
			const asked = api.requests().map((request) => Number(request.query.page));
			expect(asked.filter((page) => page >= pages).length).toBeLessThanOrEqual(3);
		},
	);

	test('stamp history: entries added at the front (newest first) while read: every earlier entry once', async () => {
		lists['stamp history'].seed(1000);
		const before = lists['stamp history'].listed();
		const original = api.stemp.handle.bind(api.stemp);
		let added = 0;
		api.stemp.handle = (request) => {
			if (request.query.page === '4' && added === 0) {
				added = 25;
				api.stemp.seedHistory(PASS, added);
			}
			return original(request);
		};
		const { items, error } = await read('stamp history');
		expect(error).toBeUndefined();
		const ids = items.map((item) => String(item.json.id));
		expect(new Set(ids).size).toBe(ids.length);
		expect(before.map(String).filter((id) => !ids.includes(id))).toEqual([]);
	});

	test('push messages: pages past the end answered 500 are no error, and not retried', async () => {
		lists['push messages'].seed(420);
		api.hostile = { pastEndStatus: 500 };
		const { items, error } = await read('push messages');
		expect(error).toBeUndefined();
		expect(items).toHaveLength(420);
		const pastEnd = api.requests().filter((request) => Number(request.query.page) >= 5);
		expect(pastEnd.length).toBeGreaterThan(0);
		expect(new Set(pastEnd.map((request) => request.query.page)).size).toBe(pastEnd.length);
	});
});

describe('stemp history (totalElements and last)', () => {
	beforeEach(() => api.stemp.seedHistory('wp_abc456', 120));
	const history = () =>
		stemp(api, { operation: 'getHistory', walletPassId: 'wp_abc456', returnAll: true });

	test('totalElements says 500, 120 came: fails naming both', async () => {
		api.hostile = { listTotal: 500 };
		const { error } = await history();
		expect(error?.message).toMatch(/got 120 records of the 500 the API reported/);
	});

	test('a server that ignores the page number fails loudly', async () => {
		api.hostile = { ignorePaging: true };
		const { error } = await history();
		// Page 1 repeating page 0 is passed over once (APIs that count pages from 1 do that); page 2 is not.
		expect(error?.message).toMatch(
			/got 100 records of the 120 the API reported; page 2 repeated records already read/,
		);
	});

	test('content that is not a list fails', async () => {
		api.hostile = { listRecords: null };
		const { error } = await history();
		expect(error?.message).toMatch(/page 0 could not be read/);
	});

	test('a negative total fails', async () => {
		api.hostile = { listTotal: -5 };
		const { error } = await history();
		expect(error?.message).toMatch(/its total \(totalElements: -5\) is not a count/);
	});

	test('an honest history still comes out whole', async () => {
		const { items, error } = await history();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(120);
	});
});

describe('the algorithms on their own', () => {
	const list = (count: number, key = true) =>
		Array.from({ length: count }, (_, i) =>
			key ? { email: `c${i}@example.com`, n: i } : { n: i },
		);

	test('records without a key are never collapsed, in an offset export', async () => {
		const records = [...list(150), ...list(60, false)];
		const result = await readPagesByTotal({
			wanted: { returnAll: true, limit: 0 },
			pageSize: 100,
			concurrency: 3,
			key: (record) => String(record.email ?? ''),
			fetchPage: async (page, size) => ({
				records: records.slice((page - 1) * size, page * size),
				total: records.length,
			}),
		});
		expect(result.records).toHaveLength(210);
	});

	test('a page of records without IDs answered again is recognised as a repeat', async () => {
		const walk = readPagesInOrder({ returnAll: true, limit: 0 }, 2, async () =>
			readPage({ data: list(2, false), total: 10 }),
		);
		await expect(walk).rejects.toThrow(
			/got 2 records of the 10 the API reported; page 1 repeated records already read/,
		);
	});

	test('an offset export without a total fails when a full page repeats', async () => {
		const exporting = readPagesByTotal({
			wanted: { returnAll: true, limit: 0 },
			pageSize: 100,
			concurrency: 2,
			key: (record) => String(record.email),
			fetchPage: async () => ({ records: list(100) }),
		});
		await expect(exporting).rejects.toThrow(
			/got 100 records; page 2 repeated records already read/,
		);
	});

	test('a server that never ends is stopped after the page cap', async () => {
		let requests = 0;
		const walk = readPagesInOrder(
			{ returnAll: true, limit: 0 },
			1,
			async (page) => {
				requests++;
				return readPage({ morePages: true, customers: [{ customerId: `c${page}` }] });
			},
			(record) => record.customerId,
		);
		await expect(walk).rejects.toThrow(new RegExp(`still had more after ${MAX_PAGES} pages`));
		expect(requests).toBe(MAX_PAGES);
	});
});
