/**
 * The Order and Product pickers ready for the v3 order and product operations: every mode's list search exists
 * on the node, and a value's mode says whether it is Stamped's ID or one of the reference's lookup keys
 * (version 1 says it with Lookup By).
 */
import type { INodeType } from 'n8n-workflow';

import { orderLocator, productLocator } from '../../nodes/Stamped/actions/recordLocators';
import { loadPackage } from '../harness/engine';
import { api, jane, stampedV3, useStampedApi } from './support';

useStampedApi();

test.each([
	['order', orderLocator, ['list', 'id', 'customOrderId', 'shopifyId', 'bigcommerceId']],
	['product', productLocator, ['list', 'id', 'customProductId', 'shopifyId', 'bigcommerceId']],
])('the %s picker: from the list, by ID, by each lookup key', async (_what, locator, modes) => {
	expect(locator.modes.map((mode) => mode.name)).toEqual(modes);
	const listSearch = ((await loadPackage()).getNode('stamped').type as INodeType).methods
		?.listSearch as Record<string, unknown>;
	const method = locator.modes[0].typeOptions?.searchListMethod;
	expect(typeof listSearch[method as string]).toBe('function');
});

const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

describe("the Lookup Value picker of node version 2 names the key; version 1's Lookup By does", () => {
	beforeEach(() => api.stampedV3.seedOrders(1, jane(), 'web-'));

	test.each([
		['list', 'stampedId'],
		['id', 'stampedId'],
		['customOrderId', 'customOrderId'],
	])('mode %s finds the order as %s does on version 1', async (mode, lookupBy) => {
		const order = [...api.stampedV3.orders.values()][0];
		const value = String(lookupBy === 'stampedId' ? order.orderId : order.customOrderId);
		const one = await stampedV3(
			{ resource: 'order', operation: 'get', lookupBy, lookupValue: value },
			{ typeVersion: 1 },
		);
		const sentByOne = api.requests().map(({ method, path, query }) => ({ method, path, query }));
		api.reset();
		api.stampedV3.seedOrders(1, jane(), 'web-');
		const two = await stampedV3(
			{ resource: 'order', operation: 'get', lookupValue: locator(mode, value) },
			{ typeVersion: 2 },
		);
		expect(one.error).toBeUndefined();
		expect(two.error).toBeUndefined();
		expect(api.requests().map(({ method, path, query }) => ({ method, path, query }))).toEqual(
			sentByOne,
		);
		expect(two.items[0].json.orderId).toBe(one.items[0].json.orderId);
	});

	test('a Stamped ID given By ID is still checked as a path segment: nothing is sent', async () => {
		const { error } = await stampedV3(
			{ resource: 'order', operation: 'get', lookupValue: locator('id', '..') },
			{ typeVersion: 2 },
		);
		expect(error?.message).toMatch(/Lookup Value/);
		expect(api.requests()).toHaveLength(0);
	});
});
