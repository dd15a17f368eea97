/**
 * n8n's node creator in a running n8n 2.x, read in headless Chromium: the Stamped and stemp nodes' action lists
 * show every operation the registries declare exactly once, under its resource ("<Resource> Actions"), with its
 * action title, and nothing else. test/node-creator.test.ts derives the same list from the node description.
 */
import type { Browser, Page } from 'playwright-core';

import { PROJECT_ROOT } from '../src/paths';
import type { CreatorAction } from '../src/browser';
import { launchChromium, openNodeActions, signIn } from '../src/browser';
import { CURRENT_N8N } from '../src/install';
import { useInstance } from './support/lifecycle';

/* eslint-disable @typescript-eslint/no-require-imports */
const { stampedRegistry } = require(
	`${PROJECT_ROOT}/dist/nodes/Stamped/actions/registry`,
) as typeof import('../../nodes/Stamped/actions/registry');
const { stempRegistry } = require(
	`${PROJECT_ROOT}/dist/nodes/Stemp/actions/registry`,
) as typeof import('../../nodes/Stemp/actions/registry');
/* eslint-enable @typescript-eslint/no-require-imports */

type Registry = typeof stampedRegistry;

/** What the registry declares, in the editor's order: resources by label, each one's operations by name. */
function declaredActions(registry: Registry): CreatorAction[] {
	const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
	return [...registry.resources].sort(byLabel).flatMap((resource) =>
		registry.operations
			.filter((declaration) => declaration.resource === resource.value)
			.sort((a, b) => a.name.localeCompare(b.name))
			.map((declaration) => ({ group: `${resource.label} Actions`, title: declaration.action })),
	);
}

const instance = useInstance({ dist: CURRENT_N8N, name: 'e2e-node-creator', serve: true });

let browser: Browser;
let page: Page;
beforeAll(async () => {
	browser = await launchChromium();
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	await signIn(page, instance.n8n.baseUrl);
}, 120_000);
afterAll(async () => await browser?.close());

test.each([
	['Stamped', stampedRegistry],
	['stemp', stempRegistry],
])('the %s node lists each declared operation once, under its resource', async (name, registry) => {
	const listed = await openNodeActions(page, instance.n8n.baseUrl, name);
	expect(listed).toEqual(declaredActions(registry));
	expect(listed).toHaveLength(registry.operations.length);
});
