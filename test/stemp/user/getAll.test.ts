import { REDACTED_ECHO, echoingTheToken, useStempUsers } from '../support';

const { api, user } = useStempUsers();

describe('user getAll', () => {
	test('Return All walks every 0-based page of 100, one item per user, each once', async () => {
		api().stemp.seedUsers(250);
		const { items, error } = await user({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(250);
		expect(items[0].json).toMatchObject({
			email: 'user0@example.com',
			externalId: 'ext-0',
			object: 'user',
		});
		expect(items[249].json.email).toBe('user249@example.com');
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(
			api()
				.requests()
				.map((request) => [request.path, request.query]),
		).toEqual([
			['/users', { page: '0', size: '100' }],
			['/users', { page: '1', size: '100' }],
			['/users', { page: '2', size: '100' }],
		]);
	});

	test('Limit fetches only the pages it needs, keeping the page size', async () => {
		api().stemp.seedUsers(250);
		const small = await user({ operation: 'getAll', returnAll: false, limit: 30 });
		expect(small.items).toHaveLength(30);
		expect(
			api()
				.requests()
				.map((request) => request.query),
		).toEqual([{ page: '0', size: '30' }]);

		api().log.length = 0;
		const large = await user({ operation: 'getAll', returnAll: false, limit: 150 });
		expect(large.items).toHaveLength(150);
		expect(large.items[149].json.email).toBe('user149@example.com');
		expect(
			api()
				.requests()
				.map((request) => request.query),
		).toEqual([
			{ page: '0', size: '100' },
			{ page: '1', size: '100' },
		]);
	});

	test('no users: no items, one request', async () => {
		const { items, error } = await user({ operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(api().requests()).toHaveLength(1);
	});

	test.each(['array', 'data', 'items', 'spring'] as const)(
		'reads the %s page envelope',
		async (envelope) => {
			api().stemp.usersEnvelope = envelope;
			api().stemp.seedUsers(130);
			const { items } = await user({ operation: 'getAll', returnAll: true });
			expect(items).toHaveLength(130);
			expect(items[129].json.email).toBe('user129@example.com');
		},
	);

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
		]);
	});

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

	test('a server that ignores the page number does not make it loop, and fails rather than end short', async () => {
		api().stemp.usersEnvelope = 'array';
		api().stemp.seedUsers(100);
		const original = api().stemp.handle.bind(api().stemp);
		api().stemp.handle = (request) =>
			original({ ...request, query: { ...request.query, page: '0' } });
		const { items, error } = await user({ operation: 'getAll', returnAll: true });
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/got 100 records; page 1 repeated records already read/);
		expect(api().requests()).toHaveLength(2);
	});
});
