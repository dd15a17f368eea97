/**
 * Stamped API v3 breadth in a running n8n 2.x: a workflow that redeems a reward, lists customers with Filters
 * (sent to the v3 customer list) and lists the rewards; and the node's dropdowns (v2 tier names, v3 rewards)
 * loaded through n8n's own options endpoint, as the editor loads them, a vendor error included.
 */
import { SANDBOX_KEYS } from '../../test/fake-api/sandbox';
import { CURRENT_N8N } from '../src/install';
import { nodeOutput } from '../src/n8n';
import { sandboxCredentialRef } from '../src/sandbox';
import { postDelivery, waitForExecutions, webhookUrl } from '../src/webhooks';
import { routes } from './support/expectations';
import { useInstance } from './support/lifecycle';
import { chainWorkflow, stampedV3 } from './support/workflows';

const FILTERS = { email: 'ja', vipTier: 'Gold', pointsMin: 1000, pointsMax: 2000, tags: ['vip'] };

const v3Breadth = chainWorkflow(
	'e2eStampedV3Breadth',
	'e2e: Stamped API v3, customer filters and rewards',
	[
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: '0c6f3e2a-7b1d-4f5e-9a8c-2d4b6e8f1a13',
			parameters: {
				httpMethod: 'POST',
				path: 'e2e-v3-breadth',
				responseMode: 'onReceived',
				options: {},
			},
		},
		stampedV3('Redeem reward', {
			resource: 'reward',
			operation: 'redeem',
			email: 'jane@example.com',
			rewardId: 'rwd-5off',
		}),
		stampedV3(
			'Filtered customers',
			{ resource: 'customer', operation: 'getAll', returnAll: true, filters: FILTERS },
			true,
		),
		stampedV3('Rewards', { resource: 'reward', operation: 'getAll', returnAll: true }, true),
	],
);

const instance = useInstance({
	dist: CURRENT_N8N,
	name: 'e2e-stamped-v3-breadth',
	workflows: [v3Breadth],
	serve: true,
	publish: [v3Breadth.id],
});

const SHOP = SANDBOX_KEYS.stampedV3.storeHash;

/** What the editor asks n8n for when a dropdown opens (POST /rest/dynamic-node-parameters/options). */
async function dropdown(
	methodName: string,
	path: string,
	credential: 'stampedApi' | 'stampedApiV3',
	currentNodeParameters: Record<string, unknown>,
) {
	return await instance.n8n.rest<Array<{ name: string; value: string }>>(
		'POST',
		'/dynamic-node-parameters/options',
		{
			nodeTypeAndVersion: { name: 'n8n-nodes-stamped-stemp.stamped', version: 1 },
			path,
			methodName,
			currentNodeParameters,
			credentials: { stampedApi: sandboxCredentialRef(credential) },
		},
	);
}
const tierDropdown = () =>
	dropdown('getTierNames', 'additionalFields.tier', 'stampedApi', {
		apiVersion: 'v2',
		resource: 'customer',
		operation: 'upsert',
		email: '',
		additionalFields: {},
	});
const rewardDropdown = () =>
	dropdown('getRewards', 'rewardId', 'stampedApiV3', {
		apiVersion: 'v3',
		resource: 'reward',
		operation: 'redeem',
		email: '',
		rewardId: '',
	});

test('a v3 workflow runs customer Get Many with Filters and reward Get Many', async () => {
	const delivery = await postDelivery(await webhookUrl(instance.n8n, v3Breadth.id), '{}', {
		'Content-Type': 'application/json',
	});
	expect(delivery.status).toBe(200);
	const [execution] = await waitForExecutions(instance.n8n, v3Breadth.id, 1);

	// Jane: Gold, tagged vip, 1,620 points less the 500 the reward cost.
	expect(nodeOutput(execution, 'Filtered customers')).toEqual([
		expect.objectContaining({
			email: 'jane@example.com',
			activity: expect.objectContaining({ totalPoints: '1120', vipTier: 'Gold' }),
		}),
	]);
	// The sandbox's two seeded rewards, then the one just redeemed.
	expect(nodeOutput(execution, 'Rewards')).toEqual([
		expect.objectContaining({ rewardId: 'rwd-5off', couponCode: 'SANDBOX-0001' }),
		expect.objectContaining({ rewardId: 'rwd-variable', couponCode: 'SANDBOX-0002' }),
		expect.objectContaining({
			rewardId: 'rwd-5off',
			title: '$5 off',
			couponCode: 'LOYAL-0001',
			status: 'active',
		}),
	]);

	const log = await instance.sandbox.log();
	expect(routes(log).slice(-2)).toEqual([
		`GET /merchant/shops/${SHOP}/customers`,
		`GET /loyalty/shops/${SHOP}/rewards`,
	]);
	const customerList = log.find((entry) => entry.path === `/merchant/shops/${SHOP}/customers`)!;
	expect(customerList.queryAll).toEqual({
		email: ['ja'],
		vipTier: ['Gold'],
		pointsMin: ['1000'],
		pointsMax: ['2000'],
		tags: ['vip'],
		page: ['0'],
		limit: ['100'],
	});

	// Reward > Redeem's dropdown offers each reward rule found in the shop's rewards, once.
	const rewards = await rewardDropdown();
	expect(rewards.status).toBe(200);
	expect(rewards.data).toEqual([
		{ name: '$1 off per 100 points (rwd-variable)', value: 'rwd-variable' },
		{ name: '$5 off (rwd-5off)', value: 'rwd-5off' },
	]);
});

test("Customer > Create or Update's Tier dropdown lists the v2 shop's tiers", async () => {
	const tiers = await tierDropdown();
	expect(tiers.status).toBe(200);
	expect(tiers.data.map((option) => option.value)).toEqual(['Bronze', 'Silver', 'Gold']);
	expect(routes(await instance.sandbox.log())).toEqual([
		`GET /${SANDBOX_KEYS.stamped.storeHash}/loyalty/tiers`,
	]);
});

test("a failing load answers with Stamped's own message and no key", async () => {
	await instance.sandbox.inject([
		{
			vendor: 'stamped',
			path: '/loyalty/tiers',
			times: 10,
			kind: 401,
			body: { message: 'Unauthorized: the API key pair is not valid' },
		},
	]);
	const tiers = await tierDropdown();
	expect(tiers.status).not.toBe(200);
	const text = JSON.stringify(tiers.raw);
	expect(text).toContain('Unauthorized: the API key pair is not valid');
	for (const secret of [SANDBOX_KEYS.stamped.privateKey, SANDBOX_KEYS.stamped.publicKey])
		expect(text).not.toContain(secret);
});
