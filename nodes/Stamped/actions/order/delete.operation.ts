import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import type { MerchantRecordKind } from '../../transport/v3';
import { deleteRecord } from '../../transport/v3';
import type { RecordLookup } from '../merchantRecord';
import { lookupProperties, lookupSubject, readLookup } from '../merchantRecord';

const kind: MerchantRecordKind = 'order';

const properties: INodeProperties[] = lookupProperties(kind);

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { lookup: readLookup(this, kind, itemIndex) };
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { lookup: RecordLookup },
	itemIndex: number,
) {
	return await deleteRecord(api, kind, input.lookup.by, input.lookup.value, itemIndex);
}

export const declaration = defineOperation({
	resource: 'order',
	operation: 'delete',
	name: 'Delete',
	description:
		'Delete an order from Stamped; the output says whether Stamped kept it as deleted (softDelete)',
	action: 'Delete an order',
	properties,
	versions: {
		v3: { prepare, execute, subjectOf: lookupSubject },
	},
});
