import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as customer from './actions/customer/Customer.resource';
import * as loyaltyTransaction from './actions/loyaltyTransaction/LoyaltyTransaction.resource';
import * as points from './actions/points/Points.resource';
import * as review from './actions/review/Review.resource';
import * as tier from './actions/tier/Tier.resource';
import { stampedCredentialTestMethods } from './transport';

export class Stamped implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stamped',
		name: 'stamped',
		icon: { light: 'file:stamped.svg', dark: 'file:stamped.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Stamped.io loyalty customers, points, transactions and tiers, and read product reviews',
		defaults: { name: 'Stamped' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stampedApi', required: true, testedBy: 'testStampedCredential' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				description: 'What the operation works on',
				options: [
					{ name: 'Customer', value: 'customer', description: 'Loyalty customers, identified by e-mail address' },
					{ name: 'Loyalty Transaction', value: 'loyaltyTransaction', description: 'Reward events that award points' },
					{ name: 'Point', value: 'points', description: "A customer's loyalty points balance" },
					{ name: 'Review', value: 'review', description: 'Product reviews written by customers' },
					{ name: 'Tier', value: 'tier', description: 'The tiers of the loyalty program' },
				],
				default: 'customer',
			},
			...customer.description,
			...points.description,
			...loyaltyTransaction.description,
			...tier.description,
			...review.description,
		],
	};

	methods = stampedCredentialTestMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
