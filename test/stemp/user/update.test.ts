import { STEMP_READ_ONLY_TOKEN } from '../../fake-api/stemp';
import { REDACTED_ECHO, echoingTheToken, useStempUsers } from '../support';

const { api, user } = useStempUsers();

let janeId: string;
beforeEach(() => {
	janeId = api().stemp.addUser({
		email: 'jane@example.com',
		name: 'Jane Doe',
		phone: '+15550101001',
		externalId: 'shopify-1001',
		metadata: { private: { tier: 'vip' } },
	}).id;
});

describe('user update', () => {
	test('by external ID: sends only the fields given; the others keep their value', async () => {
		const { items, error } = await user({
			operation: 'update',
			userId: 'shopify-1001',
			updateFields: { name: 'Jane Smith', metadata: '{"tier": "gold"}' },
		});
		expect(error).toBeUndefined();
		expect(api().requests()).toMatchObject([
			{
				method: 'PATCH',
				path: '/users/shopify-1001',
				body: { name: 'Jane Smith', metadata: { private: { tier: 'gold' } } },
			},
		]);
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					id: janeId,
					name: 'Jane Smith',
					email: 'jane@example.com',
					phone: '+15550101001',
					metadata: { private: { tier: 'gold' } },
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	test("every field, by stemp's ID", async () => {
		const updateFields = {
			email: 'jane.smith@example.com',
			name: 'Jane Smith',
			phone: '+15550109999',
			externalId: 'crm-77',
			metadata: { private: { visits: 4 } },
		};
		const { items } = await user(
			{
				operation: 'update',
				userId: janeId,
				updateFields: { ...updateFields, metadata: '={{ $json.meta }}' },
			},
			{ input: [{ meta: { visits: 4 } }] },
		);
		expect(api().requests()[0].body).toEqual(updateFields);
		expect(items[0].json).toMatchObject(updateFields);
		expect(api().stemp.findUser('crm-77')?.id).toBe(janeId);
	});

	test('empty fields (e.g. an expression with no value) are left out', async () => {
		await user(
			{
				operation: 'update',
				userId: janeId,
				updateFields: { phone: '={{ $json.phone }}', name: 'Jane S.' },
			},
			{ input: [{}] },
		);
		expect(api().requests()[0].body).toEqual({ name: 'Jane S.' });
	});
});

describe('user update: validation before anything is sent', () => {
	test.each([
		[
			'no field',
			{ userId: 'shopify-1001', updateFields: {} },
			'Invalid "Update Fields" in item 0: nothing to change; add at least one field with a value',
		],
		[
			'only empty fields',
			{ userId: 'shopify-1001', updateFields: { name: '', phone: '  ' } },
			'Invalid "Update Fields" in item 0: nothing to change; add at least one field with a value',
		],
		[
			'a bad e-mail',
			{ userId: 'shopify-1001', updateFields: { email: 'jane@' } },
			'Invalid "Email" in item 0: "jane@" is not a valid e-mail address',
		],
		[
			'a long name',
			{ userId: 'shopify-1001', updateFields: { name: 'n'.repeat(151) } },
			'Invalid "Name" in item 0: it is 151 characters long; at most 150 are allowed',
		],
		[
			'a long phone',
			{ userId: 'shopify-1001', updateFields: { phone: '1'.repeat(21) } },
			'Invalid "Phone" in item 0: it is 21 characters long; at most 20 are allowed',
		],
		[
			'a long external ID',
			{ userId: 'shopify-1001', updateFields: { externalId: 'x'.repeat(101) } },
			'Invalid "External ID" in item 0: it is 101 characters long; at most 100 are allowed',
		],
		[
			'metadata that is a list',
			{ userId: 'shopify-1001', updateFields: { metadata: '[1]' } },
			'Invalid "Metadata" in item 0: it must be a JSON object such as {"tier": "gold"}',
		],
		[
			'metadata with no keys',
			{ userId: 'shopify-1001', updateFields: { metadata: '{}' } },
			'Invalid "Metadata" in item 0: the object has no keys; leave the field out instead',
		],
		[
			'a metadata number beyond the safe integer range (it would be rounded)',
			{ userId: 'shopify-1001', updateFields: { metadata: '{"visits": 12345678901234567890}' } },
			'Invalid "Metadata" in item 0: the number at metadata.visits is beyond ±9007199254740991 and could not be sent exactly; write it as text (in quotes)',
		],
		[
			'a User ID of ".."',
			{ userId: '..', updateFields: { name: 'X' } },
			'Invalid "User ID" in item 0: ".." is not an ID: as part of a URL it would address another endpoint',
		],
	])('%s', async (_, parameters, message) => {
		const { error, items } = await user({ operation: 'update', ...parameters });
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(error?.context?.itemIndex).toBe(0);
		expect(items).toEqual([]);
		expect(api().requests()).toHaveLength(0);
	});
});

describe('user update: errors and retries', () => {
	test('404 for an unknown user quotes stemp', async () => {
		const { error } = await user({
			operation: 'update',
			userId: 'nobody',
			updateFields: { name: 'X' },
		});
		expect(error?.message).toBe('User not found (userId: nobody)');
		expect(error?.description).toContain('Check the User ID');
	});

	test('409 when the new external ID belongs to another user', async () => {
		api().stemp.addUser({ email: 'other@example.com', externalId: 'shopify-2002' });
		const { error } = await user({
			operation: 'update',
			userId: janeId,
			updateFields: { externalId: 'shopify-2002' },
		});
		expect(error?.message).toBe('A user with this externalId already exists (USER_ALREADY_EXISTS)');
		expect(error?.httpCode).toBe('409');
	});

	test('403 names the user:update scope', async () => {
		const { error } = await user(
			{ operation: 'update', userId: janeId, updateFields: { name: 'X' } },
			{ token: STEMP_READ_ONLY_TOKEN },
		);
		expect(error?.message).toBe('Insufficient scope (required: user:update)');
		expect(error?.description).toContain('user:update');
	});

	test('a 5xx after stemp applied the change is retried: sending the same fields again is harmless', async () => {
		api().inject({ vendor: 'stemp', kind: 503, times: 1, phase: 'after', method: 'PATCH' });
		const { items, error } = await user({
			operation: 'update',
			userId: janeId,
			updateFields: { name: 'Jane Smith' },
		});
		expect(error).toBeUndefined();
		expect(items[0].json.name).toBe('Jane Smith');
		expect(
			api()
				.requests()
				.map((request) => [request.status, request.applied]),
		).toEqual([
			[503, true],
			[200, true],
		]);
	});

	test('a dropped connection is retried', async () => {
		api().inject({ vendor: 'stemp', kind: 'drop', times: 1, method: 'PATCH' });
		const { items, error } = await user({
			operation: 'update',
			userId: janeId,
			updateFields: { phone: '+1555' },
		});
		expect(error).toBeUndefined();
		expect(items[0].json.phone).toBe('+1555');
	});

	test.each([400, 404, 409, 502])('the token echoed in a %i answer is redacted', async (status) => {
		api().inject({ vendor: 'stemp', kind: status, times: 10, body: echoingTheToken(status) });
		const { error } = await user({
			operation: 'update',
			userId: janeId,
			updateFields: { name: 'X' },
		});
		expect(error?.message).toBe(REDACTED_ECHO(status));
	});

	test('Continue On Fail: each item on its own', async () => {
		const { items, error } = await user(
			{
				operation: 'update',
				userId: '={{ $json.id }}',
				updateFields: { name: '={{ $json.name }}' },
			},
			{
				input: [
					{ id: 'shopify-1001', name: 'Jane A' },
					{ id: 'ghost', name: 'B' },
					{ id: 'shopify-1001', name: '' },
				],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.name).toBe('Jane A');
		expect(items[1].json).toMatchObject({
			error: 'User not found (userId: ghost)',
			httpCode: '404',
		});
		expect(items[2].json.error).toBe(
			'Invalid "Update Fields" in item 2: nothing to change; add at least one field with a value',
		);
		expect(api().requests()).toHaveLength(2);
	});
});
