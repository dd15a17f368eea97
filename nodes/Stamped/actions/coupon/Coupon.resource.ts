import type { INodeProperties } from 'n8n-workflow';

import { versionedSelector } from '../versions';
import * as voidCoupon from './void.operation';

export { voidCoupon as void };

export const description: INodeProperties[] = [
	...versionedSelector(
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			description: 'What to do with coupons',
			default: 'void',
			displayOptions: { show: { resource: ['coupon'] } },
			options: [
				{
					name: 'Void',
					value: 'void',
					description: 'Void a coupon a customer received from a reward',
					action: 'Void a coupon',
				},
			],
		},
		{ v3: ['void'] },
	),
	...voidCoupon.description,
];
