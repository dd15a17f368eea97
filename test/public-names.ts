/**
 * The resource/operation pairs of the published interface: the action nodes as first released (the Stamped ones
 * as offered by API v2, where they were published), the Stamped API v3 (Loyalty 2.0) additions, and the second
 * and third releases' additions. Saved workflows store these names, so this list mirrors the published interface
 * and must only grow: add a pair when the interface gains one, never remove or rename one.
 */
export const PUBLIC_OPERATIONS = {
	stamped: {
		v2: [
			['customer', 'getAll'],
			['customer', 'get'],
			['customer', 'upsert'],
			['customer', 'delete'],
			['points', 'update'],
			['loyaltyTransaction', 'create'],
			['tier', 'getAll'],
			['review', 'getAll'],
			// Additions (third release), API v2.
			['review', 'get'],
			['review', 'getSummary'],
			['order', 'create'],
		],
		v3: [
			['customer', 'lookup'],
			['loyaltyTransaction', 'getAll'],
			['tier', 'set'],
			['reward', 'redeem'],
			['reward', 'getAll'],
			['coupon', 'void'],
			// Third release (Stamped's published v3 reference).
			['order', 'create'],
			['order', 'get'],
			['order', 'getAll'],
			['order', 'update'],
			['order', 'delete'],
			['product', 'create'],
			['product', 'upsert'],
			['product', 'get'],
			['product', 'getAll'],
			['product', 'update'],
			['product', 'delete'],
			['loyaltyTransaction', 'triggerRule'],
		],
	},
	stemp: [
		['stamp', 'get'],
		['stamp', 'add'],
		['stamp', 'remove'],
		['stamp', 'set'],
		['stamp', 'reset'],
		['stamp', 'getHistory'],
	],
} as const;
