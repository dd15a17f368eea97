import type { NodeRegistry } from '../../core/registry';
import { operationsOf } from '../../core/registry';
import * as operations from './operations';

/** The stemp node's resources and operations: the one source its description and router read. */
export const stempRegistry: NodeRegistry = {
	resources: [
		{
			value: 'stamp',
			label: 'Stamp',
			description: 'The stamps on the card of one wallet pass',
			defaultOperation: 'add',
		},
		{
			value: 'points',
			label: 'Points',
			description:
				'The points balance of one wallet pass: earn, take off, set, redeem for a reward',
			defaultOperation: 'add',
		},
		{
			value: 'pass',
			label: 'Wallet Pass',
			description:
				"Customers' stamp and points cards in Apple and Google Wallet: issue, read, revoke, check a scanned QR code",
			defaultOperation: 'create',
		},
		{
			value: 'user',
			label: 'User',
			description:
				"The customers wallet passes belong to, found by stemp's user ID or your own external ID",
			defaultOperation: 'create',
		},
		{
			value: 'reward',
			label: 'Stamp Reward',
			description: 'The rewards a stamp card earns each time it is completed',
			defaultOperation: 'getAll',
		},
		{
			value: 'rewardTier',
			label: 'Reward Tier',
			description: 'The rewards of a points card template and the points each costs',
			defaultOperation: 'getAll',
		},
		{
			value: 'redemption',
			label: 'Points Redemption',
			description: 'Points redeemed for a reward tier: complete once handed out, or cancel',
			defaultOperation: 'complete',
		},
		{
			value: 'notification',
			label: 'Push Notification',
			description: 'Messages pushed to wallet passes on the lock screen',
			defaultOperation: 'send',
		},
		{
			value: 'template',
			label: 'Template',
			description:
				'Pass templates (stamp and points card designs) and their stamp and points settings',
			defaultOperation: 'getAll',
		},
		{
			value: 'webhookDelivery',
			label: 'Webhook Delivery',
			description: "stemp's outbox of webhook events: list, count, retry failed ones",
			defaultOperation: 'getAll',
		},
		{
			value: 'organization',
			label: 'Organization',
			description: 'The stemp organization the API token belongs to',
			defaultOperation: 'get',
		},
	],
	// Saved stamp workflows rely on it.
	defaultResource: 'stamp',
	operations: operationsOf(operations),
};
