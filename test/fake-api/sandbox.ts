/**
 * The sandbox the playground and the end-to-end suite run against: the fake API seeded with a small, believable
 * store (customers across the tiers, their reviews, wallet passes at different points of their stamp cards).
 * The keys are the fake's own test values, never real ones.
 */
import type { FakeApiOptions } from './server';
import { STAMPED_PRIVATE_KEY, STAMPED_PUBLIC_KEY, STAMPED_STORE_HASH } from './stamped-v2';
import { STEMP_TOKEN } from './stemp';

export const SANDBOX_KEYS = {
	stamped: { publicKey: STAMPED_PUBLIC_KEY, privateKey: STAMPED_PRIVATE_KEY, storeHash: STAMPED_STORE_HASH },
	stemp: { apiToken: STEMP_TOKEN },
	/** What the trigger nodes check deliveries against (test values, like the keys). */
	stampedWebhookSecret: 'sandbox-stamped-webhook-secret',
	stempWebhookSigningSecret: 'sandbox-stemp-signing-secret',
};

export const SANDBOX_CUSTOMERS = [
	{ email: 'jane@example.com', firstName: 'Jane', lastName: 'Doe', customerId: 'shopify-1001', points: 1620, totalSpend: 1840.5, totalOrders: 14, tags: ['vip'] },
	{ email: 'ahmed@example.com', firstName: 'Ahmed', lastName: 'Khan', customerId: 'shopify-1002', points: 480, totalSpend: 512, totalOrders: 5 },
	{ email: 'li.wei@example.com', firstName: 'Li', lastName: 'Wei', customerId: 'shopify-1003', points: 35, totalSpend: 42.9, totalOrders: 1 },
	{ email: 'maria@example.com', firstName: 'María', lastName: 'García', customerId: 'shopify-1004', points: 760, totalSpend: 903.2, totalOrders: 9, tags: ['newsletter'] },
];

export const SANDBOX_REVIEWS = [
	{ reviewId: 'rev_1001', email: 'jane@example.com', rating: 5, body: 'Best coffee beans I have ordered online.', productId: 'beans-espresso', published: true },
	{ reviewId: 'rev_1002', email: 'jane@example.com', rating: 4, body: 'Great grinder, a little loud.', productId: 'grinder-pro', published: true },
	{ reviewId: 'rev_1003', email: 'ahmed@example.com', rating: 3, body: 'Arrived late, tastes fine.', productId: 'beans-house', published: false },
];

/** One pass a stamp away from a full card, one half full, one new. */
export const SANDBOX_PASSES = [
	{ walletPassId: 'wp_jane_0001', currentStamps: 9, totalStampsCollected: 29, timesCompleted: 2 },
	{ walletPassId: 'wp_ahmed_0002', currentStamps: 5, totalStampsCollected: 5 },
	{ walletPassId: 'wp_new_0003', currentStamps: 0 },
];

export function sandboxOptions(): FakeApiOptions {
	return {
		stamped: { ...SANDBOX_KEYS.stamped, customers: SANDBOX_CUSTOMERS, reviews: SANDBOX_REVIEWS },
		stemp: { token: SANDBOX_KEYS.stemp.apiToken, passes: SANDBOX_PASSES },
	};
}
