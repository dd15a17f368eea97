/**
 * The example workflows in examples/ that start by hand: imported into the current n8n 2.x from their files
 * and run headlessly, as a newcomer runs them in the playground. (The trigger examples run in
 * triggers.e2e.test.ts.)
 */
import { loadExample } from '../src/examples';
import { CURRENT_N8N } from '../src/install';
import { nodeOutput } from '../src/n8n';
import { routes } from './support/expectations';
import { executeOk, useInstance } from './support/lifecycle';
import { emailProbe } from './support/workflows';

const newOrder = loadExample('new-order-award-points.json');
const passScanned = loadExample('pass-scanned-add-stamp.json');
const customShopOrder = loadExample('custom-shop-order-points.json');
const catalogueSync = loadExample('catalogue-sync-products.json');
const newCustomerPass = loadExample('new-customer-wallet-pass.json');
const paidOrderPush = loadExample('paid-order-points-push.json');

const instance = useInstance({
	dist: CURRENT_N8N,
	name: 'e2e-examples',
	workflows: [
		newOrder,
		passScanned,
		emailProbe,
		customShopOrder,
		catalogueSync,
		newCustomerPass,
		paidOrderPush,
	],
});

const run = (workflowId: string) => executeOk(instance, workflowId);

test('new order → upsert customer → award points', async () => {
	const execution = await run(newOrder.id);

	expect(nodeOutput(execution, 'Create or update customer')).toEqual([
		expect.objectContaining({
			email: 'li.wei@example.com',
			firstName: 'Li',
			lastName: 'Wei',
			customerId: 'shopify-1003',
		}),
	]);
	expect(nodeOutput(execution, 'Award points for the order')).toEqual([
		expect.objectContaining({
			email: 'li.wei@example.com',
			type: 'purchase',
			points: 86,
			note: 'Order #1042',
			orderValue: 86.4,
		}),
	]);
	const log = await instance.sandbox.log();
	expect(routes(log)).toEqual([
		'POST /store-123/customers',
		'POST /store-123/loyalty/transactions',
	]);
	expect(log[0].body).toEqual({
		email: 'li.wei@example.com',
		firstName: 'Li',
		lastName: 'Wei',
		customerId: 'shopify-1003',
	});
	expect(log[1].body).toEqual({
		email: 'li.wei@example.com',
		type: 'purchase',
		points: 86,
		note: 'Order #1042',
		orderValue: 86.4,
	});
});

test("pass scanned → add a stamp (completing Jane's card)", async () => {
	const execution = await run(passScanned.id);

	expect(nodeOutput(execution, 'Add a stamp')).toEqual([
		expect.objectContaining({
			walletPassId: 'wp_jane_0001',
			currentStamps: 0,
			timesCompleted: 3,
			totalStampsCollected: 30,
		}),
	]);
	const log = await instance.sandbox.log();
	expect(routes(log)).toEqual(['POST /walletpasses/wp_jane_0001/stamps/add']);
	expect(log[0].body).toEqual({ note: 'Purchase at Main St.' });
	// The completed card is what stemp announces with stamp.card_completed (the card-completed example's trigger).
	expect((await instance.sandbox.events()).stemp).toMatchObject([
		{ type: 'stamp.created', walletPassId: 'wp_jane_0001' },
		{ type: 'stamp.reward_triggered', walletPassId: 'wp_jane_0001' },
		{ type: 'stamp.card_completed', walletPassId: 'wp_jane_0001' },
	]);
});

test("the sandbox's mailbox receives what n8n's Send Email node sends (the tier-change example's e-mail)", async () => {
	await run(emailProbe.id);

	expect(await instance.sandbox.mail()).toEqual([
		expect.objectContaining({
			from: 'rewards@example.com',
			to: ['jane@example.com'],
			subject: 'Welcome to Gold!',
		}),
	]);
	expect((await instance.sandbox.mail())[0].raw).toContain('You reached Gold.');
});

test("order paid in a custom shop → Stamped order: Stamped's rules award the points", async () => {
	const execution = await run(customShopOrder.id);

	const [order] = nodeOutput(execution, 'Create the order in Stamped');
	expect(order).toEqual(
		expect.objectContaining({ customOrderId: 'web-5101', currency: 'USD', tags: ['web'] }),
	);
	// Ahmed had 480 points; the program's purchase rule (a point per whole unit) added 52.
	expect(nodeOutput(execution, "Read the customer's balance")).toEqual([
		expect.objectContaining({
			email: 'ahmed@example.com',
			activity: expect.objectContaining({ totalPoints: '532' }),
		}),
	]);
	const log = await instance.sandbox.log();
	expect(routes(log)).toEqual([
		'GET /merchant/shops/shop-456/customers/lookup',
		'POST /merchant/shops/shop-456/orders',
		`GET /merchant/shops/shop-456/customers/${String(order.customerId)}`,
	]);
	expect(log[1].body).toEqual({
		customOrderId: 'web-5101',
		customerId: order.customerId,
		cart: {
			lineItems: [
				{
					customProductId: 'beans-espresso',
					customVariantId: 'beans-espresso-1kg',
					title: 'Espresso Beans',
					sku: 'ESP-1KG',
					quantity: '2',
					price: '24',
				},
			],
			shopCurrency: 'USD',
			financialStatus: 'paid',
			fulfillmentStatus: 'unfulfilled',
			shopPriceTotal: '52.5',
			shopPriceShipping: '4.5',
		},
		tags: ['web'],
	});
	expect(await instance.sandbox.contractViolations()).toEqual([]);
});

test('shop catalogue → Stamped products: updated when Stamped has the product ID, created otherwise, twice without duplicates', async () => {
	const first = await run(catalogueSync.id);
	expect(
		nodeOutput(first, 'Create or update each product').map((product) => product.customProductId),
	).toEqual(['beans-espresso', 'beans-decaf', 'mug-stoneware']);
	// Items for different products run side by side, so the requests interleave: counted, not ordered.
	const log = await instance.sandbox.log();
	expect(routes(log).sort()).toEqual([
		'GET /merchant/shops/shop-456/products/lookup',
		'GET /merchant/shops/shop-456/products/lookup',
		'GET /merchant/shops/shop-456/products/lookup',
		expect.stringMatching(/^PATCH \/merchant\/shops\/shop-456\/products\/prd_\d+$/),
		'POST /merchant/shops/shop-456/products',
		'POST /merchant/shops/shop-456/products',
	]);
	expect(log.find((entry) => entry.method === 'PATCH')?.body).toMatchObject({
		customProductId: 'beans-espresso',
	});
	expect(
		log.find(
			(entry) =>
				entry.method === 'POST' &&
				(entry.body as { customProductId?: string }).customProductId === 'beans-decaf',
		)?.body,
	).toEqual({
		customProductId: 'beans-decaf',
		title: 'Decaf Beans',
		vendor: 'Roastery',
		type: 'Coffee',
		status: 'active',
		variants: [
			{ customVariantId: 'beans-decaf', title: 'Decaf Beans', price: '22.00', sku: 'DEC-1KG' },
		],
	});

	await instance.sandbox.clearLog();
	await run(catalogueSync.id);
	const again = await instance.sandbox.log();
	expect(again.filter((entry) => entry.method === 'POST')).toEqual([]);
	expect(again.filter((entry) => entry.method === 'PATCH')).toHaveLength(3);
	expect(await instance.sandbox.contractViolations()).toEqual([]);
});

test('new shop customer → issue a wallet pass (a new stemp user with the points card), exactly once', async () => {
	const execution = await run(newCustomerPass.id);
	const [pass] = nodeOutput(execution, 'Issue a points card');
	expect(pass).toEqual(
		expect.objectContaining({ id: expect.stringMatching(/^wp_/), templateId: 'tpl_points' }),
	);
	expect(pass.resolvedByLookup).toBeUndefined();
	const log = await instance.sandbox.log();
	expect(routes(log)).toEqual(['GET /users/search', 'POST /templates/tpl_points/walletpasses']);
	expect(log[0].query).toEqual({ q: 'sam@example.com', page: '0', size: '100' });
	expect(log[1].body).toEqual({
		sendEmailNotification: true,
		user: {
			email: 'sam@example.com',
			name: 'Sam Lee',
			phone: '+15550102001',
			externalId: 'shopify-2001',
		},
	});
	expect((await instance.sandbox.events()).stemp.map((event) => event.type)).toEqual([
		'user.created',
		'pass.created',
	]);
	expect(await instance.sandbox.contractViolations()).toEqual([]);
});

test('paid order → points per euro; the first reward tier reached → a push to the pass; the next order pushes nothing', async () => {
	const first = await run(paidOrderPush.id);
	// María had 60 points; 86.40 € adds 86: 146 reaches the croissant (100), not the cake (250).
	expect(nodeOutput(first, 'Add points for the order')).toEqual([
		expect.objectContaining({
			walletPassId: 'wp_maria_0004',
			currentPoints: 146,
			lifetimeValue: 8640,
		}),
	]);
	expect(nodeOutput(first, 'Newly reachable').map((tier) => tier.name)).toEqual(['Free croissant']);
	expect(nodeOutput(first, 'Push: your reward is waiting')).toEqual([
		expect.objectContaining({
			targetScope: 'PASS',
			walletPassId: 'wp_maria_0004',
			messageBody: 'You have 146 points: your Free croissant is waiting!',
			messageHeader: 'Reward unlocked',
		}),
	]);
	expect(routes(await instance.sandbox.log())).toEqual([
		'POST /walletpasses/wp_maria_0004/points/add',
		'GET /templates/tpl_points/points-rewards',
		'POST /walletpasses/wp_maria_0004/notifications',
	]);
	expect((await instance.sandbox.log())[0].body).toEqual({
		points: 86,
		monetaryValue: 8640,
		note: 'Order #1077',
	});

	// The same order again: 232 points reach no new tier, so nothing is pushed.
	await instance.sandbox.clearLog();
	const second = await run(paidOrderPush.id);
	expect(nodeOutput(second, 'Add points for the order')[0].currentPoints).toBe(232);
	expect(routes(await instance.sandbox.log())).toEqual([
		'POST /walletpasses/wp_maria_0004/points/add',
		'GET /templates/tpl_points/points-rewards',
	]);
	expect(await instance.sandbox.contractViolations()).toEqual([]);
});
