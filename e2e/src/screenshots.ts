/**
 * `npm run screenshots`: screenshots of the nodes in a real n8n for the README, re-runnable whenever n8n's UI or
 * the nodes change. Starts the pinned n8n with the packed package, the sandbox and the example workflows (as the
 * playground does, in a data folder of its own), signs in with headless Chromium and writes PNGs to
 * docs/screenshots/. Needs Debian's Chromium: `apt-get install -y chromium`.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { launchChromium, openNodeActions, signIn, UI_TIMEOUT_MS } from './browser';
import { loadExamples } from './examples';
import type { LocatorResult } from './locator-check';
import {
	checkLocator,
	LOCATOR_CASES,
	LOCATOR_WORKFLOW_ID,
	locatorWorkflow,
	seedReward,
} from './locator-check';
import { CURRENT_N8N } from './install';
import { prepareInstance } from './instance';
import { SANDBOX_KEYS } from '../../test/fake-api/sandbox';
import { PROJECT_ROOT } from './paths';

const OUTPUT_DIR = path.join(PROJECT_ROOT, 'docs', 'screenshots');

async function openWorkflow(page: Page, baseUrl: string, workflowId: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.getByTestId('canvas-node').first().waitFor({ timeout: UI_TIMEOUT_MS });
	await page.getByTestId('zoom-to-fit').click();
	await page.waitForTimeout(800); // the fit-view animation
}

function canvasNode(page: Page, name: string) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
}

/** Opens a node's panel (NDV), waits for it, and lets a caller screenshot it. */
async function openNode(page: Page, name: string): Promise<void> {
	await canvasNode(page, name).dblclick();
	await page.getByTestId('ndv').waitFor({ timeout: UI_TIMEOUT_MS });
	await page.waitForTimeout(800);
}

async function closeNode(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page.getByTestId('ndv').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

async function shoot(page: Page, file: string, what: string): Promise<void> {
	await page.screenshot({ path: path.join(OUTPUT_DIR, file) });
	console.log(`  ${file}: ${what}`);
}

async function main(): Promise<void> {
	fs.mkdirSync(OUTPUT_DIR, { recursive: true });
	const instance = await prepareInstance({
		dist: CURRENT_N8N,
		name: 'screenshots',
		workflows: [...loadExamples(), locatorWorkflow()],
	});
	const browser = await launchChromium();
	try {
		await instance.n8n.start();
		await instance.n8n.signIn();
		const page = await browser.newPage({
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 1,
		});
		const { baseUrl } = instance.n8n;
		await signIn(page, baseUrl);
		console.log(`Screenshots of n8n ${baseUrl} into ${path.relative(PROJECT_ROOT, OUTPUT_DIR)}/:`);

		// The pickers (resource locators): each one searched in the browser must find its seeded record.
		await seedReward(
			instance.sandbox,
			SANDBOX_KEYS.stampedV3.privateKey,
			SANDBOX_KEYS.stampedV3.storeHash,
		);
		await openWorkflow(page, baseUrl, LOCATOR_WORKFLOW_ID);
		const results: LocatorResult[] = [];
		for (const check of LOCATOR_CASES) {
			const shot =
				check.node === 'Stamped customer (v3)'
					? async () =>
							await shoot(
								page,
								'locator-stamped-customer.png',
								"the Stamped node's Customer picker, searched by e-mail",
							)
					: undefined;
			results.push(await checkLocator(page, check, shot));
		}
		console.log('Pickers searched in the browser:');
		for (const result of results) {
			console.log(
				`  ${result.found ? 'found' : 'MISSING'}  ${result.node} > ${result.parameter}: "${result.search}" → ${result.entries.join(' | ') || '(no entries)'}${result.error ? ` [${result.error}]` : ''}`,
			);
		}
		const missing = results.filter((result) => !result.found);
		if (missing.length > 0)
			throw new Error(
				`${missing.length} picker(s) did not find their seeded record in the browser`,
			);

		// A stemp node in a workflow, run against the sandbox.
		await openWorkflow(page, baseUrl, 'exPassScanned');
		await page.getByTestId('execute-workflow-button').click();
		await canvasNode(page, 'Add a stamp')
			.locator('[data-test-id="canvas-node-status-success"]')
			.waitFor({ timeout: UI_TIMEOUT_MS });
		await page.waitForTimeout(500);
		await shoot(
			page,
			'canvas-pass-scanned.png',
			'the "Pass scanned → add a stamp" example after a run',
		);
		await openNode(page, 'Add a stamp');
		await shoot(
			page,
			'panel-stemp-add.png',
			"the stemp node's panel: Add, with the card's new state as output",
		);
		await closeNode(page);

		// The Stamped node's parameters.
		await openWorkflow(page, baseUrl, 'exNewOrderPoints');
		await openNode(page, 'Create or update customer');
		await shoot(
			page,
			'panel-stamped-upsert.png',
			"the Stamped node's panel: Customer > Create or Update",
		);
		await closeNode(page);

		// A trigger: where to paste the URL, the secret warning, the events.
		await openWorkflow(page, baseUrl, 'exCardCompleted');
		await shoot(page, 'canvas-card-completed.png', 'the "Card completed → reward" example');
		await openNode(page, 'Card completed');
		// The trigger panel's "When will this node trigger my flow?" holds the set-up and a test delivery's shape.
		await page.getByText('When will this node trigger my flow?').click();
		await page.waitForTimeout(800);
		await shoot(
			page,
			'panel-stemp-trigger.png',
			"the stemp Trigger's panel: where to paste the URL and the secret, what a test delivery looks like",
		);
		await closeNode(page);

		// The nodes' action lists in n8n's node creator, tall enough to show every action.
		await page.setViewportSize({ width: 1440, height: 1700 });
		for (const [name, file] of [
			['Stamped', 'node-creator.png'],
			['stemp', 'node-creator-stemp.png'],
		]) {
			const actions = await openNodeActions(page, baseUrl, name);
			await shoot(page, file, `the ${name} node's actions in n8n's node creator`);
			for (const { group, title } of actions) console.log(`    ${group}: ${title}`);
		}
	} finally {
		await browser.close();
		await instance.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
