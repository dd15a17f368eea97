import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { readStampedList } from '../../transport';
import type { ListInput } from '../listOptions';
import { exportedRecords, listProperties, readListInput } from '../listOptions';

export const description = listProperties({ resource: ['customer'], operation: ['getAll'] });

export function prepare(this: IExecuteFunctions, itemIndex: number): ListInput {
	return readListInput(this, itemIndex);
}

/** One output item per customer, in Stamped's order; a customer is never output twice. */
export async function execute(this: IExecuteFunctions, api: ApiClient, input: ListInput, itemIndex: number) {
	const result = await readStampedList(api, {
		path: '/customers',
		wanted: input,
		concurrency: input.concurrency,
		key: (customer) => String(customer.email ?? '').toLowerCase(),
		itemIndex,
	});
	return exportedRecords(this, result, 'customers');
}
