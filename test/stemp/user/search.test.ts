/** User > Search: `GET users/search?q&page&size`, Spring's Page, every match once. */
import { api, stemp, useStempApi } from '../support';

useStempApi();

const search = (parameters: Record<string, unknown>) =>
	stemp({ resource: 'user', operation: 'search', returnAll: true, ...parameters });

test('finds users by e-mail, name or external ID, one item each', async () => {
	const jane = api.stemp.addUser({
		email: 'jane@example.com',
		name: 'Jane Doe',
		externalId: 'shop-1',
	});
	api.stemp.addUser({ email: 'bob@example.com' });
	const { items, error } = await search({ query: 'JANE' });
	expect(error).toBeUndefined();
	expect(items).toEqual([
		{
			json: { id: jane.id, email: 'jane@example.com', name: 'Jane Doe', externalId: 'shop-1' },
			pairedItem: { item: 0 },
		},
	]);
	expect(api.requests()).toMatchObject([
		{ method: 'GET', path: '/users/search', query: { q: 'JANE', page: '0', size: '100' } },
	]);
});

test('Return All walks the pages; a Limit reads only what it needs', async () => {
	api.stemp.seedUsers(230);
	expect((await search({ query: 'example.com' })).items).toHaveLength(230);
	// From the third page on, the next one is asked for with it (pages ahead): one page past the end.
	expect(api.requests().map((request) => request.query.page)).toEqual(['0', '1', '2', '3']);
	api.log.length = 0;
	expect((await search({ query: 'example.com', returnAll: false, limit: 10 })).items).toHaveLength(
		10,
	);
	expect(api.requests()).toHaveLength(1);
});

test('text with "&", "=" and "#" reaches stemp as one query value', async () => {
	api.stemp.addUser({ email: 'a+b@example.com', name: 'Tom & Jerry #1' });
	const { items } = await search({ query: 'tom & jerry #1' });
	expect(items).toHaveLength(1);
	expect(api.requests()[0].query.q).toBe('tom & jerry #1');
});

test.each([
	['   ', 'Invalid "Search" in item 0: it is empty'],
	['={{ { q: 1 } }}', 'Invalid "Search" in item 0: it is an object, not a text'],
	[
		'x'.repeat(255),
		'Invalid "Search" in item 0: it is 255 characters long; at most 254 are allowed',
	],
])('%j is refused before sending', async (query, message) => {
	const { error } = await search({ query });
	expect(error?.message).toBe(message);
	expect(api.requests()).toHaveLength(0);
});

test('a server that repeats pages fails loudly', async () => {
	api.stemp.seedUsers(230);
	api.hostile = { ignorePaging: true };
	const { error } = await search({ query: 'example.com' });
	expect(error?.message).toMatch(/repeated records already read/);
});
