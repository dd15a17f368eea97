/**
 * Class 2, strict types: a text parameter never sends an object or a list, whole numbers are safe integers
 * (never sent rounded), a date without a zone keeps the day written on any machine, and a v3 "set" never sends
 * a fractional adjustment.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import { useFastRetries } from '../harness/fast-retries';
import { stampedV2, stampedV3, stemp } from './support';

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi({
		stamped: { customers: [{ email: 'jane@example.com', points: 100 }] },
		stampedV3: { customers: [{ email: 'jane@example.com', points: 150 }] },
	}).start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

const fromExpression = (value: unknown) => ({
	parameter: '={{ $json.value }}',
	input: [{ value: value as IDataObject[string] }],
});

describe('text parameters refuse objects and lists', () => {
	const NOT_TEXT: Array<[string, unknown]> = [
		['an object', { first: 'Jane' }],
		['a list', ['Jane', 'Doe']],
		['a boolean', false],
		['NaN', Number.NaN],
	];

	test.each(NOT_TEXT)('customer upsert: First Name that is %s', async (_what, value) => {
		const { parameter, input } = fromExpression(value);
		const { error } = await stampedV2(
			api,
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { firstName: parameter },
			},
			{ input },
		);
		expect(error?.message).toMatch(
			/^Invalid "First Name" in item 0: it is (an object|a list|a boolean|NaN), not a text$/,
		);
		expect(api.requests()).toHaveLength(0);
	});

	test.each(NOT_TEXT)('stemp add: a Note that is %s', async (_what, value) => {
		const { parameter, input } = fromExpression(value);
		const { error } = await stemp(
			api,
			{ operation: 'add', walletPassId: 'wp_abc456', note: parameter },
			{ input },
		);
		expect(error?.message).toMatch(/^Invalid "Note" in item 0: it is .*, not a text$/);
		expect(api.requests()).toHaveLength(0);
	});

	test.each(NOT_TEXT)('v3 tier set: a Tier Name that is %s', async (_what, value) => {
		const { parameter, input } = fromExpression(value);
		const { error } = await stampedV3(
			api,
			{ resource: 'tier', operation: 'set', email: 'jane@example.com', tierName: parameter },
			{ input },
		);
		expect(error?.message).toMatch(/^Invalid "Tier Name" in item 0: /);
		expect(api.requests()).toHaveLength(0);
	});

	test('a list of tags with an object in it is refused, not sent as "[object Object]"', async () => {
		const { parameter, input } = fromExpression(['vip', { tag: 'x' }]);
		const { error } = await stampedV2(
			api,
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { tags: parameter },
			},
			{ input },
		);
		expect(error?.message).toMatch(/^Invalid "Tags" in item 0: /);
		expect(api.requests()).toHaveLength(0);
	});

	test('a number is still a text where text is asked for', async () => {
		const { error } = await stampedV2(api, {
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
			additionalFields: { customerId: '={{ 4711 }}' },
		});
		expect(error).toBeUndefined();
		expect(api.requests()[0].body).toMatchObject({ customerId: '4711' });
	});
});

describe('switches are booleans', () => {
	test.each([
		['"false"', 'false', 'Limit'],
		['"TRUE"', 'TRUE', 'all'],
	])('Return All of the text %s reads %s', async (_what, value, expected) => {
		api.stemp.seedHistory('wp_abc456', 120);
		const { parameter, input } = fromExpression(value);
		const { items } = await stemp(
			api,
			{ operation: 'getHistory', walletPassId: 'wp_abc456', returnAll: parameter, limit: 10 },
			{ input },
		);
		expect(items).toHaveLength(expected === 'Limit' ? 10 : 120);
	});

	test.each([
		['"no"', 'no'],
		['1', 1],
		['an object', {}],
	])('Return All of %s is refused before any request', async (_what, value) => {
		const { parameter, input } = fromExpression(value);
		const { error } = await stampedV2(
			api,
			{ resource: 'customer', operation: 'getAll', returnAll: parameter, limit: 10 },
			{ input },
		);
		expect(error?.message).toMatch(/^Invalid "Return All" in item 0: .* is not true or false$/);
		expect(api.requests()).toHaveLength(0);
	});
});

describe('whole numbers must be safe integers', () => {
	const UNSAFE: Array<[string, unknown]> = [
		['1e21', 1e21],
		['2**53', 2 ** 53],
		['-(2**53)', -(2 ** 53)],
		['the text "9007199254740993"', '9007199254740993'],
		['the text "1e3"', '1e3'],
		['Infinity', Number.POSITIVE_INFINITY],
	];

	test.each(UNSAFE)('points update refuses %s', async (_what, value) => {
		const { parameter, input } = fromExpression(value);
		const { error } = await stampedV2(
			api,
			{
				resource: 'points',
				operation: 'update',
				email: 'jane@example.com',
				action: 'add',
				points: parameter,
			},
			{ input },
		);
		expect(error?.message).toMatch(/^Invalid "Points" in item 0: /);
		expect(api.requests()).toHaveLength(0);
	});

	test.each(UNSAFE)('customer upsert refuses Total Orders of %s', async (_what, value) => {
		const { parameter, input } = fromExpression(value);
		const { error } = await stampedV2(
			api,
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { totalOrders: parameter },
			},
			{ input },
		);
		expect(error?.message).toMatch(/^Invalid "Total Orders" in item 0: /);
		expect(api.requests()).toHaveLength(0);
	});

	test('the largest safe integer is sent exactly', async () => {
		const { parameter, input } = fromExpression(String(Number.MAX_SAFE_INTEGER));
		await stampedV2(
			api,
			{
				resource: 'points',
				operation: 'update',
				email: 'jane@example.com',
				action: 'set',
				points: parameter,
			},
			{ input },
		);
		expect(api.requests()[0].body).toMatchObject({ points: Number.MAX_SAFE_INTEGER });
	});

	test('an amount beyond exact range is refused too', async () => {
		const { parameter, input } = fromExpression('12345678901234567890');
		const { error } = await stampedV2(
			api,
			{
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { totalSpend: parameter },
			},
			{ input },
		);
		expect(error?.message).toMatch(/^Invalid "Total Spend" in item 0: .*too large/);
		expect(api.requests()).toHaveLength(0);
	});
});

describe('a v3 "set" never sends a fractional adjustment', () => {
	test('a fractional balance is refused after the lookup, before any adjustment, and the error says why', async () => {
		api.stampedV3.insert({ email: 'frac@example.com', points: 150.5 });
		const { error } = await stampedV3(api, {
			resource: 'points',
			operation: 'update',
			email: 'frac@example.com',
			action: 'set',
			points: 200,
		});
		expect(error?.message).toBe(
			'Stamped reports a balance of 150.5 points, not a whole number, so it cannot be set exactly',
		);
		expect((error as { description?: string }).description).toMatch(
			/never sends \(nor rounds\)\. Nothing was changed/,
		);
		expect(api.requests().map((request) => request.method)).toEqual(['GET']);
	});

	test('a whole balance is set by its exact difference', async () => {
		await stampedV3(api, {
			resource: 'points',
			operation: 'update',
			email: 'jane@example.com',
			action: 'set',
			points: 200,
		});
		expect(api.requests({ method: 'POST' })[0].body).toEqual({ points: 50 });
	});
});

describe('a date without a time zone keeps the calendar day written, whatever the machine zone', () => {
	/** Written the ways users write 31 December 2026; each must come out as 2026-12-31. */
	const WRITTEN = [
		'2026-12-31',
		'2026-12-31T00:00:00',
		'2026-12-31T23:59:59',
		'2026-12-31 00:30',
		'2026-12-31T00:00:00+09:00',
		'2026-12-31T23:30:00-08:00',
		'Dec 31, 2026',
		'December 31, 2026 23:30',
		'12/31/2026',
		'2026/12/31',
		'Thu, 31 Dec 2026 00:00:00 GMT',
		'Thu Dec 31 2026 00:30:00 GMT+0900',
		'Thu Dec 31 2026 23:30:00 GMT-0800',
	];
	const ZONES = [
		'UTC',
		'Asia/Tokyo',
		'America/Los_Angeles',
		'Pacific/Kiritimati',
		'Pacific/Pago_Pago',
	];

	test.each(ZONES)('in a process running with TZ=%s', (zone) => {
		// A process of its own: the zone of a running process cannot be changed reliably.
		const script = `
			const { requireIsoDate } = require(${JSON.stringify(path.resolve(__dirname, '../../dist/nodes/core/validation'))});
			const written = JSON.parse(process.argv[1]);
			const days = written.map((text) => requireIsoDate({ name: 'Node' }, text, 'Points Expiry', 0));
			days.push(requireIsoDate({ name: 'Node' }, { toISO: () => '2026-12-31T00:00:00.000+09:00' }, 'Points Expiry', 0));
			process.stdout.write(JSON.stringify({ zone: Intl.DateTimeFormat().resolvedOptions().timeZone, days }));
		`;
		const out = JSON.parse(
			execFileSync(process.execPath, ['-e', script, JSON.stringify(WRITTEN)], {
				env: { ...process.env, TZ: zone },
			}).toString(),
		);
		expect(out.zone).toBe(zone);
		expect(out.days).toEqual(Array(WRITTEN.length + 1).fill('2026-12-31'));
	});

	test('through the engine, a written date reaches Stamped as the same day', async () => {
		const { error } = await stampedV2(api, {
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
			additionalFields: { pointsExpiry: 'Dec 31, 2026' },
		});
		expect(error).toBeUndefined();
		expect(api.requests()[0].body).toMatchObject({ pointsExpiry: '2026-12-31' });
	});

	test.each(['2026-02-30', '2026-13-01', 'next tuesday', ''])(
		'"%s" is refused',
		async (pointsExpiry) => {
			const { error } = await stampedV2(api, {
				resource: 'customer',
				operation: 'upsert',
				email: 'jane@example.com',
				additionalFields: { pointsExpiry },
			});
			expect(error?.message).toMatch(/^Invalid "Points Expiry" in item 0: /);
			expect(api.requests()).toHaveLength(0);
		},
	);
});
