/**
 * Reading pages whatever their envelope (Stamped's envelopes named after what they hold included), and the
 * paging engine walking numbered pages in order until the API says it is done.
 */
import type { IDataObject } from 'n8n-workflow';

import { paging, readPagesInOrder } from '../harness/paging';

const { readList } = paging;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readStampedPage: readPage } =
	require('../../dist/nodes/Stamped/transport/answers') as typeof import('../../nodes/Stamped/transport/answers');

describe('readPage', () => {
	test.each(['customers', 'activities', 'rewards'])('records under "%s", with morePages', (key) => {
		expect(
			readPage({
				page: 0,
				limit: 2,
				morePages: true,
				subset: false,
				[key]: [{ id: 1 }, { id: 2 }],
			}),
		).toEqual({
			records: [{ id: 1 }, { id: 2 }],
			total: undefined,
			more: true,
		});
	});

	test.each([
		[{ morePages: false }, false],
		[{ more_pages: true }, true],
		[{ morePages: 'true' }, true],
		[{ more_pages: 'false' }, false],
		[{ morePages: 'maybe' }, undefined],
		[{}, undefined],
	])('the "more" flag of %j is %s', (flags, more) => {
		expect(readPage({ customers: [], ...flags }).more).toBe(more);
	});
});

describe('pages read in order, with morePages (no total)', () => {
	/** A 0-based API over `size` records that says whether more pages follow, logging each request. */
	function api(size: number, maxPage = 100) {
		const records = Array.from({ length: size }, (_, i) => ({ id: `r${i}` }));
		const requests: Array<[number, number]> = [];
		const fetchPage = async (page: number, limit: number) => {
			requests.push([page, limit]);
			const served = Math.min(limit, maxPage);
			return readPage({
				page,
				limit: served,
				morePages: (page + 1) * served < size,
				activities: records.slice(page * served, (page + 1) * served),
			});
		};
		return { records, requests, fetchPage };
	}
	const ids = (records: IDataObject[]) => records.map((record) => record.id);

	test.each([0, 1, 99, 100, 101, 250])(
		'Return All over %i records walks pages from 0 while morePages is true',
		async (size) => {
			const { records, requests, fetchPage } = api(size);
			const out = await readPagesInOrder({ returnAll: true, limit: 0 }, 100, fetchPage);
			expect(ids(out)).toEqual(ids(records));
			expect(requests).toEqual(
				Array.from({ length: Math.max(1, Math.ceil(size / 100)) }, (_, page) => [page, 100]),
			);
		},
	);

	test("a first page shorter than asked while morePages is true shows the server's page size: the rest is read in it", async () => {
		const { records, requests, fetchPage } = api(120, 50);
		const out = await readPagesInOrder({ returnAll: true, limit: 0 }, 100, fetchPage);
		expect(ids(out)).toEqual(ids(records));
		expect(requests).toEqual([
			[0, 100],
			[1, 50],
			[2, 50],
		]);
	});

	test('a server that serves the first 25 of each page asked for, saying more follow, is read whole in pages of 25', async () => {
		const records = Array.from({ length: 260 }, (_, i) => ({ id: `r${i}` }));
		const requests: Array<[number, number]> = [];
		const out = await readPagesInOrder({ returnAll: true, limit: 0 }, 100, async (page, limit) => {
			requests.push([page, limit]);
			return readPage({
				morePages: (page + 1) * limit < records.length,
				activities: records.slice(page * limit, page * limit + Math.min(limit, 25)),
			});
		});
		expect(ids(out)).toEqual(ids(records));
		expect(requests[1]).toEqual([1, 25]);
	});

	test('a page shorter than the pages before it while more follow fails loudly, naming the page', async () => {
		const records = Array.from({ length: 500 }, (_, i) => ({ id: `r${i}` }));
		const walk = readPagesInOrder({ returnAll: true, limit: 0 }, 100, async (page, limit) => {
			// The server's page size drops from 100 to 40 at page 2, and it keeps paging by the size asked.
			const served = page >= 2 ? 40 : limit;
			return readPage({
				morePages: (page + 1) * limit < records.length,
				activities: records.slice(page * limit, page * limit + served),
			});
		});
		await expect(walk).rejects.toThrow(
			/got 200 records; page 2 held 40 records, fewer than the 100 a page held before, although the API says more follow/,
		);
	});

	test('a page asked for ahead that fails fails the list when its turn comes, and only then', async () => {
		const records = Array.from({ length: 250 }, (_, i) => ({ id: `r${i}` }));
		const read = readList(
			{
				firstPage: 0,
				pageSize: 100,
				pagesAhead: 3,
				key: (record) => String(record.id),
				fetchPage: async (page, limit) => {
					if (page === 2) throw new Error('page 2 broke');
					return readPage({
						morePages: true,
						activities: records.slice(page * limit, (page + 1) * limit),
					});
				},
			},
			{ returnAll: true, limit: 0 },
		);
		await expect(read).rejects.toThrow('page 2 broke');
	});

	test('pages asked for ahead are still taken in order, and the first that ends the list ends it', async () => {
		const records = Array.from({ length: 250 }, (_, i) => ({ id: `r${i}` }));
		const requests: number[] = [];
		const { records: out } = await readList(
			{
				firstPage: 0,
				pageSize: 100,
				pagesAhead: 3,
				key: (record) => String(record.id),
				fetchPage: async (page, limit) => {
					requests.push(page);
					// Later pages answer first.
					await new Promise((resolve) => setTimeout(resolve, 10 - page));
					return readPage({
						morePages: (page + 1) * limit < records.length,
						activities: records.slice(page * limit, (page + 1) * limit),
					});
				},
			},
			{ returnAll: true, limit: 0 },
		);
		expect(ids(out)).toEqual(ids(records));
		expect(requests.slice(0, 4)).toEqual([0, 1, 2, 3]);
	});

	test.each([
		[30, [[0, 30]]],
		[100, [[0, 100]]],
		[
			150,
			[
				[0, 100],
				[1, 100],
			],
		],
	])('Limit %i fetches only the pages it needs', async (limit, expected) => {
		const { records, requests, fetchPage } = api(1000);
		const out = await readPagesInOrder({ returnAll: false, limit }, 100, fetchPage);
		expect(ids(out)).toEqual(ids(records.slice(0, limit)));
		expect(requests).toEqual(expected);
	});

	test('a server that ignores the page number cannot make it loop forever, even saying morePages: it fails loudly', async () => {
		const requests: number[] = [];
		const walk = readPagesInOrder(
			{ returnAll: true, limit: 0 },
			100,
			async (page) => {
				requests.push(page);
				return readPage({ morePages: true, customers: [{ customerId: 'a' }, { customerId: 'b' }] });
			},
			(record) => record.customerId,
		);
		await expect(walk).rejects.toThrow(/got 2 records; page 2 repeated records already read/);
		expect(requests).toEqual([0, 1, 2]);
	});

	test('without a "more" flag, a full page with nothing new ends the walk at once, loudly', async () => {
		const requests: number[] = [];
		const walk = readPagesInOrder({ returnAll: true, limit: 0 }, 2, async (page) => {
			requests.push(page);
			return readPage([{ id: 'a' }, { id: 'b' }]);
		});
		await expect(walk).rejects.toThrow(/the API seems to ignore the page number/);
		expect(requests).toEqual([0, 1]);
	});

	test('an API that counts pages from 1 (page 0 answered like page 1) still yields every record once, in order', async () => {
		const records = Array.from({ length: 250 }, (_, i) => ({ activityId: `a${i}` }));
		const requests: number[] = [];
		const out = await readPagesInOrder(
			{ returnAll: true, limit: 0 },
			100,
			async (page, limit) => {
				requests.push(page);
				const oneBased = Math.max(page, 1);
				return readPage({
					morePages: oneBased * limit < records.length,
					activities: records.slice((oneBased - 1) * limit, oneBased * limit),
				});
			},
			(record) => record.activityId,
		);
		expect(out).toEqual(records);
		expect(requests).toEqual([0, 1, 2, 3]);
	});
});
