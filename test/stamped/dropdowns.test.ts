/**
 * The Stamped node's dropdowns filled from the shop: Customer > Create or Update's Tier (API v2 tier names) and
 * Reward > Redeem's Reward (API v3 rewards list). The load methods are called through n8n-core's own
 * LoadOptionsContext, as the editor's options request does; a run then shows the fields stay plain text.
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
	TIERS,
} from '../fake-api/stamped-v2';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID } from '../fake-api/stamped-v3';
import {
	createAdditionalData,
	loadPackage,
	logLines,
	PackageNodeTypes,
	PACKAGE_NAME,
} from '../harness/engine';
import { expectNoSecrets, secretForms, visibleText } from '../harness/secrets';
import { api, jane, stampedV2, stampedV3, useStampedApi } from './support';

useStampedApi();
beforeEach(() => {
	jane().points = 5000;
});

const SECRETS = secretForms(
	STAMPED_PUBLIC_KEY,
	STAMPED_PRIVATE_KEY,
	STAMPED_V3_PRIVATE_KEY,
	`${STAMPED_PUBLIC_KEY}:${STAMPED_PRIVATE_KEY}`,
);
const v2Credential = () => ({
	publicKey: STAMPED_PUBLIC_KEY,
	privateKey: STAMPED_PRIVATE_KEY,
	storeHash: STAMPED_STORE_HASH,
	baseUrl: api.stampedUrl,
});
const v3Credential = () => ({
	apiVersion: 'v3',
	privateKey: STAMPED_V3_PRIVATE_KEY,
	storeHash: STAMPED_V3_SHOP_ID,
	baseUrl: api.stampedV3Url,
});

type LoadMethod = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

/** Calls one of the node's load methods the way n8n's editor does, for the parameter at `path`. */
async function loadOptions(
	method: string,
	path: string,
	credential: IDataObject,
	parameters: INodeParameters,
) {
	const loader = await loadPackage();
	const nodeType = loader.getNode('stamped').type as INodeType;
	const node: INode = {
		id: 'dropdown-node',
		name: 'Stamped',
		type: `${PACKAGE_NAME}.stamped`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { stampedApi: { id: 'stampedApi-id', name: 'stampedApi account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new PackageNodeTypes(loader),
	});
	const additionalData = createAdditionalData(loader, { stampedApi: credential as never }, [node], {
		currentNodeParameters: parameters,
	});
	const context = new LoadOptionsContext(workflow, node, additionalData, path);
	const load = (nodeType.methods?.loadOptions as Record<string, LoadMethod> | undefined)?.[method];
	if (!load) throw new Error(`the node has no load method ${method}`);
	try {
		return { options: await load.call(context) };
	} catch (error) {
		expectNoSecrets(visibleText([], error), SECRETS);
		return { error: error as Error & { description?: string; httpCode?: string } };
	}
}

const loadTiers = (credential: IDataObject) =>
	loadOptions('getTierNames', 'parameters.additionalFields.tier', credential, {
		apiVersion: 'v2',
		resource: 'customer',
		operation: 'upsert',
		additionalFields: {},
	});
const loadRewards = (credential: IDataObject) =>
	loadOptions('getRewards', 'parameters.rewardId', credential, {
		apiVersion: 'v3',
		resource: 'reward',
		operation: 'redeem',
	});

describe('the dropdowns are declared as options with a load method', () => {
	let properties: INodeProperties[];
	beforeAll(async () => {
		properties = ((await loadPackage()).getNode('stamped').type as INodeType).description
			.properties;
	});

	test.each([
		[
			'Tier',
			() =>
				(
					properties.find(
						(p) =>
							p.name === 'additionalFields' &&
							p.displayOptions?.show?.operation?.includes('upsert'),
					)?.options as INodeProperties[]
				).find((o) => o.name === 'tier'),
			'getTierNames',
		],
		['Reward', () => properties.find((p) => p.name === 'rewardId'), 'getRewards'],
	])('%s keeps a plain text value, filled by its load method', (_label, find, method) => {
		const property = find();
		expect(property).toMatchObject({
			type: 'options',
			default: '',
			typeOptions: { loadOptionsMethod: method },
		});
		expect(property?.description).toMatch(
			/Choose from the list, or specify an ID using an <a href="https:\/\/docs\.n8n\.io\/code\/expressions\/">expression<\/a>\.$/,
		);
	});
});

describe('Tier names (API v2)', () => {
	test('lists each tier of the shop by name, with the points it needs', async () => {
		const { options, error } = await loadTiers(v2Credential());
		expect(error).toBeUndefined();
		expect(options).toEqual(
			TIERS.map((tier) => ({
				name: tier.name,
				value: tier.name,
				description: `From ${tier.minPoints} points`,
			})),
		);
		expect(
			api.requests().map((request) => `${request.vendor} ${request.method} ${request.path}`),
		).toEqual(['stamped GET /store-123/loyalty/tiers']);
	});

	test.each([
		[401, 'Unauthorized: invalid API keys'],
		[500, 'Tier service unavailable'],
	])("a %s shows Stamped's own message, and no credential value", async (status, message) => {
		api.inject({
			vendor: 'stamped',
			path: '/loyalty/tiers',
			times: 10,
			kind: status,
			body: { message },
		});
		const { options, error } = await loadTiers(v2Credential());
		expect(options).toBeUndefined();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(message);
		expect(error?.description).toContain(`Stamped answered HTTP ${status} to GET /loyalty/tiers`);
	});

	test('a v3 credential is told that v3 keeps no tier list, without a request', async () => {
		const { error } = await loadTiers(v3Credential());
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			'Tiers are listed, and stored on the customer, by Stamped API v2, but the selected credential is for Stamped API v3',
		);
		expect(api.requests()).toHaveLength(0);
	});

	test('a tier typed or computed outside the list is still sent as written', async () => {
		const { error } = await stampedV2({
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
			additionalFields: { tier: '={{ "Plat" + "inum" }}' },
		});
		expect(error).toBeUndefined();
		expect(api.requests({ method: 'POST' })[0].body).toMatchObject({
			email: 'jane@example.com',
			tier: 'Platinum',
		});
	});
});

describe('Rewards (API v3)', () => {
	test('lists each reward of the shop once, by title, sorted by name', async () => {
		api.stampedV3.seedRewards(5, jane());
		const { options, error } = await loadRewards(v3Credential());
		expect(error).toBeUndefined();
		expect(options).toEqual([
			{ name: '$1 off per 100 points (rwd-variable)', value: 'rwd-variable' },
			{ name: '$5 off (rwd-5off)', value: 'rwd-5off' },
		]);
	});

	test('reads the rewards list page after page while morePages says so, up to 1,000 records', async () => {
		const v3 = api.stampedV3;
		v3.seedRewards(1200, jane());
		v3.rewards.push({
			...v3.rewards[0],
			rewardId: 'rwd-late',
			title: 'Only after 1,000',
			couponCode: 'LATE-1',
			activityId: 'act_late',
		});
		const { options } = await loadRewards(v3Credential());
		expect(options?.map((option) => option.value)).toEqual(['rwd-variable', 'rwd-5off']);
		expect(api.requests().map((request) => request.query.page)).toEqual([
			'0',
			'1',
			'2',
			'3',
			'4',
			'5',
			'6',
			'7',
			'8',
			'9',
		]);
	});

	test('an empty rewards list gives an empty dropdown', async () => {
		const { options, error } = await loadRewards(v3Credential());
		expect(error).toBeUndefined();
		expect(options).toEqual([]);
	});

	test.each([
		[401, 'Unauthorized: invalid stamped-api-key'],
		[500, 'Rewards are being rebuilt'],
	])("a %s shows Stamped's own message, and no credential value", async (status, message) => {
		api.inject({
			vendor: 'stampedV3',
			path: '/rewards',
			times: 10,
			kind: status,
			body: { message },
		});
		const { options, error } = await loadRewards(v3Credential());
		expect(options).toBeUndefined();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(message);
		expect(error?.httpCode).toBe(String(status));
	});

	test("a wrong private key shows the fake Stamped's 401 message, and the key appears nowhere", async () => {
		const { error } = await loadRewards({ ...v3Credential(), privateKey: 'wrong-key-4711' });
		expect(error?.message).toBe('Unauthorized: invalid stamped-api-key');
		expect(visibleText([], error)).not.toContain('wrong-key-4711');
		expect(logLines.join('\n')).not.toContain('wrong-key-4711');
	});

	test('a v2 credential is told that rewards are listed by v3 only, without a request', async () => {
		const { error } = await loadRewards(v2Credential());
		expect(error?.message).toBe(
			'Rewards are listed by Stamped API v3, but the selected credential is for Stamped API v2',
		);
		expect(api.requests()).toHaveLength(0);
	});

	test('a reward ID not in the list (an expression) is still redeemed as written', async () => {
		const { error, items } = await stampedV3({
			resource: 'reward',
			operation: 'redeem',
			email: 'jane@example.com',
			rewardId: '={{ "rwd-" + "5off" }}',
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(api.requests({ method: 'POST' })[0].path).toMatch(/\/redeem-reward\/rwd-5off$/);
	});
});
