/** Customer > Lookup by Stamped's own id on v3: `GET customers/{customerId}`, the id checked before it is sent. */
import {
	api,
	expectRefusedBeforeSending,
	jane,
	merchant,
	stampedV2,
	stampedV3,
	useStampedApi,
} from '../support';

useStampedApi();

const lookup = (lookupValue: string) => ({
	resource: 'customer',
	operation: 'lookup',
	lookupBy: 'stampedId',
	lookupValue,
});

describe('Customer > Lookup by Stamped ID on v3', () => {
	test('reads the customer at customers/{customerId}, with no lookup query', async () => {
		const { items } = await stampedV3(lookup(jane().customerId));
		expect(api.requests()).toMatchObject([
			{ method: 'GET', path: merchant(`/customers/${jane().customerId}`), query: {} },
		]);
		expect(items[0].json).toMatchObject({
			email: 'jane@example.com',
			customerId: jane().customerId,
		});
	});

	test("an unknown id is Stamped's 404", async () => {
		const { error } = await stampedV3(lookup('cus_nobody'));
		expect(error?.message).toBe('Customer not found');
		expect(error?.httpCode).toBe('404');
	});

	test('an id with a slash stays one path segment', async () => {
		await stampedV3(lookup('a/b'));
		expect(api.requests()[0].rawPath).toBe(merchant('/customers/a%2Fb'));
	});

	test.each([
		[
			'..',
			'Invalid "Lookup Value" in item 0: ".." is not an ID: as part of a URL it would address another endpoint',
		],
		['={{ {"id": 1} }}', 'Invalid "Lookup Value" in item 0: it is an object, not a text'],
		[' ', 'Invalid "Lookup Value" in item 0: it is empty'],
	])('%j is refused before anything is sent', async (value, message) => {
		await expectRefusedBeforeSending(stampedV3, lookup(value), message);
	});

	test('with a v2 credential it is refused before any request', async () => {
		const { error } = await stampedV2(lookup('cus_1'));
		expect(error?.message).toBe(
			'"Customer > Lookup" is offered by Stamped API v3, but the selected credential is for Stamped API v2',
		);
		expect(api.requests()).toHaveLength(0);
	});
});
