import type { INodeProperties } from 'n8n-workflow';

import { versionedSelector } from '../versions';
import * as getAll from './getAll.operation';
import * as set from './set.operation';

export { getAll, set };

export const description: INodeProperties[] = [
	...versionedSelector(
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			description: 'What to do with loyalty tiers',
			default: 'getAll',
			displayOptions: { show: { resource: ['tier'] } },
			options: [
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List the tiers of the loyalty program with the points each needs (read-only)',
					action: 'Get many tiers',
				},
				{
					name: 'Set',
					value: 'set',
					description: 'Move a customer to a VIP tier of the loyalty program',
					action: 'Set the tier of a customer',
				},
			],
		},
		// API v3 has no endpoint that lists tiers (a customer's tier is on the customer); v2 cannot set one.
		{ v2: ['getAll'], v3: ['set'] },
	),
	...getAll.description,
	...set.description,
];
