import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { updateRecord } from '../../transport/v3';
import type { RecordLookup } from '../merchantRecord';
import { lookupProperties, lookupSubject, readFields, readLookup } from '../merchantRecord';
import {
	PRODUCT_FIELD_NAMES,
	productBody,
	productFieldOptions,
	productIdProperty,
	titleProperty,
} from './fields';

const updateOptions: INodeProperties[] = [
	{
		...productIdProperty,
		required: false,
		description: "Your shop's own ID of the product (customProductId), to change it",
	},
	{ ...titleProperty, required: false },
	...productFieldOptions,
].sort((a, b) => a.displayName.localeCompare(b.displayName));

const properties: INodeProperties[] = [
	...lookupProperties('product'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change; fields not set stay as they are',
		options: updateOptions,
	},
];

interface UpdateInput {
	lookup: RecordLookup;
	body: IDataObject;
}

function prepare(this: IExecuteFunctions, itemIndex: number): UpdateInput {
	const fields = readFields(this, 'updateFields', 'Update Fields', itemIndex, [
		'productId',
		'title',
		...PRODUCT_FIELD_NAMES,
	]);
	const body = productBody(this, fields, itemIndex);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), `Nothing to update in item ${itemIndex}`, {
			itemIndex,
			description: 'Add at least one field under "Update Fields". Nothing was sent.',
		});
	}
	return { lookup: readLookup(this, 'product', itemIndex), body };
}

/**
 * `PATCH products/{productId}` with the fields set, after finding Stamped's id when the product is named
 * otherwise. The same fields sent twice leave the product as once, so the PATCH is retried like a read.
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: UpdateInput,
	itemIndex: number,
) {
	return await updateRecord(api, 'product', input.lookup, input.body, itemIndex, true);
}

export const declaration = defineOperation({
	resource: 'product',
	operation: 'update',
	name: 'Update',
	description:
		"Change fields of a product in Stamped, found by Stamped's product ID or by your shop's, Shopify's or BigCommerce's product ID",
	action: 'Update a product',
	properties,
	versions: {
		v3: { prepare, execute, subjectOf: lookupSubject },
	},
});
