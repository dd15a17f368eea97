import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import type { ListInput } from '../returnAllLimitConcurrency';
import { listProperties, prepareListInput } from '../returnAllLimitConcurrency';
import { readStampedList } from '../../transport/lists';
import { merchantRecordPath, recordIdOf } from '../../transport/v3';

const properties: INodeProperties[] = listProperties();

/**
 * One output item per order (`GET /merchant/shops/{shopId}/orders`, paged by `morePages`). Stamped's reference
 * declares no filter for this list, so none is sent.
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: ListInput,
	itemIndex: number,
) {
	return await readStampedList(api, {
		path: merchantRecordPath(api, 'order'),
		wanted: input,
		concurrency: input.concurrency,
		key: (record) => recordIdOf('order', record),
		itemIndex,
	});
}

export const declaration = defineOperation({
	resource: 'order',
	operation: 'getAll',
	name: 'Get Many',
	description:
		'List the orders Stamped holds for the shop, each with its customer, cart states and history',
	action: 'Get many orders',
	properties,
	versions: {
		v3: { prepare: prepareListInput, execute },
	},
});
