import type { INodeProperties } from 'n8n-workflow';

import { versionedSelector } from '../versions';
import * as deleteCustomer from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as lookup from './lookup.operation';
import * as upsert from './upsert.operation';

export { deleteCustomer as delete, get, getAll, lookup, upsert };

export const description: INodeProperties[] = [
	...versionedSelector(
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			description: 'What to do with loyalty customers',
			default: 'upsert',
			displayOptions: { show: { resource: ['customer'] } },
			options: [
				{
					name: 'Create or Update',
					value: 'upsert',
					description: 'Create a new record, or update the current one if it already exists (upsert)',
					action: 'Create or update a customer',
				},
				{
					name: 'Delete',
					value: 'delete',
					description: 'Permanently delete a customer and all their loyalty data',
					action: 'Delete a customer',
				},
				{
					name: 'Get',
					value: 'get',
					description: 'Get a customer by e-mail address',
					action: 'Get a customer',
				},
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List customers with their points, tier and totals',
					action: 'Get many customers',
				},
				{
					name: 'Lookup',
					value: 'lookup',
					description: 'Find a customer by e-mail address, custom customer ID, Shopify ID or BigCommerce ID',
					action: 'Look up a customer',
				},
			],
		},
		{ v2: ['upsert', 'delete', 'get', 'getAll'], v3: ['upsert', 'delete', 'get', 'getAll', 'lookup'] },
	),
	...upsert.description,
	...deleteCustomer.description,
	...get.description,
	...getAll.description,
	...lookup.description,
];
