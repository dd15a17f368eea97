/** Loyalty Transaction > Trigger Rule on v3 (`trigger-activity`): inputs in the query, no body, never re-sent. */
import {
	api,
	expectRefusedBeforeSending,
	jane,
	lookupOfJane,
	loyalty,
	stampedV2,
	stampedV3,
	useStampedApi,
} from '../support';

useStampedApi();

const trigger = (more: Record<string, unknown> = {}) => ({
	resource: 'loyaltyTransaction',
	operation: 'triggerRule',
	email: 'jane@example.com',
	ruleId: 'rule-newsletter',
	...more,
});

describe('Loyalty Transaction > Trigger Rule on v3', () => {
	test('fires the rule for the customer found by e-mail: ruleId and title in the query, no body', async () => {
		const before = jane().points;
		const { items, error } = await stampedV3(
			trigger({ additionalFields: { title: 'Newsletter confirmed' } }),
		);
		expect(error).toBeUndefined();
		expect(api.requests()).toMatchObject([
			lookupOfJane,
			{
				method: 'POST',
				path: loyalty(`/customers/${jane().customerId}/trigger-activity`),
				query: { ruleId: 'rule-newsletter', title: 'Newsletter confirmed' },
				body: undefined,
			},
		]);
		expect(items[0].json).toEqual({
			email: 'jane@example.com',
			customerId: jane().customerId,
			ruleId: 'rule-newsletter',
			activityId: expect.any(String),
			pointsAdded: 50,
		});
		expect(jane().points).toBe(before + 50);
		expect(api.stampedV3.activities.at(-1)?.rule.title).toBe('Newsletter confirmed');
	});

	test("an unknown rule is Stamped's message", async () => {
		const { error } = await stampedV3(trigger({ ruleId: 'rule-none' }));
		expect(error?.message).toBe("Rule 'rule-none' does not exist");
		expect(error?.httpCode).toBe('404');
	});

	test('never re-sent after a 5xx, so a rule is never fired twice by the node', async () => {
		const before = jane().points;
		api.inject({
			vendor: 'stampedV3',
			kind: 502,
			times: 1,
			phase: 'after',
			path: '/trigger-activity',
		});
		const { error } = await stampedV3(trigger());
		expect(error?.description).toContain('Not retried');
		expect(api.requests({ path: '/trigger-activity' })).toHaveLength(1);
		expect(jane().points).toBe(before + 50);
	});

	test.each([
		[{ ruleId: ' ' }, 'Invalid "Rule ID" in item 0: it is empty'],
		[{ ruleId: '={{ {"id": "r"} }}' }, 'Invalid "Rule ID" in item 0: it is an object, not a text'],
		[{ email: 'jane@' }, 'Invalid "Email" in item 0: "jane@" is not a valid e-mail address'],
		[
			{ additionalFields: { title: '={{ ["a"] }}' } },
			'Invalid "Title" in item 0: it is a list, not a text',
		],
	])('%j is refused before anything is sent', async (override, message) => {
		await expectRefusedBeforeSending(stampedV3, trigger(override), message);
	});

	test('with a v2 credential it is refused before any request', async () => {
		const { error } = await stampedV2(trigger());
		expect(error?.message).toBe(
			'"Loyalty Transaction > Trigger Rule" is offered by Stamped API v3, but the selected credential is for Stamped API v2',
		);
		expect(api.requests()).toHaveLength(0);
	});
});
