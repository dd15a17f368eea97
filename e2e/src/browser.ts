/**
 * Headless Chromium driving a real n8n's editor, for the screenshots and the node creator check. Needs Debian's
 * Chromium (`apt-get install -y chromium`, or CHROMIUM_PATH) and playwright-core from the e2e install, so this
 * file is compiled after that install (see e2e/tsconfig.json).
 */
import fs from 'node:fs';

import type { Browser, Page } from 'playwright-core';
import { chromium, selectors } from 'playwright-core';

import { OWNER } from './n8n';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const UI_TIMEOUT_MS = 90_000;
// Chromium's own background traffic is refused on this network; these flags keep it quiet.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(
			`No Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH.`,
		);
	}
	selectors.setTestIdAttribute('data-test-id');
	return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export async function signIn(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.getByTestId('emailOrLdapLoginId').locator('input').fill(OWNER.email);
	await page.getByTestId('password').locator('input').fill(OWNER.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL(/home|workflows/, { timeout: UI_TIMEOUT_MS });
}

/** One entry of the node creator's action list: the group it sits under ("Customer Actions") and its title. */
export interface CreatorAction {
	group: string;
	title: string;
}

/**
 * Opens n8n's node creator on a new workflow, finds a node by its display name and opens its Actions list,
 * the Triggers list (its trigger node's events, merged in by n8n) folded away. Returns the listed actions in
 * the order shown.
 */
export async function openNodeActions(
	page: Page,
	baseUrl: string,
	displayName: string,
): Promise<CreatorAction[]> {
	await page.goto(`${baseUrl}/workflow/new`);
	await page.getByTestId('canvas-plus-button').first().click({ timeout: UI_TIMEOUT_MS });
	const creator = page.getByTestId('node-creator');
	await creator.waitFor({ timeout: UI_TIMEOUT_MS });
	await page.keyboard.type(displayName);
	await creator
		.getByTestId('node-creator-item-name')
		.getByText(displayName, { exact: true })
		.first()
		.click({ timeout: UI_TIMEOUT_MS });
	const category = (name: string) =>
		creator.locator(`[data-test-id="node-creator-category-item"][data-keyboard-nav-id="${name}"]`);
	await category('Actions').waitFor({ timeout: UI_TIMEOUT_MS });
	for (const [name, open] of [
		['Triggers', false],
		['Actions', true],
	] as const) {
		const section = category(name).locator('xpath=..');
		if (!(await section.count())) continue;
		const collapsed = (await section.getAttribute('data-category-collapsed')) === 'true';
		if (collapsed === open) await category(name).click();
	}
	const actions = category('Actions').locator('xpath=..');
	await actions
		.locator('[data-keyboard-nav-type="action"]')
		.first()
		.waitFor({ timeout: UI_TIMEOUT_MS });
	// n8n renders a long list a few items per animation frame: read it once its length stops growing.
	const items = actions.locator('[data-test-id="item-iterator-item"]');
	let count = -1;
	for (let round = 0; round < 50; round++) {
		await page.waitForTimeout(200);
		const now = await items.count();
		if (now === count) break;
		count = now;
	}
	const entries = await items.evaluateAll((items) =>
		items.map((item) => ({
			action: item.getAttribute('data-keyboard-nav-type') === 'action',
			text: (
				item.querySelector('[data-test-id="node-creator-item-name"]')?.textContent ??
				item.textContent ??
				''
			).trim(),
		})),
	);
	const listed: CreatorAction[] = [];
	let group = '';
	for (const entry of entries) {
		if (entry.action) listed.push({ group, title: entry.text });
		else group = entry.text;
	}
	return listed;
}
