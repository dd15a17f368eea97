import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import type { ListInput } from '../returnAllLimitConcurrency';
import { listProperties, prepareListInput } from '../returnAllLimitConcurrency';
import { readRewards } from '../../transport/lists';

const properties: INodeProperties[] = listProperties();

/** One output item per reward (`GET /loyalty/shops/{shopId}/rewards`), in Stamped's order. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: ListInput,
	itemIndex: number,
) {
	return await readRewards(api, input, itemIndex, input.concurrency);
}

export const declaration = defineOperation({
	resource: 'reward',
	operation: 'getAll',
	name: 'Get Many',
	description:
		"List the loyalty program's rewards as Stamped reports them: each with its reward ID, title, type, value, coupon code and status",
	action: 'Get many rewards',
	properties,
	versions: { v3: { prepare: prepareListInput, execute } },
});
