/** review create: a form post to /api/reviews3 beside the v2 API, never sent twice, the public key never shown. */
import { STAMPED_PUBLIC_KEY, STAMPED_STORE_HASH } from '../../fake-api/stamped-v2';
import { runStampedOn, useStampedFake } from '../support';

const fake = useStampedFake();
const base = {
	resource: 'review',
	operation: 'create',
	productId: 'beans-house',
	rating: 4,
	author: 'Jane D.',
	email: 'jane@example.com',
	title: 'Nice',
	body: 'Tastes great.',
};
const create = (
	parameters: Record<string, unknown> = {},
	options: { continueOnFail?: boolean; baseUrl?: string } = {},
) => runStampedOn(fake(), { ...base, ...parameters }, options);

test('posts the form to /api/reviews3 with the public key and store hash in the query', async () => {
	const { items, error } = await create({
		additionalFields: {
			productName: 'House Blend',
			productSku: 'HB-1',
			productUrl: 'https://shop.example/hb',
			productImageUrl: 'https://shop.example/hb.png',
			recommend: false,
			location: 'Berlin',
		},
	});
	expect(error).toBeUndefined();
	const [request] = fake().requests();
	expect(request.method).toBe('POST');
	expect(request.rawPath).toBe('/reviews3');
	expect(request.outsideBase).toBe(true);
	expect(request.query).toEqual({ apiKey: STAMPED_PUBLIC_KEY, sId: STAMPED_STORE_HASH });
	expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
	expect(Object.fromEntries(new URLSearchParams(String(request.body)))).toEqual({
		productId: 'beans-house',
		author: 'Jane D.',
		email: 'jane@example.com',
		reviewRating: '4',
		reviewMessage: 'Tastes great.',
		reviewSource: 'api',
		reviewTitle: 'Nice',
		productName: 'House Blend',
		productSKU: 'HB-1',
		productUrl: 'https://shop.example/hb',
		productImageUrl: 'https://shop.example/hb.png',
		reviewRecommendProduct: 'false',
		location: 'Berlin',
	});
	expect(items).toEqual([
		{
			json: expect.objectContaining({ productId: 'beans-house', rating: 4, reviewSource: 'api' }),
			pairedItem: { item: 0 },
		},
	]);
	expect(fake().stamped.reviews).toHaveLength(1);
});

test('a Base URL with a trailing slash still leads to reviews3 beside /v2', async () => {
	// The fake serves v2 at /stamped/api/v2, so /stamped/api/reviews3 is where a Base URL ending in /v2 leads.
	await create({}, { baseUrl: `${fake().stampedUrl}/` });
	expect(fake().requests()).toHaveLength(1);
	expect(fake().requests()[0].outsideBase).toBe(true);
});

test('a wrong public key: Stamped refuses, and the key shows nowhere', async () => {
	const { error } = await runStampedWithKey('wrong-public-key-123');
	expect(error?.message).toBe('Invalid apiKey or sId');
	expect(JSON.stringify({ m: error?.message, d: error?.description })).not.toContain(
		'wrong-public-key-123',
	);
});

async function runStampedWithKey(publicKey: string) {
	const { runNode } = await import('../../harness/engine');
	return await runNode({
		type: 'stamped',
		parameters: base as never,
		credentials: {
			stampedApi: {
				publicKey,
				privateKey: 'x'.repeat(12),
				storeHash: STAMPED_STORE_HASH,
				baseUrl: fake().stampedUrl,
			},
		},
	});
}

test.each([[500], [502], ['drop' as const]])(
	'never sent again after an ambiguous failure (%s)',
	async (kind) => {
		fake().inject({ vendor: 'stamped', path: '/reviews3', kind, phase: 'after', times: 1 });
		const { error } = await create();
		expect(error?.description).toContain('Not retried');
		expect(fake().requests()).toHaveLength(1);
		expect(fake().stamped.reviews).toHaveLength(1);
	},
);

test('a 429 before anything was done is retried', async () => {
	fake().inject({ vendor: 'stamped', path: '/reviews3', kind: 429, times: 1 });
	const { error } = await create();
	expect(error).toBeUndefined();
	expect(fake().requests()).toHaveLength(2);
	expect(fake().stamped.reviews).toHaveLength(1);
});

describe('bad input is refused before any request', () => {
	test.each([
		[{ rating: 0 }, 'Invalid "Rating" in item 0: 0 is out of range (1 to 5)'],
		[{ rating: 6 }, 'Invalid "Rating" in item 0: 6 is out of range (1 to 5)'],
		[{ email: 'jane@' }, 'Invalid "Email" in item 0: "jane@" is not a valid e-mail address'],
		[{ productId: '={{ "" }}' }, 'Invalid "Product ID" in item 0: it is empty'],
		[{ author: ' ' }, 'Invalid "Author" in item 0: it is empty'],
		[{ body: '={{ "" }}' }, 'Invalid "Body" in item 0: it is empty'],
		[
			{ body: 'x'.repeat(5001) },
			'Invalid "Body" in item 0: it is 5001 characters long; at most 5000 are allowed',
		],
		[
			{ title: 'x'.repeat(201) },
			'Invalid "Title" in item 0: it is 201 characters long; at most 200 are allowed',
		],
	])('%j', async (parameters, message) => {
		const { error } = await create(parameters);
		expect(error?.message).toBe(message);
		expect(fake().log).toHaveLength(0);
	});
});
