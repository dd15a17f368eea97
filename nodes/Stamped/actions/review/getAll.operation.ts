import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireEmail } from '../../../core/validation';
import { readStampedList } from '../../transport';
import type { ListInput } from '../listOptions';
import { exportedRecords, listProperties, readListInput } from '../listOptions';

const properties: INodeProperties[] = [
	...listProperties(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Which reviews to return',
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Only reviews written by the customer with this e-mail address, across all products',
			},
		],
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number): ListInput & { email?: string } {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const email = filters.email ? requireEmail(this.getNode(), filters.email, 'Email', itemIndex) : undefined;
	return { ...readListInput(this, itemIndex), email };
}

/** One output item per review. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: ListInput & { email?: string },
	itemIndex: number,
) {
	const result = await readStampedList(api, {
		path: '/reviews',
		qs: input.email ? { email: input.email } : undefined,
		wanted: input,
		concurrency: input.concurrency,
		key: (review) => String(review.reviewId ?? review.id ?? JSON.stringify(review)),
		itemIndex,
	});
	return exportedRecords(this, result, 'reviews');
}

export const declaration = defineOperation({
	resource: 'review',
	operation: 'getAll',
	versions: ['v2'],
	name: 'Get Many',
	description: 'List product reviews, optionally only those of one customer',
	action: 'Get many reviews',
	properties,
	prepare,
	execute,
});
