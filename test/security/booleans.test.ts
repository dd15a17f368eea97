/**
 * Every on/off parameter of every node, found in the built node descriptions (top level, collections,
 * fixed collections), is read strictly: true / false, or the text "true" / "false" in any letter case, which
 * then acts exactly like the boolean; anything else is refused naming the field and the item, before any
 * request. A boolean added to a node without a case below fails the first test: give it one.
 */
import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';

import { FakeApi } from '../fake-api/server';
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../fake-api/stamped-v2';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID } from '../fake-api/stamped-v3';
import { STEMP_TOKEN } from '../fake-api/stemp';
import { loadPackage, runNode } from '../harness/engine';
import { useFastRetries } from '../harness/fast-retries';

let api: FakeApi;
beforeAll(async () => {
	api = await new FakeApi({
		stamped: {
			customers: [{ email: 'jane@example.com', firstName: 'Jane', points: 150 }],
			reviews: [
				{
					reviewId: 'r1',
					email: 'jane@example.com',
					rating: 2,
					body: 'Late delivery',
					productId: 'prod1',
					published: true,
				},
			],
		},
		stampedV3: { customers: [{ email: 'jane@example.com', firstName: 'Jane', points: 150 }] },
	}).start();
});
afterAll(async () => await api.stop());
beforeEach(() => {
	api.reset();
	seed();
});
useFastRetries();

/** One boolean parameter as the node description declares it. */
interface BooleanParameter {
	/** `node resource.operation path`, e.g. `stamped review.reply options.isPrivate`. */
	key: string;
	node: string;
	displayName: string;
	/** Where the value sits in the node's parameters, e.g. `['options', 'isPrivate']`. */
	path: string[];
}

/** Every boolean of every node of the package, as n8n loads the built package. */
async function booleanParameters(): Promise<BooleanParameter[]> {
	const loader = await loadPackage();
	const found: BooleanParameter[] = [];
	for (const node of Object.keys(loader.nodeTypes)) {
		const { description } = loader.getNode(node).type as INodeType;
		const walk = (properties: INodeProperties[], path: string[], top?: INodeProperties) => {
			for (const property of properties) {
				const owner = top ?? property;
				const here = [...path, property.name];
				if (property.type === 'boolean') {
					const show = owner.displayOptions?.show ?? {};
					const resources = (show.resource as string[] | undefined) ?? ['-'];
					const operations = (show.operation as string[] | undefined) ?? ['-'];
					for (const resource of resources)
						for (const operation of operations)
							found.push({
								key: `${node} ${resource}.${operation} ${here.join('.')}`,
								node,
								displayName: property.displayName,
								path: here,
							});
				}
				if (property.type === 'collection')
					walk(property.options as INodeProperties[], here, owner);
				if (property.type === 'fixedCollection') {
					for (const option of property.options as Array<{
						name: string;
						values: INodeProperties[];
					}>)
						walk(option.values, [...here, option.name], owner);
				}
			}
		};
		walk(description.properties, []);
	}
	return found;
}

type Credential = 'v2' | 'v3' | 'stemp';

/** How to run the operation each boolean belongs to: the credential, and the other parameters it needs. */
const CASES: Record<string, { credential: Credential; parameters: IDataObject }> = {
	'stamped customer.getAll returnAll': {
		credential: 'v2',
		parameters: { resource: 'customer', operation: 'getAll', limit: 2 },
	},
	'stamped loyaltyTransaction.getAll returnAll': {
		credential: 'v3',
		parameters: { resource: 'loyaltyTransaction', operation: 'getAll', limit: 2 },
	},
	'stamped order.create additionalFields.guestCheckout': {
		credential: 'v2',
		parameters: {
			resource: 'order',
			operation: 'create',
			email: 'jane@example.com',
			orderNumber: '1001',
			items: '[{"productId": "12", "productTitle": "Beans"}]',
		},
	},
	'stamped order.getAll returnAll': {
		credential: 'v3',
		parameters: { resource: 'order', operation: 'getAll', limit: 2 },
	},
	'stamped product.getAll returnAll': {
		credential: 'v3',
		parameters: { resource: 'product', operation: 'getAll', limit: 2 },
	},
	'stamped review.create additionalFields.recommend': {
		credential: 'v2',
		parameters: {
			resource: 'review',
			operation: 'create',
			productId: 'beans-house',
			rating: 4,
			author: 'Jane D.',
			email: 'jane@example.com',
			body: 'Tastes great.',
		},
	},
	'stamped review.getAll returnAll': {
		credential: 'v2',
		parameters: { resource: 'review', operation: 'getAll', limit: 2 },
	},
	'stamped review.getAll filters.withoutReply': {
		credential: 'v2',
		parameters: { resource: 'review', operation: 'getAll', returnAll: true },
	},
	'stamped review.reply options.isPrivate': {
		credential: 'v2',
		parameters: { resource: 'review', operation: 'reply', reviewId: 'r1', reply: 'Thank you!' },
	},
	'stamped review.reply options.sendEmail': {
		credential: 'v2',
		parameters: { resource: 'review', operation: 'reply', reviewId: 'r1', reply: 'Thank you!' },
	},
	'stamped reward.getAll returnAll': {
		credential: 'v3',
		parameters: { resource: 'reward', operation: 'getAll', limit: 2 },
	},
	'stemp stamp.getHistory returnAll': {
		credential: 'stemp',
		parameters: { resource: 'stamp', operation: 'getHistory', walletPassId: 'wp_abc456', limit: 2 },
	},
	'stemp user.getAll returnAll': {
		credential: 'stemp',
		parameters: { resource: 'user', operation: 'getAll', limit: 2 },
	},
	'stemp user.search returnAll': {
		credential: 'stemp',
		parameters: { resource: 'user', operation: 'search', query: 'example.com', limit: 2 },
	},
	'stemp notification.getAll returnAll': {
		credential: 'stemp',
		parameters: {
			resource: 'notification',
			operation: 'getAll',
			templateId: 'tpl_stamps',
			limit: 2,
		},
	},
	'stemp pass.create sendEmail': {
		credential: 'stemp',
		parameters: {
			resource: 'pass',
			operation: 'create',
			templateId: 'tpl_stamps',
			userId: 'ext-1',
		},
	},
	'stemp pass.getAll filters.installedOnly': {
		credential: 'stemp',
		parameters: { resource: 'pass', operation: 'getAll', returnAll: true },
	},
	'stemp pass.getAll returnAll': {
		credential: 'stemp',
		parameters: { resource: 'pass', operation: 'getAll', limit: 2 },
	},
	'stemp points.getHistory returnAll': {
		credential: 'stemp',
		parameters: {
			resource: 'points',
			operation: 'getHistory',
			walletPassId: 'wp_abc456',
			limit: 2,
		},
	},
	'stemp template.updateStampConfig updateFields.autoResetOnComplete': {
		credential: 'stemp',
		parameters: { resource: 'template', operation: 'updateStampConfig', templateId: 'tpl_stamps' },
	},
};

/** The state every case starts from: some history, users, passes and push messages to list. */
function seed(): void {
	api.stemp.seedHistory('wp_abc456', 30);
	api.stemp.seedPointsHistory('wp_abc456', 5);
	api.stemp.seedUsers(5);
	api.stemp.addPass({ walletPassId: 'wp_not_installed', installed: false });
	api.stemp.seedNotifications('tpl_stamps', 5);
	api.stamped.dashboard.seed(5);
}

function credentialsFor(credential: Credential) {
	if (credential === 'stemp') return { stempApi: { apiToken: STEMP_TOKEN, baseUrl: api.stempUrl } };
	return {
		stampedApi:
			credential === 'v2'
				? {
						publicKey: STAMPED_PUBLIC_KEY,
						privateKey: STAMPED_PRIVATE_KEY,
						storeHash: STAMPED_STORE_HASH,
						baseUrl: api.stampedUrl,
					}
				: {
						apiVersion: 'v3',
						privateKey: STAMPED_V3_PRIVATE_KEY,
						storeHash: STAMPED_V3_SHOP_ID,
						baseUrl: api.stampedV3Url,
					},
	};
}

/** The parameters with `value` at `path` (collections keep their other fields). */
function withValue(parameters: IDataObject, path: string[], value: unknown): IDataObject {
	const [head, ...rest] = path;
	if (rest.length === 0) return { ...parameters, [head]: value as never };
	return { ...parameters, [head]: withValue((parameters[head] ?? {}) as IDataObject, rest, value) };
}

/** Runs the boolean's operation once per input item, the boolean taken from each item's `flag`. */
async function runWithFlags(parameter: BooleanParameter, flags: unknown[]) {
	const { credential, parameters } = CASES[parameter.key];
	const apiVersion = credential === 'v3' ? { apiVersion: 'v3' } : {};
	return await runNode({
		type: parameter.node,
		parameters: withValue(
			{ ...apiVersion, ...parameters },
			parameter.path,
			'={{ $json.flag }}',
		) as never,
		credentials: credentialsFor(credential) as never,
		input: flags.map((flag) => ({ flag }) as IDataObject),
	});
}

/** What a run sent and returned, comparable between runs. */
async function observed(parameter: BooleanParameter, flag: unknown) {
	api.reset();
	seed();
	const { items, error } = await runWithFlags(parameter, [flag]);
	const requests = api.log
		.map((entry) => JSON.stringify([entry.method, entry.path, entry.query, entry.body]))
		.sort();
	// Times the fake stamps with its clock differ from run to run; everything else must be equal.
	const outputs = items.map(({ json }) => withoutTimes(json));
	return { error: error?.message, requests, items: outputs };
}

/** A value with every time the fake stamps with its clock (`createdAt`, `updatedAt`...) left out, at any depth. */
function withoutTimes(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutTimes);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([key]) => !/At$/.test(key))
			.map(([key, entry]) => [key, withoutTimes(entry)]),
	);
}

let parameters: BooleanParameter[] = [];
beforeAll(async () => {
	parameters = await booleanParameters();
});

test('every boolean parameter of every node has a case here (a new one must be added)', () => {
	expect(parameters.map((parameter) => parameter.key).sort()).toEqual(Object.keys(CASES).sort());
	expect(parameters.length).toBeGreaterThanOrEqual(10);
});

const KEYS = Object.keys(CASES);

describe.each(KEYS)('%s', (key) => {
	const parameter = () => parameters.find((candidate) => candidate.key === key)!;

	test.each([['yes'], [1], [0], ['on'], [''], [null], [' true'], [{}]])(
		'%j in the second item is refused naming the field and item 1, before any request',
		async (bad) => {
			const { error } = await runWithFlags(parameter(), [true, bad]);
			expect(error?.message).toContain(`Invalid "${parameter().displayName}" in item 1`);
			expect(error?.message).toMatch(/is not true or false/);
			expect(api.log).toHaveLength(0);
		},
	);

	test('the text "TRUE" acts as true and "False" as false: same requests, same output', async () => {
		const asTrue = await observed(parameter(), true);
		expect(asTrue.error).toBeUndefined();
		expect(await observed(parameter(), 'TRUE')).toEqual(asTrue);
		expect(await observed(parameter(), 'true')).toEqual(asTrue);
		const asFalse = await observed(parameter(), false);
		expect(asFalse.error).toBeUndefined();
		expect(await observed(parameter(), 'False')).toEqual(asFalse);
	});
});

test('a private reply whose flag arrives as the text "true" stays private', async () => {
	const reply = parameters.find(
		(candidate) => candidate.key === 'stamped review.reply options.isPrivate',
	)!;
	const { error } = await runWithFlags(reply, ['true']);
	expect(error).toBeUndefined();
	expect(api.stamped.replies).toEqual([
		expect.objectContaining({ reviewId: 'r1', isPrivate: true }),
	]);
});
