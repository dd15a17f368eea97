import type { INodeProperties } from 'n8n-workflow';

import * as update from './update.operation';

export { update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: "What to do with a customer's points",
		displayOptions: { show: { resource: ['points'] } },
		options: [
			{
				name: 'Update',
				value: 'update',
				description: "Add, subtract or set a customer's loyalty points",
				action: 'Update points',
			},
		],
		default: 'update',
	},
	...update.description,
];
