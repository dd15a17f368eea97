import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: 'What to do with reviews',
		displayOptions: { show: { resource: ['review'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List product reviews, optionally only those of one customer',
				action: 'Get many reviews',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
