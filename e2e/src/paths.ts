/** Where things are. Found from the project root, so the same code works compiled (e2e/build) and under ts-jest. */
import fs from 'node:fs';
import path from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-stamped-stemp';

function findProjectRoot(from: string): string {
	for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (
			fs.existsSync(manifest) &&
			JSON.parse(fs.readFileSync(manifest, 'utf8')).name === PACKAGE_NAME
		)
			return dir;
	}
	throw new Error(`No ${PACKAGE_NAME} package.json above ${from}`);
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
export const E2E_DIR = path.join(PROJECT_ROOT, 'e2e');
export const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'examples');
/** The fake API compiled by `tsc -p e2e/tsconfig.json`. */
export const SANDBOX_MAIN = path.join(E2E_DIR, 'build', 'test', 'fake-api', 'main.js');

/**
 * n8n data folders (N8N_USER_FOLDER) live below e2e/, git-ignored (`e2e/.n8n-*`). Below e2e/ on purpose: the
 * installed package resolves `n8n-workflow` by walking up from `.n8n/nodes/node_modules`, and the first copy it
 * meets there must be n8n's own (e2e/node_modules), not the package's development copy in the root node_modules.
 */
export function dataFolder(name: string, under = E2E_DIR): string {
	return path.join(under, `.n8n-${name}`);
}
