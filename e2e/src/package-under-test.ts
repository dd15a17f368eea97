/** The package as users get it: the built dist/, packed by npm. */
import fs from 'node:fs';
import path from 'node:path';

import { PROJECT_ROOT } from './paths';
import { runOrThrow } from './processes';

/** Packs the built package into `destination` and returns the tarball's path. Needs `npm run build` first. */
export async function packPackage(destination: string): Promise<string> {
	if (!fs.existsSync(path.join(PROJECT_ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	fs.mkdirSync(destination, { recursive: true });
	const { stdout } = await runOrThrow('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: PROJECT_ROOT, timeoutMs: 60_000 });
	return path.join(destination, stdout.trim().split('\n').pop()!);
}

/** The node names the package declares in package.json's `n8n.nodes` (`dist/.../StempTrigger.node.js` → `stempTrigger`). */
export function packageNodeNames(): string[] {
	const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
	return (manifest.n8n?.nodes ?? []).map((file: string) => {
		const base = path.basename(file, '.node.js');
		return base.charAt(0).toLowerCase() + base.slice(1);
	});
}

export const PACKAGE_TYPE_PREFIX = 'n8n-nodes-stamped-stemp.';

/** Node types of this package that a workflow uses but the build does not have (n8n's own nodes always exist). */
export function missingNodeTypes(workflow: { nodes: Array<{ type: string }> }): string[] {
	const available = new Set(packageNodeNames().map((name) => PACKAGE_TYPE_PREFIX + name));
	return workflow.nodes.map((node) => node.type).filter((type) => type.startsWith(PACKAGE_TYPE_PREFIX) && !available.has(type));
}
