import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readWholeList } from '../../transport';

function prepare(this: IExecuteFunctions) {
	return {};
}

/** One output item per template of the organization (stemp lists them in one answer). */
async function execute(this: IExecuteFunctions, api: ApiClient, _input: object, itemIndex: number) {
	return await readWholeList(api, '/templates', itemIndex);
}

export const declaration = defineOperation({
	resource: 'template',
	operation: 'getAll',
	name: 'Get Many',
	description:
		"List the organization's pass templates (stamp cards and points cards) with their IDs and names; one output item per template",
	action: 'Get many templates',
	properties: [],
	prepare,
	execute,
});
