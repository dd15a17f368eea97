/**
 * The sandbox the playground and the end-to-end suite run against: the fake API seeded with a small, believable
 * store (customers across the tiers, their reviews, wallet passes at different points of their stamp cards).
 * The keys are the fake's own test values, never real ones.
 */
import type { FakeApiOptions } from './server';
import type { Review } from './stamped-v2';
import { STAMPED_PRIVATE_KEY, STAMPED_PUBLIC_KEY, STAMPED_STORE_HASH } from './stamped-v2';
import { STAMPED_V3_PRIVATE_KEY, STAMPED_V3_SHOP_ID } from './stamped-v3';
import type { SeedUser } from './stemp';
import { POINTS_TEMPLATE_ID, STEMP_TOKEN } from './stemp';

export const SANDBOX_KEYS = {
	stamped: {
		publicKey: STAMPED_PUBLIC_KEY,
		privateKey: STAMPED_PRIVATE_KEY,
		storeHash: STAMPED_STORE_HASH,
	},
	/** A shop on Stamped Loyalty 2.0 (API v3): the private key alone, sent as `stamped-api-key`. */
	stampedV3: {
		apiVersion: 'v3',
		privateKey: STAMPED_V3_PRIVATE_KEY,
		storeHash: STAMPED_V3_SHOP_ID,
	},
	stemp: { apiToken: STEMP_TOKEN },
	/** What the trigger nodes check deliveries against (test values, like the keys). */
	stampedWebhookSecret: 'sandbox-stamped-webhook-secret',
	stempWebhookSigningSecret: 'sandbox-stemp-signing-secret',
};

export const SANDBOX_CUSTOMERS = [
	{
		email: 'jane@example.com',
		firstName: 'Jane',
		lastName: 'Doe',
		customerId: 'shopify-1001',
		points: 1620,
		totalSpend: 1840.5,
		totalOrders: 14,
		tags: ['vip'],
	},
	{
		email: 'ahmed@example.com',
		firstName: 'Ahmed',
		lastName: 'Khan',
		customerId: 'shopify-1002',
		points: 480,
		totalSpend: 512,
		totalOrders: 5,
	},
	{
		email: 'li.wei@example.com',
		firstName: 'Li',
		lastName: 'Wei',
		customerId: 'shopify-1003',
		points: 35,
		totalSpend: 42.9,
		totalOrders: 1,
	},
	{
		email: 'maria@example.com',
		firstName: 'María',
		lastName: 'García',
		customerId: 'shopify-1004',
		points: 760,
		totalSpend: 903.2,
		totalOrders: 9,
		tags: ['newsletter'],
	},
];

export const SANDBOX_REVIEWS: Review[] = [
	{
		reviewId: 'rev_1001',
		email: 'jane@example.com',
		rating: 5,
		body: 'Best coffee beans I have ordered online.',
		productId: 'beans-espresso',
		published: true,
		author: 'Jane D.',
		title: 'Perfect espresso',
		productTitle: 'Espresso Beans',
		dateCreated: '2026-03-02T09:15:00Z',
		reply: 'Thank you, Jane!',
		dateReplied: '2026-03-02T12:00:00Z',
	},
	{
		reviewId: 'rev_1002',
		email: 'jane@example.com',
		rating: 4,
		body: 'Great grinder, a little loud.',
		productId: 'grinder-pro',
		published: true,
		author: 'Jane D.',
		title: 'Great grinder',
		productTitle: 'Grinder Pro',
		dateCreated: '2026-03-05T18:40:00Z',
	},
	{
		reviewId: 'rev_1003',
		email: 'ahmed@example.com',
		rating: 3,
		body: 'Arrived late, tastes fine.',
		productId: 'beans-house',
		published: false,
		author: 'Ahmed K.',
		title: 'Late delivery',
		productTitle: 'House Blend',
		dateCreated: '2026-03-08T07:05:00Z',
	},
	{
		reviewId: 'rev_1004',
		email: 'li.wei@example.com',
		rating: 1,
		body: 'The bag was torn and half the beans were gone.',
		productId: 'beans-house',
		published: true,
		author: 'Li W.',
		title: 'Torn bag',
		productTitle: 'House Blend',
		dateCreated: '2026-03-10T14:22:00Z',
		verifiedType: 2,
	},
	{
		reviewId: 'rev_1005',
		email: 'sam@example.org',
		rating: 2,
		body: 'Too bitter for my taste.',
		productId: 'beans-espresso',
		published: true,
		author: 'Sam',
		title: 'Bitter',
		productTitle: 'Espresso Beans',
		dateCreated: '2026-03-11T10:00:00Z',
		reply: 'Sorry to hear that, Sam: try a coarser grind.',
		dateReplied: '2026-03-11T16:30:00Z',
	},
	{
		reviewId: 'rev_1006',
		email: 'maria@example.com',
		rating: 5,
		body: 'My morning ritual.',
		productId: 'grinder-pro',
		published: true,
		author: 'María G.',
		title: 'Love it',
		productTitle: 'Grinder Pro',
		dateCreated: '2026-03-12T08:45:00Z',
		reviewState: 6,
	},
];

/** The same shoppers in a Loyalty 2.0 (API v3) shop. */
export const SANDBOX_V3_CUSTOMERS = [
	{
		email: 'jane@example.com',
		firstName: 'Jane',
		lastName: 'Doe',
		customCustomerId: 'shopify-1001',
		shopifyId: '1001',
		points: 1620,
		vipTier: 'Gold',
		tags: ['vip'],
	},
	{
		email: 'ahmed@example.com',
		firstName: 'Ahmed',
		lastName: 'Khan',
		customCustomerId: 'shopify-1002',
		shopifyId: '1002',
		points: 480,
		vipTier: 'Bronze',
	},
	{
		email: 'maria@example.com',
		firstName: 'María',
		lastName: 'García',
		customCustomerId: 'shopify-1004',
		shopifyId: '1004',
		points: 760,
		vipTier: 'Silver',
		tags: ['newsletter'],
	},
];

/** The shop's catalogue as Stamped knows it (API v3), by the shop's own product ids. */
export const SANDBOX_V3_PRODUCTS = [
	{
		customProductId: 'beans-espresso',
		title: 'Espresso Beans',
		vendor: 'Roastery',
		type: 'Coffee',
		handle: 'espresso-beans',
		status: 'active',
		tags: ['coffee'],
		variants: [
			{ customVariantId: 'beans-espresso-1kg', title: '1 kg', price: '24.00', sku: 'ESP-1KG' },
		],
	},
	{
		customProductId: 'beans-house',
		title: 'House Blend',
		vendor: 'Roastery',
		type: 'Coffee',
		handle: 'house-blend',
		status: 'active',
		tags: ['coffee'],
	},
	{
		customProductId: 'grinder-pro',
		title: 'Grinder Pro',
		vendor: 'Grindworks',
		type: 'Equipment',
		handle: 'grinder-pro',
		status: 'active',
	},
];

/** Orders the v3 shop already has (each earned its purchase points), and rewards customers redeemed. */
export const SANDBOX_V3_ORDERS = [
	{ email: 'jane@example.com', customOrderId: 'web-5001', total: 48 },
	{ email: 'jane@example.com', customOrderId: 'web-5002', total: 129.9 },
	{ email: 'ahmed@example.com', customOrderId: 'web-5003', total: 24 },
];
export const SANDBOX_V3_REWARDS = [
	{ email: 'jane@example.com', rewardId: 'rwd-5off' },
	{ email: 'maria@example.com', rewardId: 'rwd-variable' },
];

/**
 * Stamp cards: one a stamp away from a full card, one half full, one new; and María's points card (60 points:
 * the next order of 40 € or more reaches the first reward tier, a free croissant at 100 points).
 */
export const SANDBOX_PASSES = [
	{ walletPassId: 'wp_jane_0001', currentStamps: 9, totalStampsCollected: 29, timesCompleted: 2 },
	{ walletPassId: 'wp_ahmed_0002', currentStamps: 5, totalStampsCollected: 5 },
	{ walletPassId: 'wp_new_0003', currentStamps: 0 },
	{ walletPassId: 'wp_maria_0004', templateId: POINTS_TEMPLATE_ID, currentPoints: 60 },
];

/** stemp's webhook outbox: two deliveries made, one failed (to retry with Webhook Delivery > Retry). */
export const SANDBOX_OUTBOX = [
	{ eventType: 'user.created' },
	{ eventType: 'stamp.created' },
	{
		eventType: 'stamp.card_completed',
		status: 'FAILED' as const,
		httpStatus: 502,
		lastError: 'HTTP 502 from the endpoint',
		retryCount: 5,
		endpointUrl: 'https://shop.example.com/hooks/stemp',
	},
];

/** The stemp users the passes belong to: the shop's customers, with the shop's customer ID as external ID. */
export const SANDBOX_STEMP_USERS: SeedUser[] = [
	{
		id: 'usr_jane_1001',
		email: 'jane@example.com',
		name: 'Jane Doe',
		phone: '+15550101001',
		externalId: 'shopify-1001',
		metadata: { private: { tier: 'vip' } },
		walletPassIds: ['wp_jane_0001'],
	},
	{
		id: 'usr_ahmed_1002',
		email: 'ahmed@example.com',
		name: 'Ahmed Khan',
		externalId: 'shopify-1002',
		walletPassIds: ['wp_ahmed_0002'],
	},
	{
		id: 'usr_liwei_1003',
		email: 'li.wei@example.com',
		name: 'Li Wei',
		externalId: 'shopify-1003',
		metadata: { private: { firstOrder: true } },
		walletPassIds: ['wp_new_0003'],
	},
	{
		id: 'usr_maria_1004',
		email: 'maria@example.com',
		name: 'María García',
		externalId: 'shopify-1004',
		walletPassIds: ['wp_maria_0004'],
	},
];

export function sandboxOptions(): FakeApiOptions {
	return {
		stamped: { ...SANDBOX_KEYS.stamped, customers: SANDBOX_CUSTOMERS, reviews: SANDBOX_REVIEWS },
		stampedV3: {
			privateKey: SANDBOX_KEYS.stampedV3.privateKey,
			shopId: SANDBOX_KEYS.stampedV3.storeHash,
			customers: SANDBOX_V3_CUSTOMERS,
			products: SANDBOX_V3_PRODUCTS,
			orders: SANDBOX_V3_ORDERS,
			rewards: SANDBOX_V3_REWARDS,
		},
		stemp: {
			token: SANDBOX_KEYS.stemp.apiToken,
			passes: SANDBOX_PASSES,
			users: SANDBOX_STEMP_USERS,
			outbox: SANDBOX_OUTBOX,
		},
	};
}
