import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { deleteRecord } from '../../transport/v3';
import type { RecordLookup } from '../merchantRecord';
import { lookupProperties, lookupSubject, readLookup } from '../merchantRecord';

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { lookup: readLookup(this, 'product', itemIndex) };
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { lookup: RecordLookup },
	itemIndex: number,
) {
	return await deleteRecord(api, 'product', input.lookup.by, input.lookup.value, itemIndex);
}

export const declaration = defineOperation({
	resource: 'product',
	operation: 'delete',
	name: 'Delete',
	description:
		'Delete a product from Stamped; the output says whether Stamped kept it as deleted (softDelete)',
	action: 'Delete a product',
	properties: lookupProperties('product'),
	versions: {
		v3: { prepare, execute, subjectOf: lookupSubject },
	},
});
