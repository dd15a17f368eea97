import { STEMP_READ_ONLY_TOKEN, STEMP_TOKEN } from '../../fake-api/stemp';
import { REDACTED_ECHO, echoingTheToken, useStempUsers } from '../support';

const { api, user } = useStempUsers();

const SAM = {
	email: 'sam@example.com',
	name: 'Sam Lee',
	phone: '+15550102001',
	externalId: 'shopify-2001',
};

describe('user create', () => {
	test('sends every field and returns the new user', async () => {
		const { items, error } = await user({
			operation: 'create',
			email: ' sam@example.com ',
			additionalFields: {
				name: 'Sam Lee',
				phone: '+15550102001',
				externalId: 'shopify-2001',
				metadata: '{"tier": "gold", "visits": 3, "vip": true}',
			},
		});
		expect(error).toBeUndefined();
		expect(api().requests()).toMatchObject([
			{
				method: 'POST',
				path: '/users',
				// Plain key/value pairs (stemp's documentation) go into `private` (its OpenAPI file's form).
				body: { ...SAM, metadata: { private: { tier: 'gold', visits: 3, vip: true } } },
				headers: { authorization: `Bearer ${STEMP_TOKEN}` },
			},
		]);
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					id: expect.stringMatching(/^usr_/),
					object: 'user',
					...SAM,
					metadata: { private: { tier: 'gold', visits: 3, vip: true } },
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(api().stemp.findUser('shopify-2001')).toMatchObject({ email: 'sam@example.com' });
	});

	test('with the e-mail alone sends only the e-mail; empty fields from expressions are left out', async () => {
		await user(
			{
				operation: 'create',
				email: '={{ $json.email }}',
				additionalFields: { phone: '={{ $json.phone }}', name: '' },
			},
			{ input: [{ email: 'solo@example.com' }] },
		);
		expect(api().requests()[0].body).toEqual({ email: 'solo@example.com' });
	});

	test('metadata can be an object from an expression, and numbers become text for text fields', async () => {
		await user(
			{
				operation: 'create',
				email: 'sam@example.com',
				additionalFields: { metadata: '={{ $json.meta }}', externalId: '={{ $json.shopId }}' },
			},
			{ input: [{ meta: { source: 'shop', orders: 2 }, shopId: 2001 }] },
		);
		expect(api().requests()[0].body).toEqual({
			email: 'sam@example.com',
			externalId: '2001',
			metadata: { private: { source: 'shop', orders: 2 } },
		});
	});

	test("metadata in stemp's own form ({private, public, unsafe}) is sent as it is, nested values included", async () => {
		const metadata = { public: { tier: 'gold' }, private: { crm: { id: 7, tags: ['a'] } } };
		const { error } = await user({
			operation: 'create',
			email: 'sam@example.com',
			additionalFields: { metadata: JSON.stringify(metadata) },
		});
		expect(error).toBeUndefined();
		expect(api().requests()[0].body).toEqual({ email: 'sam@example.com', metadata });
	});

	test('metadata numbers up to the safe integer limit are sent exactly; a big one written as text stays text', async () => {
		await user({
			operation: 'create',
			email: 'sam@example.com',
			additionalFields: {
				metadata:
					'{"card": 9007199254740991, "low": -9007199254740991, "id": "12345678901234567890"}',
			},
		});
		expect(api().requests()[0].body).toMatchObject({
			metadata: {
				private: { card: 9007199254740991, low: -9007199254740991, id: '12345678901234567890' },
			},
		});
	});

	test('each item creates its own user, paired with its input', async () => {
		const { items } = await user(
			{ operation: 'create', email: '={{ $json.email }}' },
			{
				input: [{ email: 'a@example.com' }, { email: 'b@example.com' }, { email: 'c@example.com' }],
			},
		);
		expect(items.map((item) => [item.json.email, item.pairedItem])).toEqual([
			['a@example.com', { item: 0 }],
			['b@example.com', { item: 1 }],
			['c@example.com', { item: 2 }],
		]);
	});

	test('limits: exactly 254 / 150 / 20 / 100 characters are sent', async () => {
		const email = `${'a'.repeat(254 - '@example.com'.length)}@example.com`;
		const { error } = await user({
			operation: 'create',
			email,
			additionalFields: {
				name: 'n'.repeat(150),
				phone: '1'.repeat(20),
				externalId: 'x'.repeat(100),
			},
		});
		expect(error).toBeUndefined();
		expect(api().requests()).toHaveLength(1);
	});
});

describe('user create: validation before anything is sent', () => {
	const long = (n: number) => 'x'.repeat(n);
	test.each([
		[
			{ email: '={{ $json.missing }}' },
			'Invalid "Email" in item 0: nothing is not a valid e-mail address',
		],
		[
			{ email: 'sam.example.com' },
			'Invalid "Email" in item 0: "sam.example.com" is not a valid e-mail address',
		],
		[
			{ email: `${long(243)}@example.com` },
			'Invalid "Email" in item 0: it is 255 characters long; at most 254 are allowed',
		],
		[
			{ email: 'sam@example.com', additionalFields: { name: long(151) } },
			'Invalid "Name" in item 0: it is 151 characters long; at most 150 are allowed',
		],
		[
			{ email: 'sam@example.com', additionalFields: { phone: long(21) } },
			'Invalid "Phone" in item 0: it is 21 characters long; at most 20 are allowed',
		],
		[
			{ email: 'sam@example.com', additionalFields: { externalId: long(101) } },
			'Invalid "External ID" in item 0: it is 101 characters long; at most 100 are allowed',
		],
		[
			{ email: 'sam@example.com', additionalFields: { name: '={{ $json }}' } },
			'Invalid "Name" in item 0: it is not text',
		],
		[
			{ email: 'sam@example.com', additionalFields: { metadata: '{"tier": ' } },
			'Invalid "Metadata" in item 0: it is not valid JSON; write an object such as {"tier": "gold"}',
		],
		[
			{ email: 'sam@example.com', additionalFields: { metadata: '["gold"]' } },
			'Invalid "Metadata" in item 0: it must be a JSON object such as {"tier": "gold"}',
		],
		[
			{ email: 'sam@example.com', additionalFields: { metadata: '"gold"' } },
			'Invalid "Metadata" in item 0: it must be a JSON object such as {"tier": "gold"}',
		],
		[
			{ email: 'sam@example.com', additionalFields: { metadata: '{}' } },
			'Invalid "Metadata" in item 0: the object has no keys; leave the field out instead',
		],
		[
			{
				email: 'sam@example.com',
				additionalFields: { metadata: '{"address": {"city": "Berlin"}}' },
			},
			'Invalid "Metadata" in item 0: the value of "address" must be text, a number or true/false',
		],
		[
			{ email: 'sam@example.com', additionalFields: { metadata: '{"tags": ["a"]}' } },
			'Invalid "Metadata" in item 0: the value of "tags" must be text, a number or true/false',
		],
		[
			{ email: 'sam@example.com', additionalFields: { metadata: '{"gone": null}' } },
			'Invalid "Metadata" in item 0: the value of "gone" must be text, a number or true/false',
		],
		[
			{
				email: 'sam@example.com',
				additionalFields: { metadata: '{"public": {"tier": "gold"}, "tier": "gold"}' },
			},
			'Invalid "Metadata" in item 0: it mixes stemp\'s parts ("public") with plain keys; write either {"private": {...}, "public": {...}} or plain key/value pairs',
		],
		[
			{ email: 'sam@example.com', additionalFields: { metadata: '{"public": "gold"}' } },
			'Invalid "Metadata" in item 0: its "public" part must be a JSON object such as {"tier": "gold"}',
		],
		[
			{
				email: 'sam@example.com',
				additionalFields: { metadata: '{"private": {"deep": [1, 9007199254740993]}}' },
			},
			'Invalid "Metadata" in item 0: the number at metadata.private.deep[1] is beyond ±9007199254740991 and could not be sent exactly; write it as text (in quotes)',
		],
		[
			{ email: 'sam@example.com', additionalFields: { metadata: '{"card": 9007199254740993}' } },
			'Invalid "Metadata" in item 0: the number at metadata.card is beyond ±9007199254740991 and could not be sent exactly; write it as text (in quotes)',
		],
		[
			{ email: 'sam@example.com', additionalFields: { metadata: '{"tier": "a", "debt": -1e21}' } },
			'Invalid "Metadata" in item 0: the number at metadata.debt is beyond ±9007199254740991 and could not be sent exactly; write it as text (in quotes)',
		],
		[
			{ email: 'sam@example.com', additionalFields: { metadata: '={{ { id: 2 ** 53 } }}' } },
			'Invalid "Metadata" in item 0: the number at metadata.id is beyond ±9007199254740991 and could not be sent exactly; write it as text (in quotes)',
		],
	])('%j', async (parameters, message) => {
		const { error, items } = await user({ operation: 'create', ...parameters });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(error?.description).toContain('Nothing was sent');
		expect(items).toEqual([]);
		expect(api().requests()).toHaveLength(0);
	});

	test('one bad item among good ones stops the run before the first request', async () => {
		const { error } = await user(
			{ operation: 'create', email: '={{ $json.email }}' },
			{
				input: [
					{ email: 'a@example.com' },
					{ email: 'b@example.com' },
					{ email: 'not-an-address' },
				],
			},
		);
		expect(error?.message).toBe(
			'Invalid "Email" in item 2: "not-an-address" is not a valid e-mail address',
		);
		expect(api().requests()).toHaveLength(0);
	});

	test('with Continue On Fail the bad item carries its error and the others are created', async () => {
		const { items, error } = await user(
			{ operation: 'create', email: '={{ $json.email }}' },
			{
				input: [{ email: 'a@example.com' }, { email: 'nope' }, { email: 'c@example.com' }],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json.error).toBe(
			'Invalid "Email" in item 1: "nope" is not a valid e-mail address',
		);
		expect(
			api()
				.requests()
				.map((request) => (request.body as { email: string }).email),
		).toEqual(['a@example.com', 'c@example.com']);
	});
});

describe('user create: errors and retries', () => {
	test('409 for a taken external ID quotes stemp and says what to do', async () => {
		api().stemp.addUser({ email: 'old@example.com', externalId: 'shopify-2001' });
		const { error } = await user({
			operation: 'create',
			email: 'sam@example.com',
			additionalFields: { externalId: 'shopify-2001' },
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('A user with this externalId already exists (USER_ALREADY_EXISTS)');
		expect(error?.httpCode).toBe('409');
		expect(error?.description).toContain('find it with User > Get');
		expect(api().requests()).toHaveLength(1);
	});

	test("stemp's own validation (the STANDARD_VALIDATION shape) is quoted", async () => {
		api().inject({
			vendor: 'stemp',
			kind: 400,
			times: 1,
			body: { STANDARD_VALIDATION: { email: 'must be a well-formed email address' } },
		});
		const { error } = await user({ operation: 'create', email: 'sam@example.com' });
		expect(error?.message).toBe('Validation failed: email: must be a well-formed email address');
		expect(error?.httpCode).toBe('400');
	});

	test('403 names the user:create scope (the {code, params} shape)', async () => {
		const { error } = await user(
			{ operation: 'create', email: 'sam@example.com' },
			{ token: STEMP_READ_ONLY_TOKEN },
		);
		expect(error?.message).toBe('Insufficient scope (required: user:create)');
		expect(error?.description).toContain('creating users needs user:create');
	});

	test('a 5xx after stemp created the user is not retried: one user, and the error says how to check', async () => {
		api().inject({
			vendor: 'stemp',
			kind: 502,
			times: 1,
			phase: 'after',
			method: 'POST',
			path: '/users',
		});
		const { error } = await user({
			operation: 'create',
			email: 'sam@example.com',
			additionalFields: { externalId: 'shopify-2001' },
		});
		expect(error?.httpCode).toBe('502');
		expect(error?.description).toContain('Not retried');
		expect(error?.description).toContain(
			'check with User > Get for the external ID "shopify-2001"',
		);
		expect(api().requests()).toHaveLength(1);
		expect(
			[...api().stemp.users.values()].filter((entry) => entry.email === 'sam@example.com'),
		).toHaveLength(1);
	});

	test('a dropped connection is not retried either', async () => {
		api().inject({ vendor: 'stemp', kind: 'drop', times: 1, phase: 'after', method: 'POST' });
		const { error } = await user({ operation: 'create', email: 'sam@example.com' });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.description).toContain('for its e-mail address in the list from User > Get Many');
		expect(api().requests()).toHaveLength(1);
	});

	test('429 is retried: nothing was created the first time', async () => {
		api().inject({ vendor: 'stemp', kind: 429, times: 1, retryAfterSeconds: 0 });
		const { error, items } = await user({ operation: 'create', email: 'sam@example.com' });
		expect(error).toBeUndefined();
		expect(items[0].json.email).toBe('sam@example.com');
		expect(
			api()
				.requests()
				.map((request) => request.status),
		).toEqual([429, 200]);
	});

	test('a 409 does not carry the "may have been created" note (stemp refused it)', async () => {
		api().stemp.addUser({ email: 'sam@example.com' });
		const { error } = await user({ operation: 'create', email: 'sam@example.com' });
		expect(error?.httpCode).toBe('409');
		expect(error?.description).not.toContain('may have been created');
	});

	test.each([400, 409, 500])('the token echoed in a %i answer is redacted', async (status) => {
		api().inject({ vendor: 'stemp', kind: status, times: 1, body: echoingTheToken(status) });
		const { error } = await user({ operation: 'create', email: 'sam@example.com' });
		expect(error?.message).toBe(REDACTED_ECHO(status));
	});

	test('Continue On Fail puts the 409 on its item and creates the rest', async () => {
		api().stemp.addUser({ email: 'taken@example.com' });
		const { items, error } = await user(
			{ operation: 'create', email: '={{ $json.email }}' },
			{
				input: [{ email: 'taken@example.com' }, { email: 'fresh@example.com' }],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(items[0]).toEqual({
			json: {
				error: 'A user with this email already exists (USER_ALREADY_EXISTS)',
				errorDescription: expect.stringContaining('HTTP 409 to POST /users'),
				httpCode: '409',
			},
			pairedItem: { item: 0 },
		});
		expect(items[1]).toMatchObject({
			json: { email: 'fresh@example.com' },
			pairedItem: { item: 1 },
		});
	});
});
