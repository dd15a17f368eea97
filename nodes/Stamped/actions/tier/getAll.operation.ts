import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readTiers } from '../../transport/lists';

const properties: INodeProperties[] = [];

function prepare(this: IExecuteFunctions) {
	return {};
}

/** One output item per tier (`{tiers: [...]}`; a bare list or another envelope is read too). */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	_input: IDataObject,
	itemIndex: number,
) {
	return await readTiers(api, itemIndex);
}

export const declaration = defineOperation({
	resource: 'tier',
	operation: 'getAll',
	name: 'Get Many',
	description: 'List the tiers of the loyalty program with the points each needs (read-only)',
	action: 'Get many tiers',
	properties,
	versions: { v2: { prepare, execute } },
});
