/**
 * The paging engine (nodes/core/paging.ts) reading a list by its total (offset pages from 1, as Stamped's v2
 * lists are), on its own, against an in-memory list that changes while it is read: records added at the front or
 * the end, and removed, at random moments, with pages answering in random order.
 */
import type { IDataObject } from 'n8n-workflow';

import { readPagesByTotal } from '../harness/paging';

type Change = 'insertFront' | 'insertEnd' | 'removeFront' | 'removeMiddle';

function seededRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

function makeList(size: number, prefix = 'c'): IDataObject[] {
	return Array.from({ length: size }, (_, i) => ({ email: `${prefix}${i}@example.com` }));
}

async function exportChanging(options: {
	size: number;
	changes: Change[];
	concurrency: number;
	seed: number;
	returnAll?: boolean;
	limit?: number;
}) {
	const random = seededRandom(options.seed);
	const list = makeList(options.size);
	const original = new Set(list.map((record) => record.email as string));
	const removed = new Set<string>();
	let added = 0;
	let fetches = 0;

	const result = await readPagesByTotal({
		wanted: { returnAll: options.returnAll ?? true, limit: options.limit ?? 0 },
		pageSize: 100,
		concurrency: options.concurrency,
		key: (record) => String(record.email),
		fetchPage: async (page, size) => {
			fetches++;
			// Pages answer in a random but repeatable order: a random number of microtask turns, no timers.
			for (let turns = Math.floor(random() * 20); turns > 0; turns--) await Promise.resolve();
			// Now and then the list changes just before a page is read: often while the pages are first read,
			// rarely later, while the gaps are read again.
			const mainPass = fetches <= Math.ceil(options.size / 100);
			if (fetches > 1 && random() < (mainPass ? 0.3 : 0.05)) {
				const change = options.changes[Math.floor(random() * options.changes.length)];
				const count = 1 + Math.floor(random() * 30);
				for (let i = 0; i < count; i++) {
					if (change === 'insertFront') list.unshift({ email: `new${added++}@example.com` });
					if (change === 'insertEnd') list.push({ email: `new${added++}@example.com` });
					if (change === 'removeFront' && list.length) removed.add(list.shift()!.email as string);
					if (change === 'removeMiddle' && list.length) {
						removed.add(list.splice(Math.floor(random() * list.length), 1)[0].email as string);
					}
				}
			}
			return {
				records: list.slice((page - 1) * size, page * size).map((record) => ({ ...record })),
				total: list.length,
			};
		},
	});
	const emails = result.records.map((record) => record.email as string);
	const survivors = [...original].filter((email) => !removed.has(email));
	return { result, emails, survivors };
}

describe('a list read by its total', () => {
	test.each([0, 1, 99, 100, 101, 250, 1000])(
		'a list of %i that does not change: every record once, the fewest requests',
		async (size) => {
			const { result, emails } = await exportChanging({
				size,
				changes: [],
				concurrency: 4,
				seed: 1,
			});
			expect(emails).toEqual(makeList(size).map((record) => record.email));
			// The first and the last page are read again at the end when there are several (a change that kept the total).
			const pages = Math.max(1, Math.ceil(size / 100));
			expect(result.requests).toBe(pages > 1 ? pages + 2 : pages);
			expect(result.changedDuringExport).toBe(false);
		},
	);

	// Changes that move every later record by the same amount, which the page totals can place exactly.
	const uniformShifts: Array<[string, Change[]]> = [
		['inserts at the front', ['insertFront']],
		['inserts at the end', ['insertEnd']],
		['removals at the front', ['removeFront']],
		['inserts and removals at the front and the end', ['insertFront', 'insertEnd', 'removeFront']],
	];
	for (const [name, changes] of uniformShifts) {
		test(`${name}: every record that existed throughout comes out exactly once (100 random runs)`, async () => {
			for (let seed = 1; seed <= 100; seed++) {
				const { emails, survivors, result } = await exportChanging({
					size: 1234,
					changes,
					concurrency: 1 + (seed % 6),
					seed,
				});
				expect(new Set(emails).size).toBe(emails.length);
				const out = new Set(emails);
				expect({ seed, missing: survivors.filter((email) => !out.has(email)) }).toEqual({
					seed,
					missing: [],
				});
				expect({ seed, unread: result.uncheckedBoundaries }).toEqual({ seed, unread: 0 });
			}
		});
	}

	test('removals in the middle: no record twice, none lost (100 random runs)', async () => {
		for (let seed = 1; seed <= 100; seed++) {
			const changes: Change[] = ['removeMiddle', 'insertFront', 'removeFront'];
			const { emails, survivors } = await exportChanging({
				size: 1234,
				changes,
				concurrency: 1 + (seed % 6),
				seed,
			});
			expect(new Set(emails).size).toBe(emails.length);
			const out = new Set(emails);
			expect({ seed, missing: survivors.filter((email) => !out.has(email)) }).toEqual({
				seed,
				missing: [],
			});
		}
	});

	test('with a Limit, only the pages needed are read', async () => {
		const { result, emails } = await exportChanging({
			size: 5000,
			changes: [],
			concurrency: 4,
			seed: 3,
			returnAll: false,
			limit: 250,
		});
		expect(emails).toHaveLength(250);
		expect(result.requests).toBe(3);
	});

	test('a Limit below one page asks for just that many', async () => {
		const sizes: number[] = [];
		const result = await readPagesByTotal({
			wanted: { returnAll: false, limit: 30 },
			pageSize: 100,
			concurrency: 4,
			key: (record) => String(record.email),
			fetchPage: async (page, size) => {
				sizes.push(size);
				return { records: makeList(1000).slice((page - 1) * size, page * size), total: 1000 };
			},
		});
		expect(result.records).toHaveLength(30);
		expect(sizes).toEqual([30]);
	});

	test('a server that serves smaller pages than asked is followed in its own page size', async () => {
		const list = makeList(230);
		const result = await readPagesByTotal({
			wanted: { returnAll: true, limit: 0 },
			pageSize: 100,
			concurrency: 3,
			key: (record) => String(record.email),
			fetchPage: async (page) => ({
				records: list.slice((page - 1) * 50, page * 50),
				total: list.length,
			}),
		});
		expect(result.records.map((record) => record.email)).toEqual(
			list.map((record) => record.email),
		);
	});

	test('a list with no total is walked page by page until a short page', async () => {
		const list = makeList(250);
		const result = await readPagesByTotal({
			wanted: { returnAll: true, limit: 0 },
			pageSize: 100,
			concurrency: 4,
			key: (record) => String(record.email),
			fetchPage: async (page, size) => ({ records: list.slice((page - 1) * size, page * size) }),
		});
		expect(result.records).toHaveLength(250);
		expect(result.requests).toBe(3);
	});

	test('a 429 halves the pages in flight', async () => {
		let inFlight = 0;
		const seen: number[] = [];
		let limited = false;
		await readPagesByTotal({
			wanted: { returnAll: true, limit: 0 },
			pageSize: 100,
			concurrency: 8,
			key: (record) => String(record.email),
			fetchPage: async (page, size, onRateLimited) => {
				inFlight++;
				seen.push(inFlight);
				if (page === 12 && !limited) {
					limited = true;
					onRateLimited();
					onRateLimited();
				}
				await new Promise((resolve) => setTimeout(resolve, 3));
				inFlight--;
				return { records: makeList(3000).slice((page - 1) * size, page * size), total: 3000 };
			},
		});
		expect(Math.max(...seen.slice(0, 10))).toBe(8);
		expect(Math.max(...seen.slice(-10))).toBeLessThanOrEqual(2);
	});
});
