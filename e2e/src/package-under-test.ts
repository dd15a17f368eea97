/** The package as users get it: the built dist/, packed by npm. */
import fs from 'node:fs';
import path from 'node:path';

import { PROJECT_ROOT } from './paths';
import { runOrThrow } from './processes';

/** Packs the built package into `destination` and returns the tarball's path. Needs `npm run build` first. */
export async function packPackage(destination: string): Promise<string> {
	if (!fs.existsSync(path.join(PROJECT_ROOT, 'dist')))
		throw new Error('dist/ is missing: run `npm run build` first');
	fs.mkdirSync(destination, { recursive: true });
	const { stdout } = await runOrThrow(
		'npm',
		['pack', '--silent', '--pack-destination', destination],
		{ cwd: PROJECT_ROOT, timeoutMs: 60_000 },
	);
	return path.join(destination, stdout.trim().split('\n').pop()!);
}
