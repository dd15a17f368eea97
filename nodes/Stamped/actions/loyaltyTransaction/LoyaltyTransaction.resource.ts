import type { INodeProperties } from 'n8n-workflow';

import { versionedSelector } from '../versions';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export { create, getAll };

export const description: INodeProperties[] = [
	...versionedSelector(
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			description: 'What to do with loyalty transactions',
			default: 'create',
			displayOptions: { show: { resource: ['loyaltyTransaction'] } },
			options: [
				{
					name: 'Create',
					value: 'create',
					description: 'Record a reward event (a purchase or a custom type) that awards points',
					action: 'Create a loyalty transaction',
				},
				{
					name: 'Get Many',
					value: 'getAll',
					description: "List the loyalty program's activities: the ledger of points earned, spent and adjusted",
					action: 'Get many loyalty transactions',
				},
			],
		},
		{ v2: ['create'], v3: ['create', 'getAll'] },
	),
	...create.description,
	...getAll.description,
];
