/**
 * An answer is the output item's JSON and nothing else: a record that carries `json`, `binary` or `pairedItem`
 * keys (a hostile or odd server) cannot turn into binary data or change which input item the output is paired
 * with. (n8n's returnJsonArray would take such a record for an item of its own; the nodes wrap records
 * themselves and pair them with n8n's constructExecutionMetaData.)
 */
import { FakeApi } from '../fake-api/server';
import { useFastRetries } from '../harness/fast-retries';
import { stampedV3 } from './support';

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi().start();
});
afterAll(async () => await api.stop());
beforeEach(() => api.reset());
useFastRetries();

const disguised = {
	json: { customerId: 'someone-else' },
	binary: { data: { data: 'SGk=', mimeType: 'text/plain', fileName: 'x.txt' } },
	pairedItem: { item: 7 },
};

test('a single record: its keys stay in the item JSON; no binary, paired with its own input item', async () => {
	api.stampedV3.insert({ email: 'jane@example.com' });
	api.inject({
		vendor: 'stampedV3',
		kind: 200,
		times: 1,
		path: '/customers/lookup',
		body: { customerId: 'cus_1', email: 'jane@example.com', ...disguised },
	});
	const { items, error } = await stampedV3(api, {
		resource: 'customer',
		operation: 'get',
		email: 'jane@example.com',
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(1);
	expect(items[0].json).toMatchObject({ customerId: 'cus_1', ...disguised });
	expect(items[0].binary).toBeUndefined();
	expect(items[0].pairedItem).toEqual({ item: 0 });
});

test('a list: every record stays JSON, each paired with the input item', async () => {
	api.inject({
		vendor: 'stampedV3',
		kind: 200,
		times: 1,
		path: '/customers',
		body: {
			page: 0,
			limit: 100,
			morePages: false,
			customers: [
				{ customerId: 'cus_1', ...disguised },
				{ customerId: 'cus_2', json: 'text', binary: 'text' },
			],
		},
	});
	const { items, error } = await stampedV3(api, {
		resource: 'customer',
		operation: 'getAll',
		returnAll: true,
	});
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.customerId)).toEqual(['cus_1', 'cus_2']);
	expect(items.every((item) => item.binary === undefined)).toBe(true);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
});
