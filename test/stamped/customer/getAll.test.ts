/**
 * Stamped customer Get Many: Return All and Limit. v2 pages from 1, several pages at once (Concurrency); v3
 * pages from 0 in order, the next pages asked for ahead (Concurrency), and stops at the first page whose
 * `morePages` says no more follow. Every customer exactly once, or an error.
 */
import { retryPolicy } from '../../harness/fast-retries';
import {
	VERSIONS,
	api,
	emailsOf,
	configureV3,
	expectRefusedBeforeSending,
	merchant,
	stampedV2,
	stampedV3,
	useStampedApi,
	versionCase,
} from '../support';

useStampedApi();

describe.each(VERSIONS)(
	'customer Return All and Limit on %s',
	(_version, { run, vendor, seedOnly }) => {
		test.each([
			[30, ['30']],
			[100, ['100']],
			[150, ['100', '100']],
		])('Limit %i fetches only the pages it needs', async (limit, pageSizes) => {
			seedOnly(1000);
			const { items } = await run({
				resource: 'customer',
				operation: 'getAll',
				returnAll: false,
				limit,
			});
			expect(items).toHaveLength(limit);
			expect(api.requests().map((request) => request.query.limit)).toEqual(pageSizes);
		});

		test('a page that keeps failing ends the list with an error', async () => {
			seedOnly(300);
			api.inject({ vendor, kind: 500, times: 100, path: '/customers' });
			const { error } = await run({ resource: 'customer', operation: 'getAll', returnAll: true });
			expect(error?.httpCode).toBe('500');
			expect(error?.description).toContain(`after ${retryPolicy.maxAttempts} attempts`);
		});
	},
);

describe('customer Return All and Limit on v2 (pages from 1, several at once)', () => {
	const { seedOnly } = versionCase('v2');

	test.each([0, 1, 100, 101, 250])(
		'Return All over %i customers: each once, in Stamped order, pages of 100',
		async (count) => {
			seedOnly(count);
			const { items } = await stampedV2({
				resource: 'customer',
				operation: 'getAll',
				returnAll: true,
			});
			const expected = [...api.stamped.customers.values()]
				.reverse()
				.map((customer) => customer.email);
			expect(emailsOf(items)).toEqual(expected);
			// Every page once; with more than one page, the first and the last once more (a change that kept the total).
			const pages = Math.max(1, Math.ceil(count / 100));
			const rereads = pages > 1 ? [1, pages] : [];
			expect(api.requests().map((request) => request.query.limit)).toEqual(
				Array(pages + rereads.length).fill('100'),
			);
			expect(
				api
					.requests()
					.map((request) => Number(request.query.page))
					.sort((a, b) => a - b),
			).toEqual(
				[...Array.from({ length: pages }, (_, i) => i + 1), ...rereads].sort((a, b) => a - b),
			);
		},
	);

	test('Return All over 10,000 customers with the default concurrency', async () => {
		seedOnly(10_000);
		api.latencyMs = 10;
		api.holdUntilInFlight = 4;
		const { items } = await stampedV2({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
		});
		expect(items).toHaveLength(10_000);
		expect(new Set(emailsOf(items)).size).toBe(10_000);
		expect(emailsOf(items)[0]).toBe('customer09999@example.com');
		expect(emailsOf(items)[9_999]).toBe('customer00000@example.com');
		expect(api.requests()).toHaveLength(100 + 2); // the first and last page read again at the end
		expect(api.maxInFlight).toBe(4);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Return All reads the credential once, not once per page', async () => {
		seedOnly(1000);
		const { items, credentialReads } = await stampedV2({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
		});
		expect(items).toHaveLength(1000);
		expect(api.requests()).toHaveLength(10 + 2); // the first and last page read again at the end
		expect(api.requests().every((request) => request.status === 200)).toBe(true);
		expect(credentialReads).toBe(1);
	});

	// The fake holds each request until the expected number are in flight (`holdUntilInFlight`), so these
	// concurrency tests do not depend on how fast a loaded machine sends a round.
	test('the Concurrency option sets how many pages are fetched at once', async () => {
		seedOnly(1000);
		api.latencyMs = 40;
		api.holdUntilInFlight = 8;
		await stampedV2({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			options: { concurrency: 8 },
		});
		expect(api.maxInFlight).toBe(8);
	});

	test('customers inserted while the export runs push others past page boundaries; none is lost or doubled', async () => {
		seedOnly(1000);
		const original = [...api.stamped.customers.keys()];
		api.latencyMs = 3;
		let inserted = 0;
		api.stamped.onListPage = (page) => {
			// Newest first: every insert shifts every record behind it by one.
			if (page >= 3 && inserted < 60)
				for (let i = 0; i < 12; i++) api.stamped.insert({ email: `late${inserted++}@example.com` });
		};
		const { items } = await stampedV2({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
		});
		const emails = emailsOf(items);
		expect(new Set(emails).size).toBe(emails.length);
		const out = new Set(emails);
		expect(original.filter((email) => !out.has(email))).toEqual([]);
		expect(inserted).toBeGreaterThan(0);
	});

	test('customers deleted while the export runs do not make others disappear', async () => {
		seedOnly(800);
		api.latencyMs = 3;
		const deleted = new Set<string>();
		api.stamped.onListPage = (page) => {
			if (page === 4 && deleted.size < 40) {
				for (const email of [...api.stamped.customers.keys()].slice(-40)) {
					api.stamped.customers.delete(email);
					deleted.add(email);
				}
			}
		};
		const { items } = await stampedV2({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
		});
		const out = new Set(emailsOf(items));
		expect(out.size).toBe(items.length);
		const survivors = [...api.stamped.customers.keys()];
		expect(survivors.filter((email) => !out.has(email))).toEqual([]);
		expect(deleted.size).toBe(40);
	});

	test('429 bursts during an export are waited out and every customer arrives (no Retry-After from Stamped)', async () => {
		seedOnly(700);
		api.inject({ vendor: 'stamped', kind: 429, times: 6, path: '/customers' });
		const { items, error } = await stampedV2({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(700);
		expect(api.requests().filter((request) => request.status === 429)).toHaveLength(6);
		expect(api.requests().every((request) => request.headers['retry-after'] === undefined)).toBe(
			true,
		);
	});

	test('the concurrency is lowered after a 429', async () => {
		seedOnly(3000);
		api.latencyMs = 20;
		api.holdUntilInFlight = 8;
		let limited = false;
		api.stamped.onListPage = (page) => {
			if (page === 12 && !limited) {
				limited = true;
				api.inject({ vendor: 'stamped', kind: 429, times: 2, path: '/customers' });
			}
		};
		await stampedV2({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			options: { concurrency: 8 },
		});
		const listRequests = api.requests({ path: '/customers' });
		expect(Math.max(...listRequests.slice(1, 12).map((request) => request.inFlight))).toBe(8);
		expect(
			Math.max(...listRequests.slice(-8).map((request) => request.inFlight)),
		).toBeLessThanOrEqual(2);
	});

	test('a requests-per-second ceiling slows the export down but loses nothing', async () => {
		seedOnly(1500);
		api.requestsPerSecond = 40;
		const { items, error } = await stampedV2({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			options: { concurrency: 10 },
		});
		expect(error).toBeUndefined();
		expect(new Set(emailsOf(items)).size).toBe(1500);
		expect(items).toHaveLength(1500);
	});

	test('a Concurrency above 10 is refused before anything is sent', async () => {
		await expectRefusedBeforeSending(
			stampedV2,
			{ resource: 'customer', operation: 'getAll', returnAll: true, options: { concurrency: 50 } },
			'Invalid "Concurrency" in item 0: 50 is out of range (1 to 10)',
		);
	});
});

describe('customer Return All and Limit on v3 (pages from 0, morePages, no total)', () => {
	const { seedOnly } = versionCase('v3');

	test.each([0, 1, 100, 101, 250])(
		'Return All over %i customers: each once, in order, pages of 100 from page 0',
		async (count) => {
			seedOnly(count);
			const { items } = await stampedV3({
				resource: 'customer',
				operation: 'getAll',
				returnAll: true,
			});
			expect(emailsOf(items)).toEqual(
				[...api.stampedV3.customers.values()].map((customer) => customer.email),
			);
			// Page 0, then page 1 alone (it shows that Stamped honours the page number), then 2 pages at a time: a
			// third page is asked for together with the page past it.
			const pages = Math.max(1, Math.ceil(count / 100));
			const asked = pages >= 3 ? pages + 1 : pages;
			expect(api.requests().map((request) => request.query)).toEqual(
				Array.from({ length: asked }, (_, page) => ({ page: String(page), limit: '100' })),
			);
			expect(api.requests().every((request) => request.path === merchant('/customers'))).toBe(true);
		},
	);

	test('"more_pages" is understood as well', async () => {
		configureV3({ moreKey: 'more_pages' });
		seedOnly(230);
		const { items } = await stampedV3({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
		});
		expect(items).toHaveLength(230);
		expect(api.requests().map((request) => request.query.page)).toEqual(['0', '1', '2', '3']);
	});

	test('morePages decides, not the page length: a short first page that says more follows is followed, in its size', async () => {
		seedOnly(150);
		// The server answers page 0 with 25 customers and says more follow: it pages by 25, not the 100 asked for.
		api.inject({
			vendor: 'stampedV3',
			kind: 200,
			times: 1,
			path: '/customers',
			body: {
				page: 0,
				limit: 100,
				morePages: true,
				customers: Array.from({ length: 25 }, (_, i) => ({
					customerId: `x${i}`,
					email: `x${i}@example.com`,
				})),
			},
		});
		// One page at a time: read ahead, the list would be checked against page 0 read again, which this fake
		// answers with its own 25 customers the first answer hid (test/security/lists.test.ts reads ahead).
		const { items, error } = await stampedV3({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			options: { concurrency: 1 },
		});
		expect(error).toBeUndefined();
		// 25 from the first page, then the fake's pages 1.. of 25 (its customers 25 to 149).
		expect(items).toHaveLength(25 + 125);
		expect(api.requests().map((request) => request.query.limit)).toEqual([
			'100',
			...Array.from({ length: 5 }, () => '25'),
		]);
	});

	test('the next pages are asked for ahead, up to Concurrency at once, and taken in order', async () => {
		seedOnly(1200);
		api.latencyMs = 3;
		api.holdUntilInFlight = 8;
		const { items } = await stampedV3({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			options: { concurrency: 8 },
		});
		expect(emailsOf(items)).toEqual(
			[...api.stampedV3.customers.values()].map((customer) => customer.email),
		);
		expect(api.maxInFlight).toBe(8);
		// Pages 0 and 1 alone: the second shows whether Stamped honours the page number at all.
		expect(
			api
				.requests()
				.map((request) => request.inFlight)
				.slice(0, 2),
		).toEqual([1, 1]);
	});

	test('Concurrency 1 reads one page after another, exactly the pages of the list', async () => {
		seedOnly(600);
		api.latencyMs = 3;
		const { items } = await stampedV3({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			options: { concurrency: 1 },
		});
		expect(items).toHaveLength(600);
		expect(api.maxInFlight).toBe(1);
		expect(api.requests().map((request) => request.query.page)).toEqual([
			'0',
			'1',
			'2',
			'3',
			'4',
			'5',
		]);
	});

	test('429s are waited out and every customer arrives', async () => {
		seedOnly(350);
		api.inject({ vendor: 'stampedV3', kind: 429, times: 3, path: '/customers' });
		const { items, error } = await stampedV3({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(new Set(emailsOf(items)).size).toBe(350);
	});

	test('a Limit of 0 is refused before anything is sent', async () => {
		await expectRefusedBeforeSending(
			stampedV3,
			{ resource: 'customer', operation: 'getAll', returnAll: false, limit: 0 },
			'Invalid "Limit" in item 0: 0 is out of range (at least 1)',
		);
	});
});
