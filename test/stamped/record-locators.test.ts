/**
 * The Order and Product pickers ready for the v3 order and product operations: every mode's list search exists
 * on the node, and a value's mode says whether it is Stamped's ID or one of the reference's lookup keys.
 */
import type { INodeType } from 'n8n-workflow';

import {
	orderLocator,
	productLocator,
	v3RecordReference,
} from '../../nodes/Stamped/actions/recordLocators';
import { loadPackage } from '../harness/engine';

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

test.each([
	[undefined, { by: 'id', id: 'ord_1' }],
	['list', { by: 'id', id: 'ord_1' }],
	['id', { by: 'id', id: 'ord_1' }],
	['customOrderId', { by: 'lookup', key: 'customOrderId', value: 'ord_1' }],
	['shopifyId', { by: 'lookup', key: 'shopifyId', value: 'ord_1' }],
	['bigcommerceId', { by: 'lookup', key: 'bigcommerceId', value: 'ord_1' }],
	['customProductId', { by: 'lookup', key: 'customProductId', value: 'ord_1' }],
	['__proto__', { by: 'id', id: 'ord_1' }],
])('a value given in mode %s is found %j', (mode, expected) => {
	expect(v3RecordReference(mode, 'ord_1')).toEqual(expected);
});
