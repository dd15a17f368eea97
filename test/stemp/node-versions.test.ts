/**
 * Node version 2's pickers beyond users: the Wallet Pass ID of every operation that names a pass (the stamp
 * operations of the first release included), the Template ID and the Reward Tier ID. Version 1 keeps them plain;
 * version 2 shows a resource locator; both read a plain value and a picked one alike, so a workflow saved on
 * version 2 before the pass became a picker (a plain `walletPassId` string) still runs unchanged.
 */
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { POINTS_TEMPLATE_ID } from '../fake-api/stemp';
import { loadPackage } from '../harness/engine';
import { parametersOn } from '../harness/list-search';
import { api, stemp, useStempApi } from './support';

useStempApi();

const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

const STAMP_OPERATIONS = ['get', 'add', 'remove', 'set', 'reset', 'getHistory'];

async function nodeType(): Promise<INodeType> {
	return (await loadPackage()).getNode('stemp').type as INodeType;
}

test('the stamp operations: plain Wallet Pass ID on version 1, a picker (From List, By ID) from version 2', async () => {
	const type = await nodeType();
	for (const operation of STAMP_OPERATIONS) {
		const set: INodeParameters = { resource: 'stamp', operation };
		expect(parametersOn(type, 1, set).walletPassId).toBe('');
		expect(parametersOn(type, 2, set).walletPassId).toEqual({
			__rl: true,
			mode: 'list',
			value: '',
		});
	}
	const field = type.description.properties.find(
		(property) =>
			property.name === 'walletPassId' &&
			property.type === 'resourceLocator' &&
			property.displayOptions?.show?.resource?.[0] === 'stamp',
	);
	expect(field?.modes?.map((mode) => [mode.name, mode.typeOptions?.searchListMethod])).toEqual([
		['list', 'searchWalletPasses'],
		['id', undefined],
	]);
});

test.each([
	['pass', 'create', 'templateId'],
	['rewardTier', 'getAll', 'templateId'],
	['notification', 'getAll', 'templateId'],
	['template', 'getStampConfig', 'templateId'],
	['points', 'redeem', 'rewardTierId'],
	['rewardTier', 'update', 'rewardTierId'],
	['points', 'add', 'walletPassId'],
	['pass', 'get', 'walletPassId'],
	['reward', 'getAll', 'walletPassId'],
])(
	'%s > %s: %s is plain on version 1 and a picker from version 2',
	async (resource, operation, name) => {
		const type = await nodeType();
		const set: INodeParameters = { resource, operation };
		expect(parametersOn(type, 1, set)[name]).toBe('');
		expect(parametersOn(type, 2, set)[name]).toEqual({ __rl: true, mode: 'list', value: '' });
	},
);

describe.each(STAMP_OPERATIONS.filter((operation) => operation !== 'getHistory'))(
	'Stamp > %s sends the same request on every version and with every value shape',
	(operation) => {
		const extra = operation === 'set' ? { stamps: 3 } : {};
		async function sent(walletPassId: IDataObject | string, typeVersion: number) {
			api.reset();
			const { error, items } = await stemp({ operation, walletPassId, ...extra }, { typeVersion });
			expect(error).toBeUndefined();
			return {
				requests: api.requests().map(({ method, path, body }) => ({ method, path, body })),
				json: items.map((item) => ({ ...item.json, lastStampAt: undefined })),
			};
		}
		test('version 1 plain = version 2 picked from the list = version 2 by ID = a plain value saved on version 2', async () => {
			const one = await sent('wp_abc456', 1);
			expect(one.requests).toHaveLength(1);
			expect(await sent(locator('list', 'wp_abc456'), 2)).toEqual(one);
			expect(await sent(locator('id', 'wp_abc456'), 2)).toEqual(one);
			expect(await sent('wp_abc456', 2)).toEqual(one);
		});
	},
);

test('a picked value that would change the path is refused on version 2 too, nothing sent', async () => {
	for (const value of ['..', '.', 'wp\u0000x']) {
		const { error } = await stemp(
			{ operation: 'add', walletPassId: locator('id', value) },
			{ typeVersion: 2 },
		);
		expect(error?.message).toMatch(/^Invalid "Wallet Pass ID" in item 0/);
	}
	expect(api.requests()).toEqual([]);
});

test('an object where the ID belongs (a locator whose value is an object) is refused', async () => {
	const { error } = await stemp(
		{ operation: 'get', walletPassId: { __rl: true, mode: 'id', value: { id: 'wp_abc456' } } },
		{ typeVersion: 2 },
	);
	expect(error?.message).toBe('Invalid "Wallet Pass ID" in item 0: it is an object, not a text');
	expect(api.requests()).toEqual([]);
});

test('Points > Redeem with both pickers on version 2', async () => {
	api.stemp.addPass({ walletPassId: 'wp_pts', templateId: POINTS_TEMPLATE_ID, currentPoints: 120 });
	const { error } = await stemp(
		{
			resource: 'points',
			operation: 'redeem',
			walletPassId: locator('list', 'wp_pts'),
			rewardTierId: locator('list', 'rt_croissant'),
		},
		{ typeVersion: 2 },
	);
	expect(error).toBeUndefined();
	expect(api.requests()).toMatchObject([
		{ path: '/walletpasses/wp_pts/points/redeem', body: { rewardTierId: 'rt_croissant' } },
	]);
});
