import { expectContractViolations } from '../../harness/contract-guard';
import { REDACTED_ECHO, echoingTheToken, useStempUsers } from '../support';

const { api, user } = useStempUsers();

const pagesAsked = () =>
	api()
		.requests()
		.map((request) => request.query);

describe("user getAll: stemp's OpenAPI file (every user in one plain array, no paging)", () => {
	test('Return All: the whole list from page 0; page 1 answered the same confirms it is all', async () => {
		api().stemp.seedUsers(250);
		const { items, error } = await user({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(250);
		expect(items[0].json).toMatchObject({
			email: 'user0@example.com',
			externalId: 'ext-0',
			object: 'user',
			passInfos: [],
		});
		expect(items[249].json.email).toBe('user249@example.com');
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(pagesAsked()).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
		]);
	});

	test('exactly a page of users: a smaller page comes back just as large, so the list is whole', async () => {
		api().stemp.seedUsers(100);
		const { items, error } = await user({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(100);
		expect(pagesAsked()).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
			{ page: '0', size: '99' },
		]);
	});

	test('fewer than a page: one request', async () => {
		api().stemp.seedUsers(7);
		const { items } = await user({ operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(7);
		expect(pagesAsked()).toEqual([{ page: '0', size: '100' }]);
	});

	test('Limit keeps the first users of the one answer', async () => {
		api().stemp.seedUsers(250);
		const { items } = await user({ operation: 'getAll', returnAll: false, limit: 30 });
		expect(items.map((item) => item.json.email)).toEqual(
			Array.from({ length: 30 }, (_, i) => `user${i}@example.com`),
		);
		expect(pagesAsked()).toEqual([{ page: '0', size: '30' }]);
	});
});

describe("user getAll: stemp's documentation (0-based pages of up to 100)", () => {
	beforeEach(() => {
		api().stemp.usersEnvelope = 'spring';
	});

	test('Return All walks every page, one item per user, each once', async () => {
		api().stemp.seedUsers(250);
		const { items, error } = await user({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(250);
		// From the third page on, the next one is asked for with it (pages ahead): one page past the end.
		expect(pagesAsked()).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
			{ page: '2', size: '100' },
			{ page: '3', size: '100' },
		]);
	});

	test('Limit fetches only the pages it needs, keeping the page size', async () => {
		api().stemp.seedUsers(250);
		const small = await user({ operation: 'getAll', returnAll: false, limit: 30 });
		expect(small.items).toHaveLength(30);
		expect(pagesAsked()).toEqual([{ page: '0', size: '30' }]);

		api().log.length = 0;
		const large = await user({ operation: 'getAll', returnAll: false, limit: 150 });
		expect(large.items).toHaveLength(150);
		expect(large.items[149].json.email).toBe('user149@example.com');
		expect(pagesAsked()).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
		]);
	});

	test('a 5xx on a later page is retried and no user is lost or repeated', async () => {
		api().stemp.seedUsers(210);
		const original = api().stemp.handle.bind(api().stemp);
		let failed = false;
		api().stemp.handle = (request) => {
			if (request.query.page === '1' && !failed) {
				failed = true;
				return {
					status: 502,
					body: { error: { code: 'BAD_GATEWAY', message: 'Upstream failed' } },
				};
			}
			return original(request);
		};
		const { items, error } = await user({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(210);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(210);
		expect(
			api()
				.requests()
				.map((request) => [request.query.page, request.status]),
		).toEqual([
			['0', 200],
			['1', 502],
			['1', 200],
			['2', 200],
			['3', 200], // asked for ahead with page 2, past the end
		]);
	});
});

describe('user getAll: every envelope a tolerant client reads', () => {
	test.each(['unpaged', 'spring', 'paged', 'array', 'data', 'items'] as const)(
		'reads the %s form',
		async (envelope) => {
			api().stemp.usersEnvelope = envelope;
			api().stemp.seedUsers(130);
			const { items } = await user({ operation: 'getAll', returnAll: true });
			expect(items).toHaveLength(130);
			expect(new Set(items.map((item) => item.json.id)).size).toBe(130);
			expect(items[129].json.email).toBe('user129@example.com');
		},
	);

	test('no users: no items, one request', async () => {
		const { items, error } = await user({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(api().requests()).toHaveLength(1);
	});
});

describe('user getAll: failures', () => {
	test('an error that outlasts the retries fails loudly, with the token redacted', async () => {
		api().stemp.seedUsers(150);
		api().inject({ vendor: 'stemp', kind: 503, times: 50, body: echoingTheToken(503) });
		const { error, items } = await user({ operation: 'getAll', returnAll: true });
		expect(items).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(REDACTED_ECHO(503));
		expect(error?.description).toContain('after 4 attempts');
	});

	test('Limit must be a whole number of at least 1; nothing is sent otherwise', async () => {
		const { error } = await user({ operation: 'getAll', returnAll: false, limit: 0 });
		expect(error?.message).toBe('Invalid "Limit" in item 0: 0 is out of range (at least 1)');
		expect(api().requests()).toHaveLength(0);
	});

	test('a plain array server that ignores the page number (but not the size) fails rather than end short', async () => {
		api().stemp.usersEnvelope = 'array';
		api().stemp.seedUsers(250);
		api().hostile = { ignorePaging: true };
		const { items, error } = await user({ operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/got 100 records; page 1 repeated records already read/);
		// Page 1 repeated page 0; a smaller page 0 came back smaller: the server pages by size, ignoring the number.
		expect(pagesAsked()).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
			{ page: '0', size: '99' },
		]);
	});

	test('a paged array server that repeats an earlier page later fails rather than loop', async () => {
		api().stemp.usersEnvelope = 'array';
		api().stemp.seedUsers(350);
		const original = api().stemp.handle.bind(api().stemp);
		api().stemp.handle = (request) =>
			original({
				...request,
				query: { ...request.query, page: request.query.page === '3' ? '1' : request.query.page },
			});
		const { error } = await user({ operation: 'getAll', returnAll: true });
		expect(error?.message).toMatch(/got 300 records; page 3 repeated records already read/);
	});

	test('a server that sends more than asked, then the next records: read on with its own page size', async () => {
		api().stemp.seedUsers(300);
		const original = api().stemp.handle.bind(api().stemp);
		// A server with its own page size of 150, whatever `size` says.
		api().stemp.handle = (request) =>
			request.path === '/users'
				? {
						status: 200,
						body: (original({ ...request, query: {} }).body as unknown[]).slice(
							Number(request.query.page) * 150,
							Number(request.query.page) * 150 + 150,
						),
					}
				: original(request);
		const { items, error } = await user({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(300);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(300);
	});

	test('a list answered as an object with no list fails, naming the call', async () => {
		api().stemp.seedUsers(3);
		api().stemp.handle = () => ({ status: 200, body: { id: 'usr_1', email: 'a@example.com' } });
		const { error, items } = await user({ operation: 'getAll', returnAll: true });
		expect(items).toEqual([]);
		expect(error?.message).toMatch(
			/could not be read completely: got 0 records; page 0 could not be read/,
		);
		// The answer is outside stemp's contract on purpose.
		expectContractViolations(api(), [
			/getOrganizationUsers .*neither the declared array nor a page/,
		]);
	});
});
