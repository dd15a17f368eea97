/**
 * The Stamped API versions: the credential decides which API is called (the node's API Version only filters
 * the editor), an operation the credential's version lacks fails before anything is sent, and the editor
 * offers for each version exactly what the registry declares for it.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { STAMPED_V3_PRIVATE_KEY } from '../fake-api/stamped-v3';
import { loadPackage } from '../harness/engine';
import { api, stampedV3, useStampedApi, v2Credential } from './support';

// The registry the loaded node is built from (dist/), typed from the sources.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stampedRegistry } =
	require('../../dist/nodes/Stamped/actions/registry') as typeof import('../../nodes/Stamped/actions/registry');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { offeredOperations } =
	require('../../dist/nodes/core/registry') as typeof import('../../nodes/core/registry');

useStampedApi();

describe('authentication and the API version', () => {
	test('v3 sends the private key in stamped-api-key and no Authorization header', async () => {
		const { error } = await stampedV3({
			resource: 'customer',
			operation: 'get',
			email: 'jane@example.com',
		});
		expect(error).toBeUndefined();
		const [request] = api.requests();
		expect(request.vendor).toBe('stampedV3');
		expect(request.headers['stamped-api-key']).toBe(STAMPED_V3_PRIVATE_KEY);
		expect(request.headers.authorization).toBeUndefined();
	});

	test.each([
		['v2 (its default)', undefined, 'v3', 'stampedV3'],
		['v3', 'v3', 'v2', 'stamped'],
	])(
		'a node set to %s runs a shared operation on its %s credential, with a hint saying so',
		async (_label, nodeVersion, credentialVersion, vendor) => {
			const { error, items, hints } = await stampedV3(
				{
					apiVersion: nodeVersion,
					resource: 'customer',
					operation: 'get',
					email: 'jane@example.com',
				},
				{ credentials: credentialVersion === 'v2' ? v2Credential() : {} },
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(api.requests().map((request) => request.vendor)).toEqual([vendor]);
			const nodeSays = nodeVersion ?? 'v2';
			expect(hints.map((hint) => hint.message)).toEqual([
				expect.stringContaining(
					`set to Stamped API ${nodeSays}, but its credential is for API ${credentialVersion}: the operation ran on API ${credentialVersion}`,
				),
			]);
		},
	);

	test('a node whose API Version matches its credential leaves no hint', async () => {
		const { error, hints } = await stampedV3({
			resource: 'customer',
			operation: 'get',
			email: 'jane@example.com',
		});
		expect(error).toBeUndefined();
		expect(hints).toEqual([]);
	});

	test.each([
		['v3', 'review', 'getAll', '"Review > Get Many" is offered by Stamped API v2'],
		['v3', 'tier', 'getAll', '"Tier > Get Many" is offered by Stamped API v2'],
		['v2', 'customer', 'lookup', '"Customer > Lookup" is offered by Stamped API v3'],
		['v2', 'tier', 'set', '"Tier > Set" is offered by Stamped API v3'],
		[
			'v2',
			'loyaltyTransaction',
			'getAll',
			'"Loyalty Transaction > Get Many" is offered by Stamped API v3',
		],
		['v2', 'reward', 'redeem', '"Reward > Redeem" is offered by Stamped API v3'],
		['v2', 'coupon', 'void', '"Coupon > Void" is offered by Stamped API v3'],
	])(
		'with a %s credential, %s %s fails before anything is sent, naming both versions',
		async (version, resource, operation, what) => {
			// The node is set to the operation's version (so the editor offered it); the credential lacks it.
			const { error } = await stampedV3(
				{
					apiVersion: version === 'v2' ? 'v3' : 'v2',
					resource,
					operation,
					email: 'jane@example.com',
					tierName: 'Gold',
					rewardId: 'r',
					couponCode: 'c',
					lookupValue: 'x@example.com',
				},
				{ credentials: version === 'v2' ? v2Credential() : {} },
			);
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toBe(
				`${what}, but the selected credential is for Stamped API ${version}`,
			);
			expect(error?.description).toContain('Nothing was sent');
			expect(api.requests()).toHaveLength(0);
		},
	);

	test('a v3-only resource in a workflow edited outside the editor is refused on a v2 credential, naming both', async () => {
		const { error } = await stampedV3(
			{
				apiVersion: 'v2',
				resource: 'reward',
				operation: 'redeem',
				email: 'jane@example.com',
				rewardId: 'r',
			},
			{ credentials: v2Credential() },
		);
		expect(error?.message).toBe(
			'"Reward" is offered by Stamped API v3, but the selected credential is for Stamped API v2',
		);
		expect(api.requests()).toHaveLength(0);
	});

	test.each([
		[{ resource: 'nonsense', operation: 'get' }, 'The resource "nonsense" is not supported'],
		[
			{ resource: 'customer', operation: 'explode' },
			'The operation "explode" of "customer" is not supported',
		],
	])('an operation no version has is refused: %j', async (parameters, message) => {
		const { error } = await stampedV3({ ...parameters, email: 'jane@example.com' });
		expect(error?.message).toBe(message);
		expect(api.requests()).toHaveLength(0);
	});

	test.each([
		['points', 'update', { action: 'add', points: 5, reason: 'goodwill' }, 'v2', 'Reason'],
		['customer', 'upsert', { additionalFields: { points: 5 } }, 'v3', 'Points'],
		['customer', 'upsert', { additionalFields: { tier: 'Gold' } }, 'v3', 'Tier'],
		[
			'loyaltyTransaction',
			'create',
			{ type: 'custom', points: 0, additionalFields: { campaignId: 'c1' } },
			'v2',
			'Campaign ID',
		],
	])(
		'%s %s: a field the %s credential cannot store is refused, never dropped',
		async (resource, operation, parameters, version, field) => {
			const { error } = await stampedV3(
				{
					apiVersion: version === 'v2' ? 'v3' : 'v2',
					resource,
					operation,
					email: 'jane@example.com',
					...parameters,
				},
				{ credentials: version === 'v2' ? v2Credential() : {} },
			);
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toContain(`Invalid "${field}" in item 0`);
			expect(api.requests()).toHaveLength(0);
		},
	);
});

describe('what the node offers per version (display options)', () => {
	let properties: INodeProperties[];
	beforeAll(async () => {
		properties = ((await loadPackage()).getNode('stamped').type as INodeType).description
			.properties;
	});

	const shown = (values: IDataObject) =>
		properties.filter((property) =>
			NodeHelpers.displayParameter(values as never, property, null, null),
		);
	const choices = (values: IDataObject, name: string) =>
		shown(values)
			.filter((property) => property.name === name)
			.flatMap((property) =>
				(property.options as INodePropertyOptions[]).map((option) => option.value),
			);
	const offered = (apiVersion: string) =>
		Object.fromEntries(
			choices({ apiVersion }, 'resource').map((resource) => [
				resource,
				choices({ apiVersion, resource }, 'operation'),
			]),
		);

	/** What the registry declares for a version, per resource, in the editor's order (alphabetical by name). */
	const declared = (apiVersion: string) => {
		const byResource: Record<string, string[]> = {};
		for (const { resource, operation } of [...offeredOperations(stampedRegistry, apiVersion)].sort(
			(a, b) => a.name.localeCompare(b.name),
		)) {
			(byResource[resource] ??= []).push(operation);
		}
		return byResource;
	};

	test.each(stampedRegistry.versions!.values)(
		'%s: the editor offers exactly the operations the registry declares for it',
		(apiVersion) => {
			expect(Object.keys(declared(apiVersion)).length).toBeGreaterThan(0);
			expect(offered(apiVersion)).toEqual(declared(apiVersion));
		},
	);

	test('the versions differ: each offers an operation the other lacks, and the editor hides it for the other', () => {
		const [v2, v3] = [declared('v2'), declared('v3')];
		const only = (own: Record<string, string[]>, other: Record<string, string[]>) =>
			Object.entries(own)
				.flatMap(([resource, operations]) =>
					operations
						.filter((operation) => !other[resource]?.includes(operation))
						.map((operation) => `${resource}.${operation}`),
				)
				.sort();
		expect(only(v2, v3).length).toBeGreaterThan(0);
		expect(only(v3, v2).length).toBeGreaterThan(0);
		expect(only(offered('v2'), offered('v3'))).toEqual(only(v2, v3));
		expect(only(offered('v3'), offered('v2'))).toEqual(only(v3, v2));
	});

	test('each version selects a default operation it offers', () => {
		const defaults = (apiVersion: string, resource: string) =>
			NodeHelpers.getNodeParameters(properties, { apiVersion, resource }, true, false, null, null)
				?.operation;
		expect(defaults('v2', 'tier')).toBe('getAll');
		expect(defaults('v3', 'tier')).toBe('set');
		expect(defaults('v3', 'customer')).toBe('upsert');
		expect(NodeHelpers.getNodeParameters(properties, {}, true, false, null, null)).toMatchObject({
			apiVersion: 'v2',
			resource: 'customer',
			operation: 'upsert',
		});
	});

	test('fields of one version are hidden for the other', () => {
		const names = (values: IDataObject) => shown(values).map((property) => property.name);
		expect(
			names({ apiVersion: 'v3', resource: 'points', operation: 'update', action: 'set' }),
		).toEqual(expect.arrayContaining(['setV3Notice', 'reason']));
		expect(
			names({ apiVersion: 'v2', resource: 'points', operation: 'update', action: 'set' }),
		).not.toEqual(expect.arrayContaining(['setV3Notice']));
		expect(names({ apiVersion: 'v2', resource: 'points', operation: 'update' })).not.toContain(
			'reason',
		);
		expect(names({ apiVersion: 'v3', resource: 'customer', operation: 'getAll' })).not.toContain(
			'options',
		);
		expect(names({ apiVersion: 'v2', resource: 'customer', operation: 'getAll' })).toContain(
			'options',
		);
	});

	test.each([
		[
			'customer',
			'upsert',
			'v2',
			[
				'customerId',
				'firstName',
				'lastName',
				'points',
				'pointsExpiry',
				'tags',
				'tier',
				'totalOrders',
				'totalSpend',
			],
		],
		['customer', 'upsert', 'v3', ['customerId', 'firstName', 'lastName', 'tags']],
		['loyaltyTransaction', 'create', 'v2', ['note', 'orderValue']],
		['loyaltyTransaction', 'create', 'v3', ['campaignId', 'note', 'orderValue']],
	])('%s %s on %s offers the additional fields %j', (resource, operation, apiVersion, fields) => {
		const root = { apiVersion, resource, operation };
		const collection = shown(root).find((property) => property.name === 'additionalFields')!;
		// The same fields on node version 1 (plain) and 2 (the Tier picker), each field once.
		for (const typeVersion of [1, 2]) {
			const node = { typeVersion } as never;
			const offeredFields = (collection.options as INodeProperties[])
				.filter((option) => NodeHelpers.displayParameter({}, option, node, null, root as never))
				.map((option) => option.name);
			expect(offeredFields).toEqual(fields);
		}
	});
});
