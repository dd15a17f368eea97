import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import type { ListInput } from '../returnAllLimitConcurrency';
import { listProperties, prepareListInput } from '../returnAllLimitConcurrency';
import { idKey, readStampedList } from '../../transport/lists';
import { loyaltyPath } from '../../transport/v3';

const properties: INodeProperties[] = listProperties();

/** One output item per activity of the program's points ledger (`GET /loyalty/shops/{shopId}/activities`). */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: ListInput,
	itemIndex: number,
) {
	return await readStampedList(api, {
		path: loyaltyPath(api, '/activities'),
		wanted: input,
		concurrency: input.concurrency,
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
	versions: { v3: { prepare: prepareListInput, execute } },
});
