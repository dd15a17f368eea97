import type { INodeProperties } from 'n8n-workflow';

import { versionedSelector } from '../versions';
import * as redeem from './redeem.operation';

export { redeem };

export const description: INodeProperties[] = [
	...versionedSelector(
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			description: 'What to do with rewards',
			default: 'redeem',
			displayOptions: { show: { resource: ['reward'] } },
			options: [
				{
					name: 'Redeem',
					value: 'redeem',
					description: "Redeem a reward for a customer, paid with the customer's points",
					action: 'Redeem a reward',
				},
			],
		},
		{ v3: ['redeem'] },
	),
	...redeem.description,
];
