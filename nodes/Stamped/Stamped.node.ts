import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as coupon from './actions/coupon/Coupon.resource';
import * as customer from './actions/customer/Customer.resource';
import * as loyaltyTransaction from './actions/loyaltyTransaction/LoyaltyTransaction.resource';
import * as points from './actions/points/Points.resource';
import * as reward from './actions/reward/Reward.resource';
import * as review from './actions/review/Review.resource';
import * as tier from './actions/tier/Tier.resource';
import { apiVersionProperty, versionedSelector } from './actions/versions';
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
			'Manage Stamped.io loyalty customers, points, transactions, tiers, rewards and coupons, and read product reviews',
		defaults: { name: 'Stamped' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stampedApi', required: true, testedBy: 'testStampedCredential' }],
		properties: [
			apiVersionProperty,
			...versionedSelector(
				{
					displayName: 'Resource',
					name: 'resource',
					type: 'options',
					noDataExpression: true,
					description: 'What the operation works on',
					options: [
						{ name: 'Coupon', value: 'coupon', description: 'Coupons customers received from rewards (API v3)' },
						{ name: 'Customer', value: 'customer', description: 'Loyalty customers, identified by e-mail address' },
						{ name: 'Loyalty Transaction', value: 'loyaltyTransaction', description: 'Reward events that award points' },
						{ name: 'Point', value: 'points', description: "A customer's loyalty points balance" },
						{ name: 'Review', value: 'review', description: 'Product reviews written by customers (API v2)' },
						{ name: 'Reward', value: 'reward', description: 'Rewards customers redeem with their points (API v3)' },
						{ name: 'Tier', value: 'tier', description: 'The (VIP) tiers of the loyalty program' },
					],
					default: 'customer',
				},
				{
					v2: ['customer', 'loyaltyTransaction', 'points', 'review', 'tier'],
					v3: ['coupon', 'customer', 'loyaltyTransaction', 'points', 'reward', 'tier'],
				},
			),
			...customer.description,
			...points.description,
			...loyaltyTransaction.description,
			...tier.description,
			...review.description,
			...reward.description,
			...coupon.description,
		],
	};

	methods = stampedCredentialTestMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
