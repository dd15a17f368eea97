import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { updateRecord } from '../../transport/v3';
import type { RecordLookup } from '../merchantRecord';
import { lookupProperties, lookupSubject, readFields, readLookup } from '../merchantRecord';
import { CART_FIELD_NAMES, cartFieldOptions, lineItemsProperty, readCart } from './cart';

const properties: INodeProperties[] = [
	...lookupProperties('order'),
	{
		...lineItemsProperty,
		description:
			"The order's products after the change (e.g. without a refunded one): a JSON array of objects with productId and variantId (your shop's IDs), title, sku, quantity and price. An empty array sends a cart without products.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			"The order's totals and statuses after the change, e.g. Financial Status refunded. Stamped's order update takes a cart state only, so tags are set at create.",
		options: cartFieldOptions(false),
	},
];

interface UpdateInput {
	lookup: RecordLookup;
	cart: IDataObject;
}

function prepare(this: IExecuteFunctions, itemIndex: number): UpdateInput {
	const fields = readFields(
		this,
		'additionalFields',
		'Additional Fields',
		itemIndex,
		CART_FIELD_NAMES,
	);
	return {
		lookup: readLookup(this, 'order', itemIndex),
		cart: readCart(this, itemIndex, fields).cart,
	};
}

/**
 * `PATCH orders/{orderId}` with the new cart state (OrderCartRequest), after finding Stamped's id when the order
 * is named otherwise. Stamped records each cart state it receives (and may adjust points on it), so a PATCH that
 * failed ambiguously is not re-sent: the error says to check the order first.
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: UpdateInput,
	itemIndex: number,
) {
	return await updateRecord(api, 'order', input.lookup, input.cart, itemIndex, false);
}

export const declaration = defineOperation({
	resource: 'order',
	operation: 'update',
	name: 'Update',
	description:
		"Send an order's new cart state after a change such as a refund or a cancellation, so that Stamped adjusts the purchase points by the program's rules",
	action: 'Update an order',
	properties,
	versions: {
		v3: { prepare, execute, subjectOf: lookupSubject },
	},
});
