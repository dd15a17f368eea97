/**
 * The Stamped API versions: the credential alone decides which API is called (a saved node's hidden API Version
 * changes nothing), an operation or field the credential's version lacks fails before anything is sent, naming
 * both versions, and the editor offers every operation once, saying which versions offer it.
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
		['no API Version (a new node)', '', 'v3', 'stampedV3'],
		['v2 (saved before the credential alone decided)', 'v2', 'v3', 'stampedV3'],
		['v3 (saved before the credential alone decided)', 'v3', 'v2', 'stamped'],
	])(
		'a node with %s runs a shared operation on its %s credential, without a hint',
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
			expect(hints).toEqual([]);
		},
	);

	test.each([
		['lookup', 'customer', { lookupValue: 'jane@example.com' }],
		['redeem', 'reward', { email: 'jane@example.com', rewardId: 'rwd-5off' }],
	])(
		'a v3-only operation (%s) saved without any node API Version runs on a v3 credential',
		async (operation, resource, parameters) => {
			const { error } = await stampedV3({ apiVersion: '', resource, operation, ...parameters });
			expect(error?.message ?? '').not.toContain('is offered by');
			expect(api.requests().length).toBeGreaterThan(0);
			expect(api.requests().every((request) => request.vendor === 'stampedV3')).toBe(true);
		},
	);

	test('a v3 workflow saved with Tier left at its v3 default operation still sets the tier', async () => {
		// Before the credential alone decided, a node set to v3 started Tier on Set and n8n saved no default,
		// so such a workflow reads as the one selector's default (Get Many) now.
		const { error, items } = await stampedV3({
			apiVersion: 'v3',
			resource: 'tier',
			email: 'jane@example.com',
			tierName: 'Gold',
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(api.requests().at(-1)).toMatchObject({ method: 'POST', body: { tierName: 'Gold' } });
		expect(api.requests().at(-1)?.path).toMatch(/\/adjust-vip-tier$/);
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

	test('an unknown operation of a v3-only resource is refused on a v2 credential, naming both', async () => {
		const { error } = await stampedV3(
			{
				resource: 'reward',
				operation: 'explode',
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

describe('what the editor offers: every operation once, whatever any API Version says', () => {
	let properties: INodeProperties[];
	beforeAll(async () => {
		properties = ((await loadPackage()).getNode('stamped').type as INodeType).description
			.properties;
	});

	const shown = (values: IDataObject) =>
		properties.filter((property) =>
			NodeHelpers.displayParameter(values as never, property, { typeVersion: 2 }, null),
		);
	const options = (values: IDataObject, name: string) =>
		shown(values)
			.filter((property) => property.name === name)
			.flatMap((property) => property.options as INodePropertyOptions[]);
	const offered = (values: IDataObject) =>
		Object.fromEntries(
			options(values, 'resource').map(({ value: resource }) => [
				resource,
				options({ ...values, resource }, 'operation').map((option) => option.value),
			]),
		);

	/** Every declared operation, per resource, in the editor's order (alphabetical by name). */
	const declared = () => {
		const byResource: Record<string, string[]> = {};
		for (const { resource, operation } of [...stampedRegistry.operations].sort((a, b) =>
			a.name.localeCompare(b.name),
		)) {
			(byResource[resource] ??= []).push(operation);
		}
		return byResource;
	};

	test.each([{}, { apiVersion: 'v2' }, { apiVersion: 'v3' }])(
		'with %j the editor offers every declared operation, under one Resource and one Operation selector',
		(values) => {
			expect(offered(values)).toEqual(declared());
			expect(shown(values).filter((property) => property.name === 'resource')).toHaveLength(1);
			expect(
				shown({ ...values, resource: 'customer' }).filter(
					(property) => property.name === 'operation',
				),
			).toHaveLength(1);
		},
	);

	test.each(stampedRegistry.operations.map((declaration) => [declaration]))(
		'$resource $operation says which API versions offer it',
		(declaration) => {
			const description = options({ resource: declaration.resource }, 'operation').find(
				(option) => option.value === declaration.operation,
			)!.description;
			const versions = offeredOperations(stampedRegistry, 'v2').includes(declaration)
				? offeredOperations(stampedRegistry, 'v3').includes(declaration)
					? 'both'
					: 'v2'
				: 'v3';
			if (versions === 'v2') expect(description).toMatch(/\(API v2 only\)$/);
			if (versions === 'v3') expect(description).toMatch(/\(Loyalty 2\.0 \(API v3\) only\)$/);
			if (versions === 'both') expect(description).not.toMatch(/only\)$/);
		},
	);

	test('a resource only one version offers says so', () => {
		const described = Object.fromEntries(
			options({}, 'resource').map((option) => [option.value, option.description]),
		);
		expect(described.coupon).toMatch(/\(Loyalty 2\.0 \(API v3\) only\)$/);
		expect(described.reviewRequest).toMatch(/\(API v2 only\)$/);
		expect(described.customer).not.toMatch(/only\)$/);
	});

	test('the defaults are those saved workflows rely on', () => {
		const defaults = (values: IDataObject) =>
			NodeHelpers.getNodeParameters(properties, values as never, true, false, null, null);
		expect(defaults({})).toMatchObject({
			apiVersion: '',
			resource: 'customer',
			operation: 'upsert',
		});
		expect(defaults({ resource: 'tier' })?.operation).toBe('getAll');
		expect(defaults({ resource: 'reward' })?.operation).toBe('redeem');
		expect(properties.find((property) => property.name === 'apiVersion')?.type).toBe('hidden');
	});

	test('fields only one version uses are shown always, and say which', () => {
		const field = (values: IDataObject, name: string) =>
			shown(values).find((property) => property.name === name);
		const set = { resource: 'points', operation: 'update', action: 'set' };
		expect(field(set, 'setNotice')?.displayName).toMatch(/^API v2: /);
		expect(field(set, 'setV3Notice')?.displayName).toMatch(/^Loyalty 2\.0 \(API v3\): /);
		expect(field(set, 'reason')?.description).toMatch(/^Loyalty 2\.0 \(API v3\) only\. /);
		expect(field({ resource: 'customer', operation: 'getAll' }, 'filters')?.description).toMatch(
			/^Loyalty 2\.0 \(API v3\) only\. /,
		);
		const concurrency = (
			field({ resource: 'customer', operation: 'getAll' }, 'options')!.options as INodeProperties[]
		).find((option) => option.name === 'concurrency');
		// Both versions use Concurrency: v2 reads pages side by side, v3 asks for the next pages ahead.
		expect(concurrency?.description).not.toMatch(/ only\. /);
		expect(concurrency?.description).toMatch(/on API v2 .*, on API v3 /);
	});

	test.each([
		[
			'customer',
			'upsert',
			{
				customerId: '',
				firstName: '',
				lastName: '',
				points: 'API v2',
				pointsExpiry: 'API v2',
				tags: '',
				tier: 'API v2',
				totalOrders: 'API v2',
				totalSpend: 'API v2',
			},
		],
		[
			'loyaltyTransaction',
			'create',
			{ campaignId: 'Loyalty 2.0 (API v3)', note: '', orderValue: '' },
		],
	])(
		'%s %s offers every additional field, each saying which versions use it',
		(resource, operation, fields) => {
			const root = { resource, operation };
			const collection = shown(root).find((property) => property.name === 'additionalFields')!;
			// The same fields on node version 1 (plain) and 2 (the Tier picker), each field once.
			for (const typeVersion of [1, 2]) {
				const offeredFields = (collection.options as INodeProperties[]).filter((option) =>
					NodeHelpers.displayParameter({}, option, { typeVersion }, null, root as never),
				);
				expect(
					Object.fromEntries(
						offeredFields.map((option) => [
							option.name,
							/^(API v2|Loyalty 2\.0 \(API v3\)) only\. /.exec(option.description ?? '')?.[1] ?? '',
						]),
					),
				).toEqual(fields);
				expect(offeredFields).toHaveLength(Object.keys(fields).length);
			}
		},
	);
});
