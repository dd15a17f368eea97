/**
 * The paging engine (nodes/core/paging.ts) reading a list in order with pages asked for ahead (`pagesAhead`), as
 * Stamped's v3 lists are read: pages from 0 that say only whether more follow, answered in any order, against an
 * in-memory list that changes while it is read. Every record once, nothing past the end, or a loud error.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PageContent } from '../../nodes/core/paging';
import { paging } from '../harness/paging';

const { readList, IncompleteListError } = paging;

type Change = 'insertFront' | 'insertEnd' | 'removeFront' | 'removeMiddle';

function seededRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

const makeList = (size: number): IDataObject[] =>
	Array.from({ length: size }, (_, i) => ({ id: `r${i}` }));
const ids = (records: IDataObject[]) => records.map((record) => String(record.id));

/** A 0-based list that says `morePages`, read with `pagesAhead`; every request logged. */
async function readAhead(options: {
	list: IDataObject[];
	pagesAhead: number;
	limit?: number;
	/** Answers a page instead of the list, e.g. to lie about what follows. */
	answer?: (page: number, size: number, honest: PageContent) => PageContent | Promise<PageContent>;
	/** Waits before answering, to make pages answer out of order. */
	delay?: (page: number) => Promise<void>;
}) {
	const requests: number[] = [];
	const neededWhenAnswered: boolean[] = [];
	const result = await readList(
		{
			firstPage: 0,
			pageSize: 100,
			pagesAhead: options.pagesAhead,
			key: (record) => (record.id === undefined ? undefined : String(record.id)),
			fetchPage: async (page, size, _onRateLimited, stillNeeded) => {
				requests.push(page);
				await options.delay?.(page);
				const records = options.list.slice(page * size, (page + 1) * size);
				const honest: PageContent = {
					records,
					more: (page + 1) * size < options.list.length,
				};
				neededWhenAnswered.push(stillNeeded());
				return options.answer ? await options.answer(page, size, honest) : honest;
			},
		},
		{ returnAll: options.limit === undefined, limit: options.limit ?? 0 },
	);
	return { result, requests, neededWhenAnswered };
}

describe('a list read in order with pages asked for ahead', () => {
	test.each([0, 1, 99, 100, 101, 200, 250, 300, 1000, 5003])(
		'a list of %i that does not change: every record once, in order, few pages past the end',
		async (size) => {
			const list = makeList(size);
			const { result, requests } = await readAhead({ list, pagesAhead: 4 });
			expect(ids(result.records)).toEqual(ids(list));
			const pages = Math.max(1, Math.ceil(size / 100));
			// Every page of the list is asked for once (twice for the first and the last page when pages were read
			// side by side: they are read once more at the end), and at most 3 pages past its end.
			const listPages = requests.filter((page) => page < pages);
			expect(new Set(listPages)).toEqual(new Set(Array.from({ length: pages }, (_, i) => i)));
			expect(listPages.length).toBeLessThanOrEqual(pages + 2);
			expect(requests.filter((page) => page >= pages).length).toBeLessThanOrEqual(3);
		},
	);

	test('pages 0 and 1 are read alone, then up to pagesAhead at once', async () => {
		let inFlight = 0;
		const seen: number[] = [];
		await readAhead({
			list: makeList(2000),
			pagesAhead: 4,
			delay: async () => {
				seen.push(++inFlight);
				await new Promise((resolve) => setTimeout(resolve, 2));
				inFlight--;
			},
		});
		expect(seen.slice(0, 2)).toEqual([1, 1]);
		expect(Math.max(...seen)).toBe(4);
	});

	test('pages answered in reverse order are still output in page order', async () => {
		const list = makeList(1250);
		const { result } = await readAhead({
			list,
			pagesAhead: 5,
			delay: async (page) =>
				await new Promise((resolve) => setTimeout(resolve, 20 - (page % 5) * 4)),
		});
		expect(ids(result.records)).toEqual(ids(list));
	});

	test('a Limit asks for no page ahead beyond the pages it needs', async () => {
		const { result, requests } = await readAhead({
			list: makeList(5000),
			pagesAhead: 4,
			limit: 450,
		});
		expect(result.records).toHaveLength(450);
		expect(Math.max(...requests)).toBe(4);
		expect(requests).toHaveLength(5);
	});

	test('a page past the end that says more follow and holds records is dropped: no error, nothing extra', async () => {
		const list = makeList(420);
		const { result, requests } = await readAhead({
			list,
			pagesAhead: 4,
			// Past the end, the server answers its first page again and says more follow.
			answer: (page, size, honest) =>
				page >= 5 ? { records: list.slice(0, size), more: true } : honest,
		});
		expect(ids(result.records)).toEqual(ids(list));
		expect(requests.some((page) => page >= 5)).toBe(true);
	});

	test('pages past the end that fail are no error, and are marked as not needed (no retries)', async () => {
		const list = makeList(420);
		const { result, neededWhenAnswered, requests } = await readAhead({
			list,
			pagesAhead: 4,
			delay: async (page) => {
				// Pages past the end answer after the list has ended.
				if (page >= 5) await new Promise((resolve) => setTimeout(resolve, 30));
			},
			answer: (page, _size, honest) => {
				if (page >= 5) throw new Error(`page ${page} does not exist`);
				return honest;
			},
		});
		expect(ids(result.records)).toEqual(ids(list));
		const pastEnd = requests.filter((page) => page >= 5).length;
		expect(pastEnd).toBeGreaterThan(0);
		// Those pages were answered once the list had ended: a request client gives up on them at once.
		expect(neededWhenAnswered.filter((needed) => !needed).length).toBeGreaterThanOrEqual(pastEnd);
	});

	test('a page of the list that fails fails the list, even when asked for ahead', async () => {
		const { error } = await readAhead({
			list: makeList(900),
			pagesAhead: 4,
			answer: (page, _size, honest) => {
				if (page === 6) throw new Error('page 6 broke');
				return honest;
			},
		}).then(
			() => ({ error: undefined }),
			(thrown: Error) => ({ error: thrown }),
		);
		expect(error?.message).toBe('page 6 broke');
	});

	test.each([
		[
			400,
			/got 400 records; page 4 came back empty \(twice\) although the API said more pages follow/,
		],
		[420, /got 400 records; page 4 held 20 records, fewer than the 100 a page held before/],
	])(
		'morePages that says more follow on every page, also past the end of %i records: fails loudly',
		async (size, message) => {
			const reading = readAhead({
				list: makeList(size),
				pagesAhead: 4,
				answer: (_page, _size, honest) => ({ ...honest, more: true }),
			});
			await expect(reading).rejects.toThrow(message);
		},
	);

	test('a page shorter than the others while more follow fails loudly, also when asked for ahead', async () => {
		const list = makeList(1000);
		const reading = readAhead({
			list,
			pagesAhead: 4,
			answer: (page, size, honest) =>
				page === 6 ? { records: list.slice(page * size, page * size + 60), more: true } : honest,
		});
		await expect(reading).rejects.toThrow(
			/got 600 records; page 6 held 60 records, fewer than the 100 a page held before/,
		);
	});

	test('a server that ignores the page number fails after 3 requests, before any page is asked for ahead', async () => {
		const list = makeList(1000);
		const reading = readAhead({
			list,
			pagesAhead: 4,
			answer: (_page, size) => ({ records: list.slice(0, size), more: true }),
		});
		await expect(reading).rejects.toThrow(/page 2 repeated records already read/);
	});

	test('a 429 halves the pages asked for ahead', async () => {
		let inFlight = 0;
		const seen: number[] = [];
		let limited = false;
		await readList(
			{
				firstPage: 0,
				pageSize: 100,
				pagesAhead: 8,
				key: (record) => String(record.id),
				fetchPage: async (page, size, onRateLimited) => {
					seen.push(++inFlight);
					await new Promise((resolve) => setTimeout(resolve, 2));
					inFlight--;
					if (page === 10 && !limited) {
						limited = true;
						onRateLimited();
					}
					const list = makeList(4000);
					return {
						records: list.slice(page * size, (page + 1) * size),
						more: (page + 1) * size < 4000,
					};
				},
			},
			{ returnAll: true, limit: 0 },
		);
		expect(Math.max(...seen.slice(0, 12))).toBe(8);
		expect(Math.max(...seen.slice(-10))).toBeLessThanOrEqual(4);
	});

	test('a record added at the front between two pages answered out of order is found, once', async () => {
		// Page 3 is answered before page 2; a record is added at the front in between. Read in order, the record
		// pushed from page 2 onto page 3 would sit on neither answer.
		const list = makeList(800);
		let added = false;
		const { result } = await readAhead({
			list,
			pagesAhead: 4,
			delay: async (page) => {
				if (page === 2) await new Promise((resolve) => setTimeout(resolve, 15));
				if (page === 2 && !added) {
					added = true;
					list.unshift({ id: 'newcomer' });
				}
			},
		});
		const out = ids(result.records);
		expect(new Set(out).size).toBe(out.length);
		expect(makeList(800).every((record) => out.includes(String(record.id)))).toBe(true);
	});
});

describe('a list that changes while it is read with pages ahead, pages answering in random order', () => {
	async function readChanging(size: number, changes: Change[], seed: number, pagesAhead: number) {
		const random = seededRandom(seed);
		const list = makeList(size);
		const original = new Set(ids(list));
		const removed = new Set<string>();
		let added = 0;
		let fetches = 0;
		const mainPass = Math.ceil(size / 100) + pagesAhead;
		const { result } = await readAhead({
			list,
			pagesAhead,
			delay: async () => {
				fetches++;
				for (let turns = Math.floor(random() * 20); turns > 0; turns--) await Promise.resolve();
				if (fetches > 1 && random() < (fetches <= mainPass ? 0.3 : 0.05)) {
					const change = changes[Math.floor(random() * changes.length)];
					const count = 1 + Math.floor(random() * 30);
					for (let i = 0; i < count; i++) {
						if (change === 'insertFront') list.unshift({ id: `new${added++}` });
						if (change === 'insertEnd') list.push({ id: `new${added++}` });
						if (change === 'removeFront' && list.length) removed.add(String(list.shift()!.id));
						if (change === 'removeMiddle' && list.length)
							removed.add(String(list.splice(Math.floor(random() * list.length), 1)[0].id));
					}
				}
			},
		});
		const out = ids(result.records);
		const survivors = [...original].filter((id) => !removed.has(id));
		return { out, survivors };
	}

	const shifts: Array<[string, Change[]]> = [
		['inserts at the front', ['insertFront']],
		['inserts at the end', ['insertEnd']],
		['removals at the front', ['removeFront']],
		['inserts and removals at the front and the end', ['insertFront', 'insertEnd', 'removeFront']],
	];
	for (const [name, changes] of shifts) {
		test(`${name}: every record that existed throughout comes out exactly once, or the list fails (100 random runs)`, async () => {
			for (let seed = 1; seed <= 100; seed++) {
				const outcome = await readChanging(1234, changes, seed, 2 + (seed % 5)).catch(
					(error: Error) => error,
				);
				if (outcome instanceof IncompleteListError) continue; // loud, never short in silence
				if (outcome instanceof Error) throw outcome;
				const { out, survivors } = outcome;
				expect(new Set(out).size).toBe(out.length);
				const seen = new Set(out);
				expect({ seed, missing: survivors.filter((id) => !seen.has(id)) }).toEqual({
					seed,
					missing: [],
				});
			}
		});
	}

	test('removals in the middle: never a record twice (100 random runs)', async () => {
		for (let seed = 1; seed <= 100; seed++) {
			const outcome = await readChanging(
				1234,
				['removeMiddle', 'insertFront', 'removeFront'],
				seed,
				4,
			).catch((error: Error) => error);
			if (outcome instanceof IncompleteListError) continue;
			if (outcome instanceof Error) throw outcome;
			expect(new Set(outcome.out).size).toBe(outcome.out.length);
		}
	});
});
