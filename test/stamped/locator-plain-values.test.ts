/**
 * From node version 2 the ID fields are resource locators; a workflow written by hand or by an AI builder
 * still gives a plain value there. Every locator field of the Stamped node takes it, and it means what it means
 * on version 1 (the same requests, the same output): the Lookup Value of orders and products is then looked up
 * by Lookup By's version-1 default (the custom order or product ID), since version 2 shows no Lookup By.
 */
import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';

import { loadPackage } from '../harness/engine';
import type { Version } from './support';
import { api, jane, runStamped, useStampedApi } from './support';

useStampedApi();

interface Case {
	version: Version;
	parameters: IDataObject;
	/** The locator fields it gives a plain value, as `resource.operation.field` (`collection.option` inside one). */
	fields: string[];
	setup?(): void;
}

const email = 'jane@example.com';
const orders = () => api.stampedV3.seedOrders(2, jane(), 'web-');
const products = () => api.stampedV3.seedProducts(2, 'sku-');

const CASES: Record<string, Case> = {
	'Coupon > Void': {
		version: 'v3',
		parameters: { resource: 'coupon', operation: 'void', email, couponCode: 'SEED-00000' },
		fields: ['coupon.void.email'],
		setup: () => api.stampedV3.seedRewards(1, jane()),
	},
	'Customer > Get': {
		version: 'v2',
		parameters: { resource: 'customer', operation: 'get', email },
		fields: ['customer.get.email'],
	},
	'Customer > Delete': {
		version: 'v3',
		parameters: { resource: 'customer', operation: 'delete', email },
		fields: ['customer.delete.email'],
	},
	'Customer > Create or Update with a tier': {
		version: 'v2',
		parameters: {
			resource: 'customer',
			operation: 'upsert',
			email,
			additionalFields: { tier: 'Gold' },
		},
		fields: ['customer.upsert.additionalFields.tier'],
	},
	'Loyalty Transaction > Create': {
		version: 'v2',
		parameters: { resource: 'loyaltyTransaction', operation: 'create', email, points: 5 },
		fields: ['loyaltyTransaction.create.email'],
	},
	'Loyalty Transaction > Trigger Rule': {
		version: 'v3',
		parameters: {
			resource: 'loyaltyTransaction',
			operation: 'triggerRule',
			email,
			ruleId: 'rule-newsletter',
		},
		fields: ['loyaltyTransaction.triggerRule.email'],
	},
	'Order > Get': {
		version: 'v3',
		parameters: { resource: 'order', operation: 'get', lookupValue: 'web-00001' },
		fields: ['order.get.lookupValue'],
		setup: orders,
	},
	'Order > Update': {
		version: 'v3',
		parameters: {
			resource: 'order',
			operation: 'update',
			lookupValue: 'web-00001',
			additionalFields: { financialStatus: 'refunded' },
		},
		fields: ['order.update.lookupValue'],
		setup: orders,
	},
	'Order > Delete': {
		version: 'v3',
		parameters: { resource: 'order', operation: 'delete', lookupValue: 'web-00000' },
		fields: ['order.delete.lookupValue'],
		setup: orders,
	},
	'Point > Update': {
		version: 'v3',
		parameters: { resource: 'points', operation: 'update', email, action: 'add', points: 5 },
		fields: ['points.update.email'],
	},
	'Product > Get': {
		version: 'v3',
		parameters: { resource: 'product', operation: 'get', lookupValue: 'sku-00001' },
		fields: ['product.get.lookupValue'],
		setup: products,
	},
	'Product > Update': {
		version: 'v3',
		parameters: {
			resource: 'product',
			operation: 'update',
			lookupValue: 'sku-00001',
			updateFields: { title: 'Renamed' },
		},
		fields: ['product.update.lookupValue'],
		setup: products,
	},
	'Product > Delete': {
		version: 'v3',
		parameters: { resource: 'product', operation: 'delete', lookupValue: 'sku-00000' },
		fields: ['product.delete.lookupValue'],
		setup: products,
	},
	'Review > Get': {
		version: 'v2',
		parameters: { resource: 'review', operation: 'get', reviewId: 'rev12' },
		fields: ['review.get.reviewId'],
	},
	'Review > Reply': {
		version: 'v2',
		parameters: { resource: 'review', operation: 'reply', reviewId: 'rev12', reply: 'Thanks!' },
		fields: ['review.reply.reviewId'],
	},
	'Reward > Redeem': {
		version: 'v3',
		parameters: { resource: 'reward', operation: 'redeem', email, rewardId: 'rwd-5off' },
		fields: ['reward.redeem.email', 'reward.redeem.rewardId'],
	},
	'Tier > Set': {
		version: 'v3',
		parameters: { resource: 'tier', operation: 'set', email, tierName: 'Gold' },
		fields: ['tier.set.email'],
	},
};

async function run(theCase: Case, typeVersion: number) {
	api.reset();
	jane().points = 5000;
	theCase.setup?.();
	const { error, items } = await runStamped(theCase.version, theCase.parameters, { typeVersion });
	const sent = api
		.requests()
		.map(({ method, path, query, body }) => ({ method, path, query, body }));
	return { error, json: items.map((item) => item.json), sent };
}

test.each(Object.entries(CASES))(
	'%s: a plain value on version 2 is taken as on version 1',
	async (_name, theCase) => {
		const one = await run(theCase, 1);
		const two = await run(theCase, 2);
		expect(one.error).toBeUndefined();
		expect(one.sent.length).toBeGreaterThan(0);
		expect(two.error).toBeUndefined();
		expect(two.sent).toEqual(one.sent);
		expect(two.json).toEqual(one.json);
	},
);

test('the cases hold every locator field of the node', async () => {
	const nodeType = (await loadPackage()).getNode('stamped').type as INodeType;
	const fields = new Set<string>();
	const add = (property: INodeProperties, name: string) => {
		const show = property.displayOptions?.show ?? {};
		for (const resource of (show.resource as string[]) ?? [])
			for (const operation of (show.operation as string[]) ?? [])
				fields.add(`${resource}.${operation}.${name}`);
	};
	for (const property of nodeType.description.properties) {
		if (property.type === 'resourceLocator') add(property, property.name);
		for (const option of (property.options ?? []) as INodeProperties[])
			if (option.type === 'resourceLocator') add(property, `${property.name}.${option.name}`);
	}
	expect(fields.size).toBeGreaterThan(0);
	expect(new Set(Object.values(CASES).flatMap((theCase) => theCase.fields))).toEqual(fields);
});
