import type { LocatorDefinition } from '../../core/locator';
import { listMode, textMode } from '../../core/locator';

/**
 * The Order and Product pickers of node version 2 (API v3), for the order and product operations' ID fields:
 * from the list, by Stamped's ID, or by one of the lookup keys v3's reference declares (`GET orders/lookup`,
 * `GET products/lookup`). The mode a value was given in is stored with it: it is the lookup key
 * (`readLookup` in merchantRecord.ts).
 */
const SHOP_KEYS = [
	textMode('shopifyId', 'By Shopify ID', '4501234567890'),
	textMode('bigcommerceId', 'By BigCommerce ID', '118'),
];

export const orderLocator: LocatorDefinition = {
	description:
		"The order: pick one from the shop's orders (type to filter by ID), or give Stamped's order ID or one of the shop's IDs",
	modes: [
		listMode('searchOrders', 'Select an order...'),
		textMode('id', 'By ID', 'ord_abc123'),
		textMode('customOrderId', 'By Custom Order ID', '#1001'),
		...SHOP_KEYS,
	],
};

export const productLocator: LocatorDefinition = {
	description:
		"The product: pick one from the shop's products (type to filter by title or ID), or give Stamped's product ID or one of the shop's IDs",
	modes: [
		listMode('searchProducts', 'Select a product...'),
		textMode('id', 'By ID', 'prd_abc123'),
		textMode('customProductId', 'By Custom Product ID', 'sku-1001'),
		...SHOP_KEYS,
	],
};
