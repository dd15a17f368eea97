import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: 'What to do with loyalty transactions',
		displayOptions: { show: { resource: ['loyaltyTransaction'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Record a reward event (a purchase or a custom type) that awards points',
				action: 'Create a loyalty transaction',
			},
		],
		default: 'create',
	},
	...create.description,
];
