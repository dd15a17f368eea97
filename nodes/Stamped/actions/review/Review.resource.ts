import type { INodeProperties } from 'n8n-workflow';

import { versionedSelector } from '../versions';
import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	...versionedSelector(
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			description: 'What to do with reviews',
			default: 'getAll',
			displayOptions: { show: { resource: ['review'] } },
			options: [
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'List product reviews, optionally only those of one customer',
					action: 'Get many reviews',
				},
			],
		},
		// Stamped has no reviews API on v3 yet.
		{ v2: ['getAll'] },
	),
	...getAll.description,
];
