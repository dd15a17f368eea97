/**
 * The package as users get it: the built dist/, packed by npm; or one of the single-vendor packages built from
 * it (scripts/vendor-packages.js).
 */
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

/** The packages a test can install: the combined one, or one vendor's alone. */
export type PackageName = 'n8n-nodes-stamped-stemp' | 'n8n-nodes-stamped' | 'n8n-nodes-stemp';

interface VendorPackages {
	VENDORS: Array<{ name: string }>;
	packVendorPackage(vendor: { name: string }, destination: string): string;
}

/** Packs `name` (the combined package, or a vendor package staged from dist/) into `destination`. */
export async function packNamed(name: PackageName, destination: string): Promise<string> {
	if (name === 'n8n-nodes-stamped-stemp') return await packPackage(destination);
	const vendors = require(
		path.join(PROJECT_ROOT, 'scripts', 'vendor-packages.js'),
	) as VendorPackages;
	const vendor = vendors.VENDORS.find((candidate) => candidate.name === name);
	if (!vendor) throw new Error(`No vendor package named ${name}`);
	return vendors.packVendorPackage(vendor, destination);
}
