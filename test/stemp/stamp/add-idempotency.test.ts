/**
 * Stamp > Add with Options > Idempotency Key: the key goes into the note as `[key: …]`; before writing, the pass's
 * stamp history (its last 100 entries) is read, and an entry carrying the key means the stamp was added before:
 * nothing is sent, the item says `skipped: true`. The memory is stemp's own history, so it holds across runs.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HistoryEntry } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

const PASS = 'wp_abc456';

const add = (parameters: IDataObject, options: Parameters<typeof stemp>[1] = {}) =>
	stemp({ operation: 'add', walletPassId: PASS, ...parameters }, options);

const keyed = (key: unknown, parameters: IDataObject = {}) => ({
	...parameters,
	options: { idempotencyKey: key },
});

const writes = () => api.requests({ method: 'POST' });
const history = (pass = PASS) => api.stemp.history.get(pass)!;
const stamps = (pass = PASS) => api.stemp.passes.get(pass)!.currentStamps;

/** A history entry as stemp records it, for a test to place where it wants. */
function entry(note: string | null, fields: Partial<HistoryEntry> = {}): HistoryEntry {
	return {
		id: `sh_test_${Math.random().toString(36).slice(2)}`,
		walletPassId: PASS,
		stampsBefore: 1,
		stampsAfter: 2,
		stampsDelta: 1,
		actionType: 'STAMP_ADDED',
		triggeredByMemberId: 'mem_api',
		note,
		createdAt: new Date().toISOString(),
		...fields,
	};
}

describe('a key applied once, across runs', () => {
	test('first run: the history is read, then the stamp is added with the key after the note', async () => {
		const { items, error } = await add(keyed('order-1042', { note: 'Purchase at Main St.' }));
		expect(error).toBeUndefined();
		expect(api.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /walletpasses/${PASS}/stamps/history`,
			`POST /walletpasses/${PASS}/stamps/add`,
		]);
		expect(api.requests()[0].query).toEqual({ page: '0', size: '100' });
		expect(writes()[0].body).toEqual({ note: 'Purchase at Main St. [key: order-1042]' });
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					walletPassId: PASS,
					currentStamps: 6,
					idempotencyKey: 'order-1042',
					skipped: false,
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(items[0].json.ledgerEntry).toBeUndefined();
	});

	test('the same run again (a retried execution): nothing is sent, the item is skipped with the entry found', async () => {
		await add(keyed('order-1042', { note: 'Purchase at Main St.' }));
		api.log.length = 0;
		const { items, error } = await add(keyed('order-1042', { note: 'Purchase at Main St.' }));
		expect(error).toBeUndefined();
		expect(writes()).toEqual([]);
		expect(api.requests().map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /walletpasses/${PASS}/stamps/history`,
			`GET /walletpasses/${PASS}/stamps`,
		]);
		expect(stamps()).toBe(6);
		// The usual output (the card as it is now), so the nodes after it keep working, and what was found.
		expect(items[0].json).toEqual(
			expect.objectContaining({
				walletPassId: PASS,
				currentStamps: 6,
				idempotencyKey: 'order-1042',
				skipped: true,
				ledgerEntry: expect.objectContaining({
					actionType: 'STAMP_ADDED',
					note: 'Purchase at Main St. [key: order-1042]',
				}),
			}),
		);
	});

	test('a key without a note: the note is the marker alone', async () => {
		await add(keyed('order-7'));
		expect(writes()[0].body).toEqual({ note: '[key: order-7]' });
		await add(keyed('order-7'));
		expect(writes()).toHaveLength(1);
	});

	test('a key given as a number (an order ID from an expression) is written out and found again', async () => {
		await add(keyed('={{ 1042 }}'));
		expect(writes()[0].body).toEqual({ note: '[key: 1042]' });
		const { items } = await add(keyed('1042'));
		expect(items[0].json.skipped).toBe(true);
		expect(writes()).toHaveLength(1);
	});

	test('spaces around the key are trimmed, as every ID the node sends', async () => {
		await add(keyed('  order-9 '));
		expect(writes()[0].body).toEqual({ note: '[key: order-9]' });
	});

	test('without the option nothing is read first and the note is sent as it is', async () => {
		await add({ note: 'Purchase [key: order-1]' });
		expect(api.requests().map((request) => request.method)).toEqual(['POST']);
		expect(writes()[0].body).toEqual({ note: 'Purchase [key: order-1]' });
	});
});

describe('matching back is exact', () => {
	test.each([
		['a key that is a prefix of the one in the history', 'order-10420'],
		['another letter case', 'Order-1042'],
		['a space inside', 'order- 1042'],
	])('%s is another key: the stamp is added', async (_, held) => {
		history().unshift(entry(`Earlier [key: ${held}]`));
		await add(keyed('order-1042'));
		// Read, found no entry with this very key, written with it.
		expect(api.requests().map((request) => request.method)).toEqual(['GET', 'POST']);
		expect(writes()[0].body).toEqual({ note: '[key: order-1042]' });
	});

	test('a note that merely mentions the marker, not at its end, is not the key', async () => {
		history().unshift(entry('Customer wrote "[key: order-1042]" in a comment'));
		history().unshift(entry('[key: order-1042]x'));
		history().unshift(entry('prefix[key: order-1042]'));
		await add(keyed('order-1042'));
		expect(api.requests().map((request) => request.method)).toEqual(['GET', 'POST']);
		expect(writes()[0].body).toEqual({ note: '[key: order-1042]' });
	});

	test("a user's note that itself ends with another key's marker: the node's own marker is last, and only it counts", async () => {
		await add(keyed('order-8', { note: 'Thanks [key: order-7]' }));
		expect(writes()[0].body).toEqual({ note: 'Thanks [key: order-7] [key: order-8]' });
		// order-7 was never applied: its key is not taken from the user's text.
		const seven = await add(keyed('order-7'));
		expect(seven.items[0].json.skipped).toBe(false);
		const eight = await add(keyed('order-8'));
		expect(eight.items[0].json.skipped).toBe(true);
		expect(writes()).toHaveLength(2);
	});

	test('an entry of another kind carrying the key (a manual correction noted in the dashboard) counts as applied', async () => {
		history().unshift(
			entry('Added by hand [key: order-1042]', { actionType: 'MANUAL_ADJUSTMENT' }),
		);
		const { items } = await add(keyed('order-1042'));
		expect(items[0].json.skipped).toBe(true);
		expect(writes()).toHaveLength(0);
	});
});

describe('the key is checked before anything is sent', () => {
	test.each([
		['a]b', 'it contains "]", which would end or open the key\'s marker [key: …]'],
		['a[b', 'it contains "["'],
		['order\u00001', 'it contains a control character'],
		['order\n1', 'it contains a control character'],
		['bestellung-ü', 'it contains "ü" (U+00FC): only printable ASCII characters'],
		['order\u200b1', 'it contains "\u200b" (U+200B)'],
		['x'.repeat(101), 'it is 101 characters long; at most 100 are allowed'],
		['', 'it is empty: give the order ID (or another ID of this write), or remove the option'],
		['={{ $json.missing }}', 'it is empty'],
		['={{ { id: 1 } }}', 'it is an object, not a text'],
		['={{ 2 ** 53 + 2 }}', 'is beyond 9007199254740991'],
	])('%j', async (key, message) => {
		const { error } = await add(keyed(key), { input: [{}] });
		expect(error?.message).toContain('Invalid "Idempotency Key" in item 0: ');
		expect(error?.message).toContain(message);
		expect(api.requests()).toHaveLength(0);
	});

	test('the note is checked with the marker included: 512 characters at most, before anything is sent', async () => {
		const marker = ' [key: order-1042]';
		const { error } = await add(keyed('order-1042', { note: 'x'.repeat(512 - marker.length + 1) }));
		expect(error?.message).toBe(
			'Invalid "Note" in item 0: with the Idempotency Key\'s marker "[key: order-1042]" added it is 513 characters long; at most 512 are allowed (shorten it by 1)',
		);
		expect(api.requests()).toHaveLength(0);

		await add(keyed('order-1042', { note: 'x'.repeat(512 - marker.length) }));
		expect((writes()[0].body as { note: string }).note).toHaveLength(512);
	});

	test('a bad key in a later item stops the run before the first request', async () => {
		const { error } = await add(keyed('={{ $json.key }}'), {
			input: [{ key: 'order-1' }, { key: 'order-[2]' }],
		});
		expect(error?.message).toContain('Invalid "Idempotency Key" in item 1');
		expect(api.requests()).toHaveLength(0);
	});

	test('a key from an expression that is true or false is refused', async () => {
		const { error } = await add(keyed('={{ true }}'));
		expect(error?.message).toBe('Invalid "Idempotency Key" in item 0: it is a boolean, not a text');
		expect(api.requests()).toHaveLength(0);
	});
});

describe('the same key on several items of one run', () => {
	test('on the same pass: the first is added, the second skipped', async () => {
		const { items } = await add(keyed('={{ $json.key }}'), {
			input: [{ key: 'order-1' }, { key: 'order-1' }, { key: 'order-2' }],
		});
		expect(writes().map((request) => request.body)).toEqual([
			{ note: '[key: order-1]' },
			{ note: '[key: order-2]' },
		]);
		expect(items.map((item) => [item.json.skipped, item.pairedItem])).toEqual([
			[false, { item: 0 }],
			[true, { item: 1 }],
			[false, { item: 2 }],
		]);
		expect(items[1].json.skippedBecause).toBe('item 0 of this run carries the same key');
		expect(stamps()).toBe(7);
	});

	test('on different passes (which otherwise run side by side): the key is applied once', async () => {
		api.stemp.addPass({ walletPassId: 'wp_other' });
		const run = await stemp(
			{
				operation: 'add',
				walletPassId: '={{ $json.pass }}',
				options: { idempotencyKey: 'order-2' },
			},
			{ input: [{ pass: PASS }, { pass: 'wp_other' }] },
		);
		expect(run.items.map((item) => item.json.skipped)).toEqual([false, true]);
		expect(
			writes().filter((request) => (request.body as IDataObject).note === '[key: order-2]'),
		).toHaveLength(1);
		expect(stamps('wp_other')).toBe(0);
	});

	test('the first item with the key fails: the others with it are not sent, and say why', async () => {
		const { items } = await stemp(
			{
				operation: 'add',
				walletPassId: '={{ $json.pass }}',
				options: { idempotencyKey: 'order-1' },
			},
			{ input: [{ pass: 'wp_gone' }, { pass: PASS }], continueOnFail: true },
		);
		expect(items[0].json.error).toContain('Wallet pass not found');
		expect(items[1].json.error).toBe(
			'Item 0 carries the same Idempotency Key "order-1" and failed, so this item was not sent',
		);
		expect(writes()).toHaveLength(0);
	});
});

describe('a write whose answer never came', () => {
	test('a 5xx after stemp applied it: the history is read again, the key found, the item succeeds; nothing re-sent', async () => {
		api.inject({ vendor: 'stemp', path: '/stamps/add', kind: 502, phase: 'after', times: 1 });
		const { items, error } = await add(keyed('order-1042'));
		expect(error).toBeUndefined();
		expect(writes()).toHaveLength(1);
		expect(stamps()).toBe(6);
		expect(items[0].json).toEqual(
			expect.objectContaining({
				currentStamps: 6,
				skipped: false,
				resolvedByLookup: true,
				ledgerEntry: expect.objectContaining({ note: '[key: order-1042]' }),
			}),
		);
		expect(items[0].json.resolution).toContain('so stemp applied it, once. It was not sent again.');
		// The retried workflow then skips it.
		const again = await add(keyed('order-1042'));
		expect(again.items[0].json.skipped).toBe(true);
		expect(writes()).toHaveLength(1);
	});

	test('a dropped connection before stemp acted: not found, not re-sent, and the error says a retry with the key is safe', async () => {
		api.inject({ vendor: 'stemp', path: '/stamps/add', kind: 'drop', phase: 'before', times: 1 });
		const { error } = await add(keyed('order-1042'));
		expect(error?.description).toContain(
			'holds no entry with the key yet, so stemp most likely did not apply it, but it may still. It was not sent again. Run the item again with the same key',
		);
		expect(writes()).toHaveLength(1);
		expect(stamps()).toBe(5);
		const again = await add(keyed('order-1042'));
		expect(again.items[0].json.skipped).toBe(false);
		expect(stamps()).toBe(6);
	});

	test('the history cannot be read after the failure either: the error says so, nothing re-sent', async () => {
		api.inject({ vendor: 'stemp', path: '/stamps/add', kind: 500, phase: 'after', times: 1 });
		// The read before the write goes through; every read after the write fails.
		const handle = api.stemp.handle.bind(api.stemp);
		api.stemp.handle = (request) => {
			if (request.path.endsWith('/stamps/add'))
				api.inject({ vendor: 'stemp', path: '/stamps/history', kind: 500, times: 50 });
			return handle(request);
		};
		const { error } = await add(keyed('order-1042'));
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toContain(
			`the stamp history of wallet pass "${PASS}" was read again to tell whether stemp applied it, but could not be read`,
		);
		expect(error?.description).toContain('It was not sent again.');
		expect(writes()).toHaveLength(1);
		expect(stamps()).toBe(6);
	});
});

describe('a history that cannot be trusted fails the item, nothing sent', () => {
	test.each([
		['an answer with no list', { listRecords: { nope: true } }],
		[
			'a first page that comes back empty while the total says entries exist',
			{ emptyFromPageIndex: 0 },
		],
		['a total far above the entries there are (short pages)', { listTotal: 5000 }],
	])('%s', async (_, hostile) => {
		history().unshift(entry('[key: order-1042]'));
		api.hostile = hostile;
		const { error } = await add(keyed('order-1042'));
		expect(error?.message).toBe(
			`Could not check the Idempotency Key "order-1042" in the stamp history of wallet pass "${PASS}"`,
		);
		expect(error?.description).toContain(
			'Whether a write with this key was applied before is unknown, so nothing was sent.',
		);
		expect(writes()).toHaveLength(0);
	});

	test("an entry of another pass in the pass's history", async () => {
		history().unshift(entry('Elsewhere', { walletPassId: 'wp_someone_else' }));
		const { error } = await add(keyed('order-1042'));
		expect(error?.description).toContain(
			'It holds an entry of wallet pass "wp_someone_else", not of "wp_abc456"',
		);
		expect(writes()).toHaveLength(0);
	});

	test('a full window listed oldest first: the newest entries cannot be told', async () => {
		const start = Date.parse('2026-01-01T00:00:00Z');
		for (let i = 0; i < 120; i++)
			history().push(entry(`old ${i}`, { createdAt: new Date(start + i * 60_000).toISOString() }));
		const { error } = await add(keyed('order-1042'));
		expect(error?.description).toContain('Its entries are not listed newest first');
		expect(writes()).toHaveLength(0);
	});

	test("stemp's own refusal of the read (an unknown pass) is quoted, nothing sent", async () => {
		const { error } = await add(keyed('order-1042', { walletPassId: 'wp_nope' }));
		expect(error?.message).toBe('Wallet pass not found (walletPassId: wp_nope)');
		expect(error?.description).toContain("It answered the Idempotency Key check's read");
		expect(writes()).toHaveLength(0);
	});

	test('a page shorter than asked while the figures say more (a server paging by less): read on, the key found', async () => {
		for (let i = 0; i < 80; i++) history().unshift(entry(`filler ${i}`));
		history().splice(60, 0, entry('[key: order-1042]'));
		api.hostile = { pageSizeCap: 40 };
		const { items, error } = await add(keyed('order-1042'));
		expect(error).toBeUndefined();
		expect(items[0].json.skipped).toBe(true);
		expect(writes()).toHaveLength(0);
	});
});

describe('the window and its limits (measured)', () => {
	test('the key in the 100th newest entry is found; in the 101st it is not, and the stamp is added again', async () => {
		for (let i = 0; i < 99; i++) history().push(entry(`filler ${i}`));
		history().push(entry('[key: in-window]'));
		history().push(entry('[key: past-window]'));
		const inWindow = await add(keyed('in-window'));
		expect(inWindow.items[0].json.skipped).toBe(true);
		const pastWindow = await add(keyed('past-window'));
		expect(pastWindow.items[0].json.skipped).toBe(false);
		expect(writes()).toHaveLength(1);
	});

	test('a history stemp trimmed (the entry gone): the key is not found, and the stamp is added again', async () => {
		await add(keyed('order-1042'));
		history().splice(0, 1);
		const { items } = await add(keyed('order-1042'));
		expect(items[0].json.skipped).toBe(false);
		expect(writes()).toHaveLength(2);
	});

	test('two executions racing on the same key at the same instant: both read before either writes, both add', async () => {
		api.latencyMs = 50;
		const [first, second] = await Promise.all([add(keyed('order-1042')), add(keyed('order-1042'))]);
		expect([first.items[0].json.skipped, second.items[0].json.skipped]).toEqual([false, false]);
		expect(writes()).toHaveLength(2);
		expect(history().filter((held) => held.note === '[key: order-1042]')).toHaveLength(2);
	});

	test('one execution after the other (the retry n8n makes): the second finds the key', async () => {
		api.latencyMs = 50;
		await add(keyed('order-1042'));
		const { items } = await add(keyed('order-1042'));
		expect(items[0].json.skipped).toBe(true);
		expect(writes()).toHaveLength(1);
	});

	test('a run of many keyed items on one pass reads the history once per item and remembers what it read', async () => {
		for (let i = 0; i < 100; i++) history().push(entry(`older ${i}`));
		history().push(entry('[key: order-old]'));
		const input = Array.from({ length: 150 }, (_, i) => ({ key: `order-${i}` }));
		await add(keyed('={{ $json.key }}'), { input });
		// The 150 new entries push the old key past the window; the run still found nothing twice, and a
		// retry of the whole run finds every key of it but the first 50 (now past the newest 100).
		expect(writes()).toHaveLength(150);
		expect(api.requests({ method: 'GET' })).toHaveLength(150);
		api.log.length = 0;
		const retry = await add(keyed('={{ $json.key }}'), { input });
		expect(retry.items.filter((item) => item.json.skipped === true)).toHaveLength(100);
		expect(writes()).toHaveLength(50);
	});
});
