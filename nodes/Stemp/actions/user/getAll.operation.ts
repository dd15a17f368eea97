import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../core/descriptions';
import { collectSequentialPages, MAX_PAGE_SIZE, readPage } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireInteger } from '../../../core/validation';
import { usersPath } from '../../transport';

const properties: INodeProperties[] = returnAllOrLimit();

function prepare(this: IExecuteFunctions, itemIndex: number) {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return {
		returnAll,
		limit: returnAll
			? 0
			: requireInteger(
					this.getNode(),
					this.getNodeParameter('limit', itemIndex, 50),
					'Limit',
					itemIndex,
					{ min: 1 },
				),
	};
}

/** One output item per user, over stemp's 0-based pages. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { returnAll: boolean; limit: number },
	itemIndex: number,
) {
	return await collectSequentialPages(input, MAX_PAGE_SIZE, async (page, size) =>
		readPage(
			await api.request({
				method: 'GET',
				path: usersPath(),
				qs: { page, size },
				idempotent: true,
				itemIndex,
			}),
		),
	);
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
