import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readWanted, returnAllOrLimit } from '../../../core/descriptions';
import type { Wanted } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readStempList, usersPath } from '../../transport';

const properties: INodeProperties[] = returnAllOrLimit();

function prepare(this: IExecuteFunctions, itemIndex: number): Wanted {
	return readWanted(this, itemIndex);
}

/** One output item per user, over stemp's 0-based pages. */
async function execute(this: IExecuteFunctions, api: ApiClient, input: Wanted, itemIndex: number) {
	return await readStempList(api, usersPath(), input, itemIndex);
}

export const declaration = defineOperation({
	resource: 'user',
	operation: 'getAll',
	name: 'Get Many',
	description:
		'List the stemp users of the account, all of them or up to a limit, one output item per user',
	action: 'Get many users',
	properties,
	prepare,
	execute,
});
