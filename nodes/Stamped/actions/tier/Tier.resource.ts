import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: 'What to do with loyalty tiers',
		displayOptions: { show: { resource: ['tier'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the tiers of the loyalty program with the points each needs (read-only)',
				action: 'Get many tiers',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
