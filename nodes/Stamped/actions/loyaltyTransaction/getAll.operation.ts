import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readWanted, returnAllOrLimit } from '../../../core/descriptions';
import type { Wanted } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { idKey, readStampedList } from '../../transport/lists';
import { loyaltyPath } from '../../transport/v3';

const properties: INodeProperties[] = returnAllOrLimit();

function prepare(this: IExecuteFunctions, itemIndex: number): Wanted {
	return readWanted(this, itemIndex);
}

/** One output item per activity of the program's points ledger (`GET /loyalty/shops/{shopId}/activities`). */
async function execute(this: IExecuteFunctions, api: ApiClient, input: Wanted, itemIndex: number) {
	return await readStampedList(api, {
		path: loyaltyPath(api, '/activities'),
		wanted: input,
		key: (activity) => idKey(activity.activityId),
		itemIndex,
	});
}

export const declaration = defineOperation({
	resource: 'loyaltyTransaction',
	operation: 'getAll',
	name: 'Get Many',
	description:
		"List the loyalty program's activities: the ledger of points earned, spent and adjusted",
	action: 'Get many loyalty transactions',
	properties,
	versions: { v3: { prepare, execute } },
});
