import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { findRecord } from '../../transport/v3';
import type { RecordLookup } from '../merchantRecord';
import { lookupProperties, lookupSubject, readLookup } from '../merchantRecord';

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { lookup: readLookup(this, 'order', itemIndex) };
}

/** `GET orders/{orderId}` by Stamped's id, else `GET orders/lookup`; an unknown order is Stamped's 404. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { lookup: RecordLookup },
	itemIndex: number,
) {
	return (await findRecord(api, 'order', input.lookup.by, input.lookup.value, itemIndex))!.record;
}

export const declaration = defineOperation({
	resource: 'order',
	operation: 'get',
	name: 'Get',
	description:
		"Get one order with its cart states and history, by Stamped's order ID or by your shop's, Shopify's or BigCommerce's order ID",
	action: 'Get an order',
	properties: lookupProperties('order'),
	versions: {
		v3: { prepare, execute, subjectOf: lookupSubject },
	},
});
