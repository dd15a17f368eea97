/**
 * The browser check of the resource locators (node version 2): in the playground's n8n, with headless Chromium,
 * each "From List" picker is opened in its node's panel, a search text is typed into n8n's own search box, and
 * the seeded record must show up among the entries the node's list search returned. Run by
 * `npm run screenshots`, which fails when a picker does not find its record.
 */
import type { Page } from 'playwright-core';

import type { Sandbox } from './sandbox';
import { sandboxCredentialRef } from './sandbox';

const TIMEOUT_MS = 60_000;

export const LOCATOR_WORKFLOW_ID = 'e2eLocators';

interface LocatorCase {
	/** The node (in the check's workflow) whose picker is opened. */
	node: string;
	/** The parameter the picker fills. */
	parameter: string;
	search: string;
	/** Text of the entry the search must show. */
	expected: string;
}

export const LOCATOR_CASES: LocatorCase[] = [
	{
		node: 'Stamped customer (v2)',
		parameter: 'email',
		search: 'ahmed',
		expected: 'ahmed@example.com',
	},
	{
		node: 'Stamped customer (v3)',
		parameter: 'email',
		search: 'mar',
		expected: 'maria@example.com',
	},
	{ node: 'Stamped review', parameter: 'reviewId', search: 'torn', expected: 'rev_1004' },
	{ node: 'Stamped reward', parameter: 'rewardId', search: '5 off', expected: 'rwd-5off' },
	{ node: 'Stamped tier', parameter: 'tier', search: 'gol', expected: 'Gold' },
	{ node: 'Stamped order', parameter: 'lookupValue', search: '5002', expected: 'web-5002' },
	{ node: 'Stamped product', parameter: 'lookupValue', search: 'grinder', expected: 'Grinder' },
	{
		node: 'stemp user',
		parameter: 'userId',
		search: 'shopify-1002',
		expected: 'ahmed@example.com',
	},
	{
		node: 'stemp wallet pass',
		parameter: 'walletPassId',
		search: 'maria',
		expected: 'wp_maria_0004',
	},
	{ node: 'stemp template', parameter: 'templateId', search: 'bakery', expected: 'tpl_points' },
	{ node: 'stemp reward tier', parameter: 'rewardTierId', search: 'cake', expected: 'rt_cake' },
];

const empty = { __rl: true, mode: 'list', value: '' };

/** One node per picker, on node version 2, with the sandbox's credentials; nothing is run. */
export function locatorWorkflow(): object {
	const stamped = (name: string, parameters: object, v3 = false) => ({
		name,
		type: 'n8n-nodes-stamped-stemp.stamped',
		typeVersion: 2,
		parameters: { apiVersion: v3 ? 'v3' : 'v2', ...parameters },
		credentials: { stampedApi: sandboxCredentialRef(v3 ? 'stampedApiV3' : 'stampedApi') },
	});
	const stemp = (name: string, parameters: object) => ({
		name,
		type: 'n8n-nodes-stamped-stemp.stemp',
		typeVersion: 2,
		parameters,
		credentials: { stempApi: sandboxCredentialRef('stempApi') },
	});
	const nodes = [
		stamped('Stamped customer (v2)', { resource: 'customer', operation: 'get', email: empty }),
		stamped(
			'Stamped customer (v3)',
			{ resource: 'customer', operation: 'get', email: empty },
			true,
		),
		stamped('Stamped review', {
			resource: 'review',
			operation: 'reply',
			reviewId: empty,
			reply: 'Thank you!',
		}),
		stamped(
			'Stamped reward',
			{ resource: 'reward', operation: 'redeem', email: empty, rewardId: empty },
			true,
		),
		stamped('Stamped tier', {
			resource: 'customer',
			operation: 'upsert',
			email: 'jane@example.com',
			additionalFields: { tier: empty },
		}),
		stamped('Stamped order', { resource: 'order', operation: 'get', lookupValue: empty }, true),
		stamped('Stamped product', { resource: 'product', operation: 'get', lookupValue: empty }, true),
		stemp('stemp user', { resource: 'user', operation: 'get', userId: empty }),
		stemp('stemp wallet pass', { resource: 'points', operation: 'get', walletPassId: empty }),
		stemp('stemp template', { resource: 'template', operation: 'get', templateId: empty }),
		stemp('stemp reward tier', {
			resource: 'points',
			operation: 'redeem',
			walletPassId: { __rl: true, mode: 'id', value: 'wp_maria_0004' },
			rewardTierId: empty,
		}),
	];
	return {
		id: LOCATOR_WORKFLOW_ID,
		name: 'Pickers (resource locators)',
		nodes: nodes.map((node, index) => ({
			...node,
			id: `${LOCATOR_WORKFLOW_ID}-${index}`,
			position: [(index % 3) * 260, Math.floor(index / 3) * 200],
		})),
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * The sandbox's rewards report is empty until a reward is redeemed: one is redeemed for Jane through the
 * sandbox's v3 API, as a shop's customer would, so the Reward picker has a record to find.
 */
export async function seedReward(
	sandbox: Sandbox,
	privateKey: string,
	shopId: string,
): Promise<void> {
	const headers = { 'stamped-api-key': privateKey, 'Content-Type': 'application/json' };
	const base = `${sandbox.stampedV3Url}`;
	const lookup = await fetch(
		`${base}/merchant/shops/${shopId}/customers/lookup?email=jane%40example.com`,
		{ headers },
	);
	const { customerId } = (await lookup.json()) as { customerId: string };
	const redeemed = await fetch(
		`${base}/loyalty/shops/${shopId}/customers/${customerId}/redeem-reward/rwd-5off`,
		{ method: 'POST', headers },
	);
	if (!redeemed.ok) throw new Error(`Redeeming a reward in the sandbox failed: ${redeemed.status}`);
}

export interface LocatorResult {
	node: string;
	parameter: string;
	search: string;
	expected: string;
	found: boolean;
	/** The entries the picker showed for the search. */
	entries: string[];
	error?: string;
}

/** Opens the picker of `check` in its node's panel, searches, and reports what it showed. */
export async function checkLocator(
	page: Page,
	check: LocatorCase,
	onOpen?: () => Promise<void>,
): Promise<LocatorResult> {
	const result: LocatorResult = { ...check, found: false, entries: [] };
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${check.node}"]`).dblclick();
	await page.getByTestId('ndv').waitFor({ timeout: TIMEOUT_MS });
	try {
		const field = page.getByTestId(`resource-locator-${check.parameter}`);
		await field.getByTestId('rlc-input').click();
		const search = page.locator(
			'[data-test-id="rlc-search"] input, input[data-test-id="rlc-search"]',
		);
		await search.first().waitFor({ timeout: TIMEOUT_MS });
		await search.first().fill(check.search);
		const items = page.getByTestId('rlc-item');
		const wanted = items.filter({ hasText: check.expected }).first();
		await Promise.race([
			wanted.waitFor({ timeout: TIMEOUT_MS }),
			page
				.getByTestId('rlc-error-container')
				.first()
				.waitFor({ timeout: TIMEOUT_MS })
				.then(async () => {
					result.error = await page.getByTestId('rlc-error-container').first().innerText();
				}),
		]).catch((error: Error) => {
			result.error ??= error.message.split('\n')[0];
		});
		result.entries = (await items.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
		result.found = result.entries.some((entry) => entry.includes(check.expected));
		if (onOpen) await onOpen();
	} finally {
		await page.keyboard.press('Escape');
		await page.keyboard.press('Escape');
		await page.getByTestId('ndv').waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
	}
	return result;
}
