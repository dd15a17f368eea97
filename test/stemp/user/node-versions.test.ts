/**
 * The stemp node's version 1 keeps the plain User ID; version 2 shows the User picker (from the list, by stemp's
 * ID, by the external ID). Both send the same requests. (The wallet pass, template and reward tier pickers:
 * test/stemp/node-versions.test.ts.)
 */
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { loadPackage } from '../../harness/engine';
import { parametersOn } from '../../harness/list-search';
import { api, stemp, useStempApi } from '../support';

useStempApi();

const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

async function sentBy(parameters: IDataObject, typeVersion: number) {
	api.reset();
	api.stemp.addUser({ email: 'jane@example.com', name: 'Jane', externalId: 'shop-7' });
	const { error, items } = await stemp({ resource: 'user', ...parameters }, { typeVersion });
	const sent = api.requests().map(({ method, path, body }) => ({ method, path, body }));
	// The fake stamps users with the time they were added; the rest must match.
	const json = items.map(({ json: { createdAt: _c, updatedAt: _u, ...rest } }) => rest);
	return { error, json, sent };
}

test.each([
	['Get by external ID', { operation: 'get' }, 'externalId', 'shop-7'],
	['Get from the list', { operation: 'get' }, 'list', 'usr_000001'],
	['Update by ID', { operation: 'update', updateFields: { name: 'Jane D.' } }, 'id', 'usr_000001'],
	['Delete', { operation: 'delete' }, 'list', 'usr_000001'],
])('%s: version 1 and 2 send the same requests', async (_name, rest, mode, userId) => {
	const one = await sentBy({ ...rest, userId }, 1);
	const two = await sentBy({ ...rest, userId: locator(mode, userId) }, 2);
	expect(one.error).toBeUndefined();
	expect(two.error).toBeUndefined();
	expect(one.sent.length).toBeGreaterThan(0);
	expect(two.sent).toEqual(one.sent);
	expect(two.json).toEqual(one.json);
});

test.each([
	['Get', { operation: 'get' }],
	['Update', { operation: 'update', updateFields: { name: 'Jane D.' } }],
	['Delete', { operation: 'delete' }],
])(
	'%s: a plain User ID on version 2 (a hand- or AI-written workflow) is taken as on version 1',
	async (_name, rest) => {
		const one = await sentBy({ ...rest, userId: 'shop-7' }, 1);
		const two = await sentBy({ ...rest, userId: 'shop-7' }, 2);
		expect(one.error).toBeUndefined();
		expect(two.error).toBeUndefined();
		expect(two.sent).toEqual(one.sent);
		expect(two.json).toEqual(one.json);
	},
);

test('a user ID that would change the path is refused on version 2 too, nothing sent', async () => {
	const { error, sent } = await sentBy({ operation: 'get', userId: locator('id', '..') }, 2);
	expect(error?.message).toMatch(/User ID/);
	expect(sent).toEqual([]);
});

test('the User ID is plain text on version 1 and a locator from version 2', async () => {
	const nodeType = (await loadPackage()).getNode('stemp').type as INodeType;
	expect(nodeType.description.version).toEqual([1, 2]);
	expect(nodeType.description.defaultVersion).toBe(2);
	const parameters = (typeVersion: number, set: INodeParameters) =>
		parametersOn(nodeType, typeVersion, set);
	expect(parameters(1, { resource: 'user', operation: 'get' }).userId).toBe('');
	expect(parameters(2, { resource: 'user', operation: 'get' }).userId).toEqual({
		__rl: true,
		mode: 'list',
		value: '',
	});
});
