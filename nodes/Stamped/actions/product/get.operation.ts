import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { findRecord } from '../../transport/v3';
import type { RecordLookup } from '../merchantRecord';
import { lookupProperties, lookupSubject, readLookup } from '../merchantRecord';

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { lookup: readLookup(this, 'product', itemIndex) };
}

/** `GET products/{productId}` by Stamped's id, else `GET products/lookup`; an unknown product is Stamped's 404. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { lookup: RecordLookup },
	itemIndex: number,
) {
	return (await findRecord(api, 'product', input.lookup.by, input.lookup.value, itemIndex))!.record;
}

export const declaration = defineOperation({
	resource: 'product',
	operation: 'get',
	name: 'Get',
	description:
		"Get one product with its variants and images, by Stamped's product ID or by your shop's, Shopify's or BigCommerce's product ID",
	action: 'Get a product',
	properties: lookupProperties('product'),
	versions: {
		v3: { prepare, execute, subjectOf: lookupSubject },
	},
});
