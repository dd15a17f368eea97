import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { apiVersionOf, readStampedList } from '../../transport';
import { merchantPath, readV3List } from '../../transport/v3';
import type { ListInput } from '../listOptions';
import { exportedRecords, listProperties, readListInput } from '../listOptions';

export const description = listProperties({ resource: ['customer'], operation: ['getAll'] });

export function prepare(this: IExecuteFunctions, itemIndex: number): ListInput {
	return readListInput(this, itemIndex);
}

/** One output item per customer, in Stamped's order; a customer is never output twice. */
export async function execute(this: IExecuteFunctions, api: ApiClient, input: ListInput, itemIndex: number) {
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
