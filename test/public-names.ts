/**
 * The resource/operation pairs of the published interface: the action nodes as first released (the Stamped ones
 * as offered by API v2, where they were published), the Stamped API v3 (Loyalty 2.0) additions and the second
 * release's additions. Saved workflows store these names, so this list mirrors the published interface and must
 * only grow: add a pair when the interface gains one, never remove or rename one.
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
		],
		v3: [
			['customer', 'lookup'],
			['loyaltyTransaction', 'getAll'],
			['tier', 'set'],
			['reward', 'redeem'],
			['reward', 'getAll'],
			['coupon', 'void'],
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
