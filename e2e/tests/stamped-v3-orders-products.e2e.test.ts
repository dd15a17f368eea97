/**
 * The rest of Stamped's published v3 reference in a running n8n 2.x: every operation of the third release
 * (orders, products, Customer > Lookup by Stamped ID, Loyalty Transaction > Trigger Rule) in one workflow, run
 * with `n8n execute` against the sandbox; and every v3 request it sent held to the reference (the sandbox's
 * contract check, served at /__contract).
 */
import { SANDBOX_KEYS } from '../../test/fake-api/sandbox';
import { CURRENT_N8N } from '../src/install';
import { nodeOutput } from '../src/n8n';
import { routes } from './support/expectations';
import { executeOk, useInstance } from './support/lifecycle';
import { lineWorkflow, stampedV3 } from './support/workflows';

const SHOP = SANDBOX_KEYS.stampedV3.storeHash;
const created = "$('Create order').first().json";

const everyOperation = lineWorkflow(
	'e2eStampedV3Orders',
	'e2e: Stamped API v3, orders and products',
	[
		stampedV3(
			'Create order',
			{
				resource: 'order',
				operation: 'create',
				email: 'ahmed@example.com',
				orderId: 'web-6001',
				lineItems:
					'[{"productId": "beans-house", "title": "House Blend", "quantity": 2, "price": 18.25}]',
				additionalFields: {
					currency: 'USD',
					totalPrice: 36.5,
					financialStatus: 'paid',
					tags: ['e2e'],
				},
			},
			true,
		),
		stampedV3(
			'Get order',
			{ resource: 'order', operation: 'get', lookupBy: 'customOrderId', lookupValue: 'web-6001' },
			true,
		),
		stampedV3(
			'Refund order',
			{
				resource: 'order',
				operation: 'update',
				lookupBy: 'stampedId',
				lookupValue: `={{ ${created}.orderId }}`,
				lineItems: '[]',
				additionalFields: { financialStatus: 'refunded', totalPrice: 0 },
			},
			true,
		),
		stampedV3('All orders', { resource: 'order', operation: 'getAll', returnAll: true }, true),
		stampedV3(
			'Delete order',
			{
				resource: 'order',
				operation: 'delete',
				lookupBy: 'customOrderId',
				lookupValue: 'web-6001',
			},
			true,
		),
		stampedV3(
			'Create product',
			{
				resource: 'product',
				operation: 'create',
				productId: 'filter-papers',
				title: 'Filter Papers',
				additionalFields: {
					vendor: 'Roastery',
					variants: '[{"variantId": "fp-100", "price": 4.5}]',
				},
			},
			true,
		),
		stampedV3(
			'Upsert product',
			{
				resource: 'product',
				operation: 'upsert',
				productId: 'beans-espresso',
				title: 'Espresso Beans (new roast)',
				additionalFields: {},
			},
			true,
		),
		stampedV3(
			'Get product',
			{
				resource: 'product',
				operation: 'get',
				lookupBy: 'customProductId',
				lookupValue: 'filter-papers',
			},
			true,
		),
		stampedV3(
			'Update product',
			{
				resource: 'product',
				operation: 'update',
				lookupBy: 'stampedId',
				lookupValue: "={{ $('Create product').first().json.productId }}",
				updateFields: { status: 'archived' },
			},
			true,
		),
		stampedV3(
			'Roastery products',
			{
				resource: 'product',
				operation: 'getAll',
				returnAll: true,
				filters: { vendor: 'Roastery' },
			},
			true,
		),
		stampedV3(
			'Delete product',
			{
				resource: 'product',
				operation: 'delete',
				lookupBy: 'customProductId',
				lookupValue: 'filter-papers',
			},
			true,
		),
		stampedV3(
			'Customer by Stamped ID',
			{
				resource: 'customer',
				operation: 'lookup',
				lookupBy: 'stampedId',
				lookupValue: `={{ ${created}.customerId }}`,
			},
			true,
		),
		stampedV3(
			'Trigger rule',
			{
				resource: 'loyaltyTransaction',
				operation: 'triggerRule',
				email: 'maria@example.com',
				ruleId: 'rule-newsletter',
				additionalFields: { title: 'Newsletter confirmed' },
			},
			true,
		),
	],
);

const instance = useInstance({
	dist: CURRENT_N8N,
	name: 'e2e-stamped-v3-orders',
	workflows: [everyOperation],
});

test('every order and product operation, Lookup by Stamped ID and Trigger Rule run in n8n', async () => {
	const execution = await executeOk(instance, everyOperation.id);
	const [order] = nodeOutput(execution, 'Create order');
	expect(order).toEqual(
		expect.objectContaining({ customOrderId: 'web-6001', currency: 'USD', tags: ['e2e'] }),
	);
	expect(nodeOutput(execution, 'Get order')).toEqual([
		expect.objectContaining({ orderId: order.orderId, customOrderId: 'web-6001' }),
	]);
	expect(nodeOutput(execution, 'Refund order')).toEqual([
		expect.objectContaining({ orderId: order.orderId, cartStates: expect.any(Array) }),
	]);
	expect(nodeOutput(execution, 'All orders').map((entry) => entry.customOrderId)).toEqual([
		'web-5001',
		'web-5002',
		'web-5003',
		'web-6001',
	]);
	expect(nodeOutput(execution, 'Delete order')).toEqual([
		{ orderId: order.orderId, customOrderId: 'web-6001', deleted: true, softDelete: true },
	]);
	const [product] = nodeOutput(execution, 'Create product');
	expect(product).toEqual(
		expect.objectContaining({
			customProductId: 'filter-papers',
			variants: [{ customVariantId: 'fp-100', price: '4.5' }],
		}),
	);
	expect(nodeOutput(execution, 'Upsert product')).toEqual([
		expect.objectContaining({
			customProductId: 'beans-espresso',
			title: 'Espresso Beans (new roast)',
		}),
	]);
	expect(nodeOutput(execution, 'Get product')).toEqual([
		expect.objectContaining({ productId: product.productId }),
	]);
	expect(nodeOutput(execution, 'Update product')).toEqual([
		expect.objectContaining({ productId: product.productId, status: 'archived' }),
	]);
	expect(nodeOutput(execution, 'Roastery products').map((entry) => entry.customProductId)).toEqual([
		'beans-espresso',
		'beans-house',
		'filter-papers',
	]);
	expect(nodeOutput(execution, 'Delete product')).toEqual([
		{
			productId: product.productId,
			customProductId: 'filter-papers',
			deleted: true,
			softDelete: true,
		},
	]);
	// Ahmed had 480 points; the paid order earned 36, the refund took them back.
	expect(nodeOutput(execution, 'Customer by Stamped ID')).toEqual([
		expect.objectContaining({
			email: 'ahmed@example.com',
			activity: expect.objectContaining({ totalPoints: '480' }),
		}),
	]);
	expect(nodeOutput(execution, 'Trigger rule')).toEqual([
		expect.objectContaining({
			email: 'maria@example.com',
			ruleId: 'rule-newsletter',
			pointsAdded: 50,
		}),
	]);

	const log = await instance.sandbox.log();
	const orderPath = `/merchant/shops/${SHOP}/orders/${String(order.orderId)}`;
	const productPath = `/merchant/shops/${SHOP}/products/${String(product.productId)}`;
	expect(routes(log)).toEqual([
		`GET /merchant/shops/${SHOP}/customers/lookup`,
		`POST /merchant/shops/${SHOP}/orders`,
		`GET /merchant/shops/${SHOP}/orders/lookup`,
		`PATCH ${orderPath}`,
		`GET /merchant/shops/${SHOP}/orders`,
		`GET /merchant/shops/${SHOP}/orders/lookup`,
		`DELETE ${orderPath}`,
		`POST /merchant/shops/${SHOP}/products`,
		`GET /merchant/shops/${SHOP}/products/lookup`,
		`PATCH /merchant/shops/${SHOP}/products/${String(nodeOutput(execution, 'Upsert product')[0].productId)}`,
		`GET /merchant/shops/${SHOP}/products/lookup`,
		`PATCH ${productPath}`,
		`GET /merchant/shops/${SHOP}/products`,
		`GET /merchant/shops/${SHOP}/products/lookup`,
		`DELETE ${productPath}`,
		`GET /merchant/shops/${SHOP}/customers/${String(order.customerId)}`,
		`GET /merchant/shops/${SHOP}/customers/lookup`,
		`POST /loyalty/shops/${SHOP}/customers/${String(nodeOutput(execution, 'Trigger rule')[0].customerId)}/trigger-activity`,
	]);
	// The sandbox held every one of these requests, and its answers, to Stamped's published reference.
	expect(await instance.sandbox.contractViolations()).toEqual([]);
});
