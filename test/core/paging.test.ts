/** Reading pages whatever their envelope, and walking numbered pages until the API says it is done. */
import type { IDataObject } from 'n8n-workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { collectSequentialPages, readPage } =
	require('../../dist/nodes/core/paging') as typeof import('../../nodes/core/paging');

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

describe('collectSequentialPages with morePages (no total)', () => {
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
			const out = await collectSequentialPages({ returnAll: true, limit: 0 }, 100, fetchPage);
			expect(ids(out)).toEqual(ids(records));
			expect(requests).toEqual(
				Array.from({ length: Math.max(1, Math.ceil(size / 100)) }, (_, page) => [page, 100]),
			);
		},
	);

	test('a short page with morePages true does not end the walk (the API may serve less than asked)', async () => {
		const { records, requests, fetchPage } = api(120, 50);
		const out = await collectSequentialPages({ returnAll: true, limit: 0 }, 100, fetchPage);
		expect(ids(out)).toEqual(ids(records));
		expect(requests).toEqual([
			[0, 100],
			[1, 100],
			[2, 100],
		]);
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
		const out = await collectSequentialPages({ returnAll: false, limit }, 100, fetchPage);
		expect(ids(out)).toEqual(ids(records.slice(0, limit)));
		expect(requests).toEqual(expected);
	});

	test('a server that ignores the page number cannot make it loop forever, even saying morePages: it fails loudly', async () => {
		const requests: number[] = [];
		const walk = collectSequentialPages(
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
		const walk = collectSequentialPages({ returnAll: true, limit: 0 }, 2, async (page) => {
			requests.push(page);
			return readPage([{ id: 'a' }, { id: 'b' }]);
		});
		await expect(walk).rejects.toThrow(/the API seems to ignore the page number/);
		expect(requests).toEqual([0, 1]);
	});

	test('an API that counts pages from 1 (page 0 answered like page 1) still yields every record once, in order', async () => {
		const records = Array.from({ length: 250 }, (_, i) => ({ activityId: `a${i}` }));
		const requests: number[] = [];
		const out = await collectSequentialPages(
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
