/**
 * Node version 1 keeps the plain fields saved workflows hold; version 2 shows the same parameters as resource
 * locators. Both run the same operations to the same requests, and one reader takes both shapes, so a plain
 * value written into a version-2 workflow (by hand, or by an AI builder) works too.
 */
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { loadPackage } from '../harness/engine';
import { parametersOn } from '../harness/list-search';
import { api, jane, runStamped, useStampedApi } from './support';
import type { Version } from './support';

useStampedApi();

const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

interface Case {
	name: string;
	version: Version;
	v1: IDataObject;
	v2: IDataObject;
}

const cases: Case[] = [
	{
		name: 'Customer > Get',
		version: 'v2',
		v1: { resource: 'customer', operation: 'get', email: 'jane@example.com' },
		v2: {
			resource: 'customer',
			operation: 'get',
			email: locator('list', 'jane@example.com'),
		},
	},
	{
		name: 'Customer > Get (API v3, typed e-mail)',
		version: 'v3',
		v1: { resource: 'customer', operation: 'get', email: 'jane@example.com' },
		v2: { resource: 'customer', operation: 'get', email: locator('email', 'jane@example.com') },
	},
	{
		name: 'Customer > Delete',
		version: 'v2',
		v1: { resource: 'customer', operation: 'delete', email: 'jane@example.com' },
		v2: { resource: 'customer', operation: 'delete', email: locator('list', 'jane@example.com') },
	},
	{
		name: 'Customer > Create or Update with a tier',
		version: 'v2',
		v1: {
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
			additionalFields: { tier: 'Gold' },
		},
		v2: {
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
			additionalFields: { tier: locator('list', 'Gold') },
		},
	},
	{
		name: 'Loyalty Transaction > Create',
		version: 'v2',
		v1: { resource: 'loyaltyTransaction', operation: 'create', email: 'jane@example.com' },
		v2: {
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: locator('email', 'jane@example.com'),
		},
	},
	{
		name: 'Review > Reply',
		version: 'v2',
		v1: { resource: 'review', operation: 'reply', reviewId: 'rev12', reply: 'Thank you!' },
		v2: {
			resource: 'review',
			operation: 'reply',
			reviewId: locator('list', 'rev12'),
			reply: 'Thank you!',
		},
	},
	{
		name: 'Reward > Redeem',
		version: 'v3',
		v1: {
			resource: 'reward',
			operation: 'redeem',
			email: 'jane@example.com',
			rewardId: 'rwd-5off',
		},
		v2: {
			resource: 'reward',
			operation: 'redeem',
			email: locator('list', 'jane@example.com'),
			rewardId: locator('id', 'rwd-5off'),
		},
	},
	{
		name: 'Tier > Set',
		version: 'v3',
		v1: { resource: 'tier', operation: 'set', email: 'jane@example.com', tierName: 'Gold' },
		v2: {
			resource: 'tier',
			operation: 'set',
			email: locator('list', 'jane@example.com'),
			tierName: 'Gold',
		},
	},
];

/** What was sent, as the vendor saw it. */
const requestsSent = () =>
	api
		.requests()
		.map(({ method, path, query, body }) => ({ method, path, query, body }) as IDataObject);

async function requestsOf(version: Version, parameters: IDataObject, typeVersion: number) {
	api.reset();
	jane().points = 5000;
	const { error, items } = await runStamped(version, parameters, { typeVersion });
	return { error, json: items.map((item) => item.json), sent: requestsSent() };
}

describe.each(cases)('$name', ({ version, v1, v2 }) => {
	test('node version 1 (plain fields) and 2 (resource locators) send the same requests and output the same', async () => {
		const one = await requestsOf(version, v1, 1);
		const two = await requestsOf(version, v2, 2);
		expect(one.error).toBeUndefined();
		expect(two.error).toBeUndefined();
		expect(one.sent.length).toBeGreaterThan(0);
		expect(two.sent).toEqual(one.sent);
		expect(two.json).toEqual(one.json);
	});

	test('version 2 also takes the plain value a hand-written workflow gives', async () => {
		const one = await requestsOf(version, v1, 1);
		const plain = await requestsOf(version, v1, 2);
		expect(plain.error).toBeUndefined();
		expect(plain.sent).toEqual(one.sent);
	});
});

describe('a locator value is checked like the plain field, before anything is sent', () => {
	// Expressions, so that the values reach the node: n8n checks a typed value against the mode's pattern itself.
	test.each([
		['empty', locator('list', '={{ "" }}'), /"Email"/],
		['an object', locator('email', '={{ { email: "jane@example.com" } }}'), /"Email"/],
		[
			'not an e-mail',
			locator('email', '={{ "jane" }}'),
			/"Email" in item 0: "jane" is not a valid e-mail/,
		],
	])('%s', async (_what, email, message) => {
		const { error, sent } = await requestsOf(
			'v2',
			{ resource: 'customer', operation: 'get', email },
			2,
		);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
		expect(sent).toEqual([]);
	});

	test('a typed value that is no e-mail address is flagged by n8n itself from the mode pattern; nothing runs', async () => {
		const { error, sent } = await requestsOf(
			'v2',
			{ resource: 'customer', operation: 'get', email: locator('email', 'jane') },
			2,
		);
		expect(error?.name).toBe('WorkflowHasIssuesError');
		expect(sent).toEqual([]);
	});

	test("a review ID that would change the path (`..`) is refused, whichever the locator's mode", async () => {
		const { error, sent } = await requestsOf(
			'v2',
			{ resource: 'review', operation: 'reply', reviewId: locator('id', '..'), reply: 'Hi' },
			2,
		);
		expect(error?.message).toMatch(/Review ID/);
		expect(sent).toEqual([]);
	});
});

describe('what each version shows', () => {
	let nodeType: INodeType;
	beforeAll(async () => {
		nodeType = (await loadPackage()).getNode('stamped').type as INodeType;
	});

	const parametersFor = (typeVersion: number, set: INodeParameters) =>
		parametersOn(nodeType, typeVersion, set);

	test('the node offers versions 1 and 2 and starts new nodes on 2', () => {
		expect(nodeType.description.version).toEqual([1, 2]);
		expect(nodeType.description.defaultVersion).toBe(2);
	});

	test.each([
		['customer', 'get', 'email'],
		['review', 'reply', 'reviewId'],
		['reward', 'redeem', 'rewardId'],
	])(
		'%s > %s: %s is plain text on version 1 and a locator from version 2',
		(resource, operation, name) => {
			const apiVersion = resource === 'reward' ? 'v3' : 'v2';
			const one = parametersFor(1, { apiVersion, resource, operation });
			const two = parametersFor(2, { apiVersion, resource, operation });
			expect(one[name]).toBe('');
			expect(two[name]).toEqual({ __rl: true, mode: 'list', value: '' });
		},
	);
});
