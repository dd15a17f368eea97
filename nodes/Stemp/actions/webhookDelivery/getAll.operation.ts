import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readWholeList } from '../../transport';
import { readCollection, readStatusFilter } from '../fields';

const STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only the events that match the filter added',
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'FAILED',
				options: [
					{ name: 'Delivered', value: 'DELIVERED', description: 'The endpoint accepted it' },
					{
						name: 'Failed',
						value: 'FAILED',
						description: 'Every attempt failed; Retry sends it again',
					},
					{
						name: 'Pending',
						value: 'PENDING',
						description: 'Waiting to be sent, or to be retried',
					},
				],
				description: 'Only the deliveries in this state',
			},
		],
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	const filters = readCollection(this, 'filters', 'Filters', itemIndex, ['status']);
	const status = readStatusFilter(this, filters.status, itemIndex, STATUSES);
	return { qs: (status ? { status } : {}) as IDataObject };
}

/** One output item per event in stemp's webhook outbox (its type, endpoint, status, attempts, last error). */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { qs: IDataObject },
	itemIndex: number,
) {
	return await readWholeList(api, '/webhooks/outbox', itemIndex, { qs: input.qs });
}

export const declaration = defineOperation({
	resource: 'webhookDelivery',
	operation: 'getAll',
	name: 'Get Many',
	description:
		"List the webhook events in stemp's outbox (event type, endpoint, pending, delivered or failed, attempts and last error), e.g. the failed ones to retry; one output item per event",
	action: 'Get many webhook deliveries',
	properties,
	prepare,
	execute,
});
