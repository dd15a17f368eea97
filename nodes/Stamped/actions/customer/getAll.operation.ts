import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { apiVersionOf, readStampedList } from '../../transport';
import { merchantPath, readV3List } from '../../transport/v3';
import type { ListInput } from '../listOptions';
import { exportedRecords, listProperties, readListInput } from '../listOptions';

const properties: INodeProperties[] = listProperties();

function prepare(this: IExecuteFunctions, itemIndex: number): ListInput {
	return readListInput(this, itemIndex);
}

/** One output item per customer, in Stamped's order; a customer is never output twice. */
async function execute(this: IExecuteFunctions, api: ApiClient, input: ListInput, itemIndex: number) {
	if (apiVersionOf(api) === 'v3') {
		return await readV3List(api, {
			path: merchantPath(api, '/customers'),
			wanted: input,
			identify: (customer) => customer.customerId,
			itemIndex,
		});
	}
	const result = await readStampedList(api, {
		path: '/customers',
		wanted: input,
		concurrency: input.concurrency,
		key: (customer) => String(customer.email ?? '').toLowerCase(),
		itemIndex,
	});
	return exportedRecords(this, result, 'customers');
}

export const declaration = defineOperation({
	resource: 'customer',
	operation: 'getAll',
	versions: ['v2', 'v3'],
	name: 'Get Many',
	description: 'List customers with their points, tier and totals',
	action: 'Get many customers',
	properties,
	prepare,
	execute,
});
