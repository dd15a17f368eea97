import type { NodeRegistry } from '../../core/registry';
import { operationsOf } from '../../core/registry';
import { STAMPED_VERSION_NAMES, STAMPED_VERSIONS } from '../transport/version';
import * as operations from './operations';

/** The Stamped node's resources, operations and API versions: the one source its description and router read. */
export const stampedRegistry: NodeRegistry = {
	resources: [
		{
			value: 'coupon',
			label: 'Coupon',
			description: 'Coupons customers received from rewards',
			defaultOperation: 'void',
		},
		{
			value: 'customer',
			label: 'Customer',
			description: 'Loyalty customers, identified by e-mail address',
			defaultOperation: 'upsert',
		},
		{
			value: 'loyaltyTransaction',
			label: 'Loyalty Transaction',
			description: 'Reward events that award points',
			defaultOperation: 'create',
		},
		{
			value: 'order',
			label: 'Order',
			description:
				"Orders of the shop, on which Stamped awards purchase points by the program's rules",
			defaultOperation: 'create',
		},
		{
			value: 'points',
			label: 'Point',
			description: "A customer's loyalty points balance",
			defaultOperation: 'update',
		},
		{
			value: 'product',
			label: 'Product',
			description: "The shop's catalogue as Stamped knows it, by your own product IDs",
			defaultOperation: 'upsert',
		},
		{
			value: 'review',
			label: 'Review',
			description: 'Product reviews written by customers',
			defaultOperation: 'getAll',
		},
		{
			value: 'reviewRequest',
			label: 'Review Request',
			description: 'Review request e-mails Stamped sends buyers after an order',
			defaultOperation: 'create',
		},
		{
			value: 'reward',
			label: 'Reward',
			description: 'Rewards customers redeem with their points',
			defaultOperation: 'redeem',
		},
		{
			value: 'tier',
			label: 'Tier',
			description: 'The (VIP) tiers of the loyalty program',
			defaultOperation: 'getAll',
		},
	],
	defaultResource: 'customer',
	operations: operationsOf(operations),
	versions: { values: STAMPED_VERSIONS, names: STAMPED_VERSION_NAMES },
};
