/**
 * The suite's own workflows, built in code: a Manual Trigger, then nodes in a line. One workflow per action
 * node runs every operation of that node against the sandbox; the bad-input workflows feed a node invalid data
 * from an upstream node, as a real workflow would.
 */
import { randomUUID } from 'node:crypto';

import { passSignature } from '../../../test/fake-api/stemp';
import { sandboxCredentialRef } from '../../src/sandbox';

export interface NodeSpec {
	name: string;
	type: string;
	typeVersion?: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	/** Run once, for the first item only (list operations that follow other lists). */
	executeOnce?: boolean;
	/** Trigger nodes: the id in their production URL (`/webhook/<webhookId>/<path>`). */
	webhookId?: string;
	/** n8n's node settings: Retry On Fail (tries and the wait between them, ms) and On Error. */
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<NodeSpec & { id: string; position: [number, number] }>;
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: 'main'; index: number }>> }
	>;
	settings: { executionOrder: 'v1' };
	pinData: Record<string, never>;
}

export const MANUAL_TRIGGER = 'Start';

/** A workflow that runs `nodes` one after the other from a Manual Trigger. */
export function lineWorkflow(id: string, name: string, nodes: NodeSpec[]): WorkflowJson {
	return chainWorkflow(id, name, [
		{ name: MANUAL_TRIGGER, type: 'n8n-nodes-base.manualTrigger', parameters: {} },
		...nodes,
	]);
}

/** A workflow whose first node (a trigger) starts the others, one after the other. */
export function chainWorkflow(id: string, name: string, all: NodeSpec[]): WorkflowJson {
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < all.length; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name,
		nodes: all.map((node, index) => ({
			typeVersion: 1,
			...node,
			id: `${id}-${index}`,
			position: [index * 240, 0],
		})),
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export function stamped(
	name: string,
	parameters: Record<string, unknown>,
	executeOnce = false,
): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-stamped-stemp.stamped',
		parameters,
		credentials: { stampedApi: sandboxCredentialRef('stampedApi') },
		executeOnce,
	};
}

/** A Stamped node on API v3 (Loyalty 2.0), with the sandbox's v3 credential. */
export function stampedV3(
	name: string,
	parameters: Record<string, unknown>,
	executeOnce = false,
): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-stamped-stemp.stamped',
		parameters: { apiVersion: 'v3', ...parameters },
		credentials: { stampedApi: sandboxCredentialRef('stampedApiV3') },
		executeOnce,
	};
}

export function stemp(name: string, parameters: Record<string, unknown>): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-stamped-stemp.stemp',
		parameters: { resource: 'stamp', ...parameters },
		credentials: { stempApi: sandboxCredentialRef('stempApi') },
	};
}

/** n8n's Edit Fields (Set) node emitting one item with these string or number fields. */
export function setFields(name: string, fields: Record<string, string | number>): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			assignments: {
				assignments: Object.entries(fields).map(([field, value], index) => ({
					id: `field-${index}`,
					name: field,
					value,
					type: typeof value === 'number' ? 'number' : 'string',
				})),
			},
			options: {},
		},
	};
}

export const NEW_CUSTOMER = 'sam@example.com';

/** Every additional field of Create or Update, as set on the new customer (and expected back from Stamped). */
export const NEW_CUSTOMER_FIELDS = {
	firstName: 'Sam',
	lastName: 'Lee',
	customerId: 'shopify-2001',
	points: 100,
	pointsExpiry: '2027-06-30',
	totalSpend: 59.9,
	totalOrders: 1,
	tags: ['e2e', 'first-order'],
};

/** Every operation of the Stamped node, in an order where each one's effect is visible in the next. */
export const stampedEveryOperation = lineWorkflow(
	'e2eStampedAllOps',
	'e2e: Stamped, every operation',
	[
		stamped('Create customer', {
			resource: 'customer',
			operation: 'upsert',
			email: NEW_CUSTOMER,
			additionalFields: NEW_CUSTOMER_FIELDS,
		}),
		stamped('Get customer', { resource: 'customer', operation: 'get', email: NEW_CUSTOMER }),
		stamped('Add points', {
			resource: 'points',
			operation: 'update',
			email: NEW_CUSTOMER,
			action: 'add',
			points: 50,
		}),
		stamped('Subtract points', {
			resource: 'points',
			operation: 'update',
			email: NEW_CUSTOMER,
			action: 'subtract',
			points: 20,
		}),
		stamped('Set points', {
			resource: 'points',
			operation: 'update',
			email: NEW_CUSTOMER,
			action: 'set',
			points: 600,
		}),
		stamped('Record purchase', {
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: NEW_CUSTOMER,
			type: 'purchase',
			points: 120,
			additionalFields: { note: 'Order #1001', orderValue: 120.5 },
		}),
		stamped('List customers', { resource: 'customer', operation: 'getAll', returnAll: true }),
		stamped('List tiers', { resource: 'tier', operation: 'getAll' }, true),
		stamped(
			"Jane's reviews",
			{
				resource: 'review',
				operation: 'getAll',
				returnAll: false,
				limit: 10,
				filters: { email: 'jane@example.com' },
			},
			true,
		),
		stamped(
			'Delete customer',
			{ resource: 'customer', operation: 'delete', email: NEW_CUSTOMER },
			true,
		),
	],
);

/** What Create or Update sets on API v3 (v3 keeps names, the customer ID as custom customer ID, and tags). */
export const NEW_V3_CUSTOMER_FIELDS = {
	firstName: 'Sam',
	lastName: 'Lee',
	customerId: 'shopify-2001',
	tags: ['e2e'],
};

/**
 * Every operation of the Stamped node on API v3, the v3 additions included. Balance: 0, +700, -50, set to 600
 * (an adjustment of -50), +25 from a transaction, -500 for the reward: 125.
 */
export const stampedV3EveryOperation = lineWorkflow(
	'e2eStampedV3AllOps',
	'e2e: Stamped API v3, every operation',
	[
		stampedV3('Create customer', {
			resource: 'customer',
			operation: 'upsert',
			email: NEW_CUSTOMER,
			additionalFields: NEW_V3_CUSTOMER_FIELDS,
		}),
		stampedV3('Get customer', { resource: 'customer', operation: 'get', email: NEW_CUSTOMER }),
		stampedV3('Look up by custom ID', {
			resource: 'customer',
			operation: 'lookup',
			lookupBy: 'customCustomerId',
			lookupValue: 'shopify-2001',
		}),
		stampedV3('Add points', {
			resource: 'points',
			operation: 'update',
			email: NEW_CUSTOMER,
			action: 'add',
			points: 700,
		}),
		stampedV3('Subtract points', {
			resource: 'points',
			operation: 'update',
			email: NEW_CUSTOMER,
			action: 'subtract',
			points: 50,
		}),
		stampedV3('Set points', {
			resource: 'points',
			operation: 'update',
			email: NEW_CUSTOMER,
			action: 'set',
			points: 600,
		}),
		stampedV3('Record transaction', {
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: NEW_CUSTOMER,
			type: 'custom',
			points: 25,
			additionalFields: { note: 'Referral bonus' },
		}),
		stampedV3('Set tier', {
			resource: 'tier',
			operation: 'set',
			email: NEW_CUSTOMER,
			tierName: 'Gold',
		}),
		stampedV3('Redeem reward', {
			resource: 'reward',
			operation: 'redeem',
			email: NEW_CUSTOMER,
			rewardId: 'rwd-5off',
		}),
		stampedV3('Void coupon', {
			resource: 'coupon',
			operation: 'void',
			email: NEW_CUSTOMER,
			couponCode: 'LOYAL-0001',
		}),
		stampedV3(
			'List transactions',
			{ resource: 'loyaltyTransaction', operation: 'getAll', returnAll: true },
			true,
		),
		stampedV3(
			'List customers',
			{ resource: 'customer', operation: 'getAll', returnAll: true },
			true,
		),
		stampedV3(
			'Delete customer',
			{ resource: 'customer', operation: 'delete', email: NEW_CUSTOMER },
			true,
		),
	],
);

export const STAMP_PASS = 'wp_ahmed_0002';

/** Every operation of the stemp node on one pass (seeded with 5 stamps). */
export const stempEveryOperation = lineWorkflow('e2eStempAllOps', 'e2e: stemp, every operation', [
	stemp('Get stamps', { operation: 'get', walletPassId: STAMP_PASS }),
	stemp('Add stamp', { operation: 'add', walletPassId: STAMP_PASS, note: 'Main St.' }),
	stemp('Remove stamp', { operation: 'remove', walletPassId: STAMP_PASS }),
	stemp('Set stamps', { operation: 'set', walletPassId: STAMP_PASS, stamps: 9 }),
	stemp('Reset card', { operation: 'reset', walletPassId: STAMP_PASS }),
	stemp('History', { operation: 'getHistory', walletPassId: STAMP_PASS, returnAll: true }),
]);

/** A stemp node of version 2 (pickers), run once whatever its input (each list's items are not fanned out). */
function stempV2(name: string, parameters: Record<string, unknown>): NodeSpec {
	return { ...stemp(name, parameters), typeVersion: 2, executeOnce: true };
}

/** A resource locator's value as the editor saves it. */
const picked = (value: string, mode = 'id') => ({ __rl: true, mode, value });

/** María's points card in the sandbox (60 points, on the points template). */
export const POINTS_PASS = 'wp_maria_0004';

/** What a scanner reads from María's pass besides its ID (the sandbox signs QR codes so). */
export const POINTS_PASS_SIGNATURE = passSignature(POINTS_PASS);

/**
 * Every operation of stemp's published API beyond the stamps (node version 2, pickers and expressions as the
 * editor saves them), each seeing what the ones before did; the last node is a stamp read saved on version 2
 * before the Wallet Pass ID became a picker (a plain string).
 */
export const stempPublishedApi = lineWorkflow(
	'e2eStempPublishedApi',
	'e2e: stemp, every operation of its published API',
	[
		stempV2('Organization', { resource: 'organization', operation: 'get' }),
		stempV2('Templates', { resource: 'template', operation: 'getAll' }),
		stempV2('Template', {
			resource: 'template',
			operation: 'get',
			templateId: picked('tpl_points', 'list'),
		}),
		stempV2('Template statistics', {
			resource: 'template',
			operation: 'getStatistics',
			templateId: picked('tpl_points'),
		}),
		stempV2('Stamp config', {
			resource: 'template',
			operation: 'getStampConfig',
			templateId: picked('tpl_stamps'),
		}),
		stempV2('Points config', {
			resource: 'template',
			operation: 'getPointsConfig',
			templateId: picked('tpl_points'),
		}),
		stempV2('Update stamp config', {
			resource: 'template',
			operation: 'updateStampConfig',
			templateId: picked('tpl_stamps'),
			updateFields: { rewardName: 'Free cappuccino' },
		}),
		stempV2('Update points config', {
			resource: 'template',
			operation: 'updatePointsConfig',
			templateId: picked('tpl_points'),
			updateFields: { pointsLabel: 'Beans' },
		}),
		stempV2('Reward tiers', {
			resource: 'rewardTier',
			operation: 'getAll',
			templateId: picked('tpl_points'),
		}),
		stempV2('Create tier', {
			resource: 'rewardTier',
			operation: 'create',
			templateId: picked('tpl_points'),
			name: 'Free coffee',
			pointsRequired: 150,
			additionalFields: { externalId: 'e2e-coffee', sortOrder: 5 },
		}),
		stempV2('Update tier', {
			resource: 'rewardTier',
			operation: 'update',
			rewardTierId: picked("={{ $('Create tier').first().json.id }}"),
			updateFields: { pointsRequired: 175 },
		}),
		stempV2('Delete tier', {
			resource: 'rewardTier',
			operation: 'delete',
			rewardTierId: picked("={{ $('Create tier').first().json.id }}"),
		}),
		stempV2('Search users', {
			resource: 'user',
			operation: 'search',
			query: 'maria',
			returnAll: true,
		}),
		stempV2('User passes', {
			resource: 'user',
			operation: 'getPasses',
			userId: picked('shopify-1004', 'externalId'),
		}),
		stempV2('Issue pass', {
			resource: 'pass',
			operation: 'create',
			templateId: picked('tpl_points', 'list'),
			userMode: 'new',
			email: 'e2e.pass@example.com',
			additionalFields: { name: 'E2E Pass', externalId: 'e2e-pass-1' },
			sendEmail: false,
		}),
		stempV2('Get pass', {
			resource: 'pass',
			operation: 'get',
			walletPassId: picked("={{ $('Issue pass').first().json.id }}"),
		}),
		stempV2('Passes of template', {
			resource: 'pass',
			operation: 'getAll',
			returnAll: true,
			filters: { templateId: 'tpl_points' },
		}),
		stempV2('Validate QR code', {
			resource: 'pass',
			operation: 'validate',
			walletPassId: picked(POINTS_PASS),
			signature: POINTS_PASS_SIGNATURE,
		}),
		stempV2('Delete pass', {
			resource: 'pass',
			operation: 'delete',
			walletPassId: picked("={{ $('Issue pass').first().json.id }}"),
		}),
		stempV2('Points', {
			resource: 'points',
			operation: 'get',
			walletPassId: picked(POINTS_PASS, 'list'),
		}),
		stempV2('Add points', {
			resource: 'points',
			operation: 'add',
			walletPassId: picked(POINTS_PASS),
			points: 86,
			additionalFields: { monetaryValue: 8640, note: 'Order #1077' },
		}),
		stempV2('Remove points', {
			resource: 'points',
			operation: 'remove',
			walletPassId: picked(POINTS_PASS),
			points: 6,
		}),
		stempV2('Set points', {
			resource: 'points',
			operation: 'set',
			walletPassId: picked(POINTS_PASS),
			points: 400,
		}),
		stempV2('Redeem', {
			resource: 'points',
			operation: 'redeem',
			walletPassId: picked(POINTS_PASS),
			rewardTierId: picked('rt_croissant', 'list'),
		}),
		stempV2('Complete redemption', {
			resource: 'redemption',
			operation: 'complete',
			redemptionId: "={{ $('Redeem').first().json.id }}",
		}),
		stempV2('Redeem again', {
			resource: 'points',
			operation: 'redeem',
			walletPassId: picked(POINTS_PASS),
			rewardTierId: picked('rt_cake'),
		}),
		stempV2('Cancel redemption', {
			resource: 'redemption',
			operation: 'cancel',
			redemptionId: "={{ $('Redeem again').first().json.id }}",
		}),
		stempV2('Redemptions', {
			resource: 'points',
			operation: 'getRedemptions',
			walletPassId: picked(POINTS_PASS),
			filters: { status: 'COMPLETED' },
		}),
		stempV2('Points history', {
			resource: 'points',
			operation: 'getHistory',
			walletPassId: picked(POINTS_PASS),
			returnAll: true,
		}),
		stempV2('Complete a card', {
			resource: 'stamp',
			operation: 'add',
			walletPassId: picked('wp_jane_0001'),
		}),
		stempV2('Stamp rewards', {
			resource: 'reward',
			operation: 'getAll',
			walletPassId: picked('wp_jane_0001'),
		}),
		stempV2('Claim reward', {
			resource: 'reward',
			operation: 'claim',
			rewardId: "={{ $('Stamp rewards').first().json.id }}",
		}),
		stempV2('Push to pass', {
			resource: 'notification',
			operation: 'send',
			target: 'pass',
			walletPassId: picked(POINTS_PASS),
			body: 'Your reward is waiting',
			additionalFields: { header: 'Reward unlocked' },
		}),
		stempV2('Push to template', {
			resource: 'notification',
			operation: 'send',
			target: 'template',
			templateId: picked('tpl_points'),
			body: 'Double points this weekend',
		}),
		stempV2('Push history', {
			resource: 'notification',
			operation: 'getAll',
			templateId: picked('tpl_points'),
			returnAll: true,
		}),
		stempV2('Failed deliveries', {
			resource: 'webhookDelivery',
			operation: 'getAll',
			filters: { status: 'FAILED' },
		}),
		stempV2('Retry delivery', {
			resource: 'webhookDelivery',
			operation: 'retry',
			eventId: "={{ $('Failed deliveries').first().json.id }}",
		}),
		stempV2('Delivery stats', { resource: 'webhookDelivery', operation: 'getStats' }),
		// Saved on version 2 when the Wallet Pass ID was still a plain field.
		stempV2('Stamps (saved as plain text)', {
			resource: 'stamp',
			operation: 'get',
			walletPassId: STAMP_PASS,
		}),
	],
);

/** Bad data from upstream: a stamp count out of range. */
export const stempBadInput = lineWorkflow('e2eStempBadInput', 'e2e: stemp, bad input', [
	setFields('Scanned pass', { walletPassId: STAMP_PASS, stamps: 12 }),
	stemp('Set stamps', {
		operation: 'set',
		walletPassId: '={{ $json.walletPassId }}',
		stamps: '={{ $json.stamps }}',
	}),
]);

/** Bad data from upstream: an e-mail address that is not one. */
export const stampedBadInput = lineWorkflow('e2eStampedBadInput', 'e2e: Stamped, bad input', [
	setFields('Order', { email: 'jane.example.com', points: 10 }),
	stamped('Add points', {
		resource: 'points',
		operation: 'update',
		email: '={{ $json.email }}',
		action: 'add',
		points: '={{ $json.points }}',
	}),
]);

/** n8n's own Webhook node, answering at once: proves the server-side plumbing the trigger tests rely on. */
export const webhookProbe = chainWorkflow('e2eWebhookProbe', 'e2e: webhook probe', [
	{
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: '5b0e6f0a-2d4c-4f7e-8a61-3c9d2b7e1f00',
		parameters: { httpMethod: 'POST', path: 'e2e-probe', responseMode: 'onReceived', options: {} },
	},
]);

/** A workflow holding only a trigger of this package, listening to `events`. */
export function vendorTriggerWorkflow(
	id: string,
	trigger: 'stampedTrigger' | 'stempTrigger',
	events: string[],
	webhookId: string,
): WorkflowJson {
	const credentialType = trigger === 'stampedTrigger' ? 'stampedApi' : 'stempApi';
	const credentials = { [credentialType]: sandboxCredentialRef(credentialType) };
	return chainWorkflow(id, `e2e: ${trigger} (${events.join(', ')})`, [
		{
			name: 'Trigger',
			type: `n8n-nodes-stamped-stemp.${trigger}`,
			webhookId,
			parameters: { events },
			credentials,
		},
	]);
}

/** n8n's Send Email node through the sandbox's SMTP credential, as the tier-change example sends. */
export const emailProbe = lineWorkflow('e2eEmailProbe', 'e2e: e-mail probe', [
	{
		name: 'Send Email',
		type: 'n8n-nodes-base.emailSend',
		typeVersion: 2.1,
		parameters: {
			fromEmail: 'rewards@example.com',
			toEmail: 'jane@example.com',
			subject: 'Welcome to Gold!',
			emailFormat: 'text',
			text: 'You reached Gold.',
			options: { appendAttribution: false },
		},
		credentials: { smtp: sandboxCredentialRef('smtp') },
	},
]);

/**
 * The same workflow started by n8n's Webhook node (named like the Manual Trigger it replaces, so the same
 * expectations apply) at `/webhook/<path>`: a production execution, which queue mode hands to a worker (`n8n
 * execute` and the editor's manual runs stay on the main).
 */
export function viaWebhook(workflow: WorkflowJson, path: string): WorkflowJson {
	const webhook = {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
	return {
		...workflow,
		id: `${workflow.id}Hook`,
		name: `${workflow.name} (webhook)`,
		nodes: workflow.nodes.map((node) =>
			node.name === MANUAL_TRIGGER ? { ...node, ...webhook } : node,
		),
	};
}

/**
 * The same workflow for another of our packages: node types carry the package name
 * (`n8n-nodes-stamped-stemp.stamped` becomes `n8n-nodes-stamped.stamped`), the rest is unchanged. This is
 * what a user does to move a workflow between the combined package and a vendor's own.
 */
export function forPackage(workflow: WorkflowJson, packageName: string): WorkflowJson {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type.startsWith('n8n-nodes-stamped-stemp.')
				? { ...node, type: `${packageName}.${node.type.slice('n8n-nodes-stamped-stemp.'.length)}` }
				: node,
		),
	};
}
