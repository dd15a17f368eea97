// The single-service packages built from the same sources as n8n-nodes-stamped-stemp: n8n verifies a community
// package only when it integrates exactly one service, so each vendor also ships alone. A vendor package holds its
// nodes and credential from the combined build's dist/, the vendor-neutral core they import, and nothing of the
// other vendor: the files are the ones its entry points reach by `require`, and staging fails when one of them
// (or a TypeScript import, type-only ones included) belongs to the other vendor.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const combined = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** What each vendor package holds: its node folders and credential files, by name. The rest is derived. */
const VENDORS = [
	{
		name: 'n8n-nodes-stamped',
		service: 'Stamped.io',
		description:
			'n8n nodes for Stamped.io: loyalty customers, points, tiers, rewards, coupons, product reviews and review requests, a webhook trigger and a polling trigger',
		keywords: ['stamped', 'stamped.io', 'loyalty', 'points', 'reviews'],
		nodeFolders: ['Stamped', 'StampedTrigger', 'StampedPollingTrigger'],
		credentials: ['StampedApi'],
		readmeTemplate: 'vendor-packages/n8n-nodes-stamped.md',
		registry: 'stampedRegistry',
	},
	{
		name: 'n8n-nodes-stemp',
		service: 'stemp',
		description:
			'n8n nodes for stemp: digital stamp cards on Apple and Google Wallet passes (stamps and users) and a webhook trigger',
		keywords: ['stemp', 'stamp card', 'wallet pass', 'loyalty'],
		nodeFolders: ['Stemp', 'StempTrigger'],
		credentials: ['StempApi'],
		readmeTemplate: 'vendor-packages/n8n-nodes-stemp.md',
		registry: 'stempRegistry',
	},
];

/** Node.js modules node code may require besides n8n-workflow (the webhook triggers' signatures). */
const ALLOWED_EXTERNAL = new Set(['n8n-workflow', 'crypto', 'node:crypto']);

const folderOf = (file) => file.split('/').slice(0, 3).join('/');
const nodeFolder = (folder) => `dist/nodes/${folder}`;
const credentialFile = (name) => `dist/credentials/${name}.credentials.js`;

/** The combined manifest's entries that belong to a vendor. */
function manifestEntries(vendor) {
	const folders = vendor.nodeFolders.map(nodeFolder);
	return {
		nodes: combined.n8n.nodes.filter((file) => folders.includes(folderOf(file))),
		credentials: combined.n8n.credentials.filter((file) =>
			vendor.credentials.map(credentialFile).includes(file),
		),
	};
}

/** Whether a project-relative file (dist/… or its .ts source) belongs to the other vendor. */
function belongsToOther(vendor, file) {
	const normalised = file.replace(/^dist\//, '').replace(/\.ts$/, '.js');
	return VENDORS.filter((other) => other.name !== vendor.name).some(
		(other) =>
			other.nodeFolders.some((folder) => normalised.startsWith(`nodes/${folder}/`)) ||
			other.credentials.some((name) => normalised === `credentials/${name}.credentials.js`),
	);
}

/** The file a relative module path names, as Node.js and TypeScript resolve it: `x.js`, or `x/index.js`. */
function resolveModule(target, extension) {
	if (target.endsWith(extension)) return target;
	return fs.existsSync(path.join(root, `${target}${extension}`))
		? `${target}${extension}`
		: `${target}/index${extension}`;
}

/** The compiled files the entries reach through relative `require` calls, project-relative. */
function reachableFiles(entries) {
	const seen = new Set();
	const queue = [...entries];
	while (queue.length) {
		const file = queue.shift();
		if (seen.has(file)) continue;
		const absolute = path.join(root, file);
		if (!fs.existsSync(absolute))
			throw new Error(`${file} is missing: run \`npm run build\` first`);
		seen.add(file);
		const source = fs.readFileSync(absolute, 'utf8');
		for (const [, request] of source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
			if (!request.startsWith('.')) {
				if (!ALLOWED_EXTERNAL.has(request))
					throw new Error(
						`${file} requires "${request}": a vendor package may only use n8n-workflow`,
					);
				continue;
			}
			queue.push(resolveModule(path.posix.join(path.posix.dirname(file), request), '.js'));
		}
	}
	return [...seen].sort();
}

/** Relative imports of a TypeScript source (type-only ones too, which the compiled code no longer shows). */
function typeScriptImports(file) {
	const source = fs.readFileSync(path.join(root, file), 'utf8');
	return [
		...source.matchAll(
			/^(?:import|export)\b[^;]*?\bfrom\s+["'](\.[^"']+)["']|\bimport\(\s*["'](\.[^"']+)["']\s*\)/gm,
		),
	].map(([, from, dynamic]) =>
		resolveModule(path.posix.join(path.posix.dirname(file), from ?? dynamic), '.ts'),
	);
}

/**
 * Everything a vendor package holds, project-relative: the compiled code (`dist`), the TypeScript sources it
 * was built from (`sources`, for linting), and the icons and codex files of its node folders (`assets`).
 * Throws when anything of the other vendor would be included.
 */
function vendorFiles(vendor) {
	const { nodes, credentials } = manifestEntries(vendor);
	const dist = reachableFiles([...nodes, ...credentials]);
	const sources = dist.map((file) => file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	for (const source of sources) {
		const missing = typeScriptImports(source).filter((target) => !sources.includes(target));
		if (missing.length)
			throw new Error(
				`${source} imports ${missing.join(', ')}, which the compiled ${vendor.name} does not reach: ${missing.some((target) => belongsToOther(vendor, target)) ? "that is the other vendor's code" : 'a type-only import outside the package'}`,
			);
	}
	const foreign = [...dist, ...sources].filter((file) => belongsToOther(vendor, file));
	if (foreign.length)
		throw new Error(`${vendor.name} would include the other vendor's code: ${foreign.join(', ')}`);
	const assets = vendor.nodeFolders.flatMap((folder) =>
		fs
			.readdirSync(path.join(root, nodeFolder(folder)))
			.filter((name) => /\.(svg|png)$|\.node\.json$/.test(name))
			.map((name) => `${nodeFolder(folder)}/${name}`),
	);
	return { nodes, credentials, dist, sources, assets };
}

function vendorManifest(vendor, files) {
	const { repository } = combined;
	return {
		name: vendor.name,
		version: combined.version,
		description: vendor.description,
		keywords: ['n8n-community-node-package', 'n8n', ...vendor.keywords],
		license: combined.license,
		author: combined.author,
		repository: { type: repository.type, url: repository.url },
		homepage: combined.homepage,
		files: ['dist'],
		n8n: {
			n8nNodesApiVersion: combined.n8n.n8nNodesApiVersion,
			strict: combined.n8n.strict,
			credentials: files.credentials,
			nodes: files.nodes,
		},
		peerDependencies: combined.peerDependencies,
	};
}

/** One row per operation the vendor's action node offers, from its registry (the built one in dist/). */
function operationsTable(vendor) {
	const { registries, labelOf } = require('./readme-tables');
	const registry = registries()[vendor.registry];
	const versions = registry.versions?.values ?? [];
	const cell = (text) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
	return [
		`| resource | operation | ${versions.map((version) => `API ${version} | `).join('')}what it does |`,
		`|---|---|${versions.map(() => '---|').join('')}---|`,
		...registry.operations.map((declaration) => {
			const offered = versions.map((version) =>
				!declaration.versions || declaration.versions[version] ? 'yes' : '',
			);
			return `| ${labelOf(registry, declaration.resource)} | ${declaration.name} | ${offered.map((mark) => `${mark} | `).join('')}${cell(declaration.description)} |`;
		}),
	].join('\n');
}

/** The vendor's README: its template with the version, the full documentation's address and the operations. */
function vendorReadme(vendor) {
	const fill = (file) =>
		fs
			.readFileSync(path.join(root, file), 'utf8')
			.trimEnd()
			.replace(/\{\{(\w+)\}\}/g, (_, key) => {
				if (key === 'name') return vendor.name;
				if (key === 'version') return combined.version;
				if (key === 'homepage') return combined.homepage.replace(/#.*$/, '');
				if (key === 'operations') return operationsTable(vendor);
				// The install steps both vendor READMEs share.
				if (key === 'install') return fill('vendor-packages/install.md');
				throw new Error(`${file}: unknown placeholder {{${key}}}`);
			});
	return `${fill(vendor.readmeTemplate)}\n`;
}

function copy(file, destination, transform) {
	const target = path.join(destination, file);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	if (transform)
		fs.writeFileSync(target, transform(fs.readFileSync(path.join(root, file), 'utf8')));
	else fs.copyFileSync(path.join(root, file), target);
}

/**
 * Writes a vendor package into `destination` as a project of its own: package.json, README.md, LICENSE, the
 * compiled dist/ (what npm packs) and the TypeScript sources beside it (what n8n's linting reads).
 */
function stageVendorPackage(vendor, destination) {
	const files = vendorFiles(vendor);
	fs.rmSync(destination, { recursive: true, force: true });
	fs.mkdirSync(destination, { recursive: true });
	for (const file of [...files.dist, ...files.sources]) copy(file, destination);
	// The codex names the node by its type, which carries the package name.
	const renamed = (text) => text.replaceAll(`"${combined.name}.`, `"${vendor.name}.`);
	// Beside the compiled files and beside the sources, as in the project (the scanner reads both).
	for (const file of files.assets) {
		const transform = file.endsWith('.json') ? renamed : undefined;
		copy(file, destination, transform);
		copy(file.replace(/^dist\//, ''), destination, transform);
	}
	fs.writeFileSync(
		path.join(destination, 'package.json'),
		`${JSON.stringify(vendorManifest(vendor, files), null, 2)}\n`,
	);
	fs.writeFileSync(path.join(destination, 'README.md'), vendorReadme(vendor));
	fs.copyFileSync(path.join(root, 'LICENSE'), path.join(destination, 'LICENSE'));
	return files;
}

/** Where `npm run pack:vendors` stages the packages (git-ignored, inside the project so linting resolves n8n-workflow). */
const STAGING = path.join(root, '.vendor-packages');

/** Stages and packs a vendor package; returns the tarball's path. */
function packVendorPackage(vendor, tarballDestination) {
	const staged = path.join(STAGING, vendor.name);
	stageVendorPackage(vendor, staged);
	fs.mkdirSync(tarballDestination, { recursive: true });
	const output = execFileSync(
		'npm',
		['pack', '--silent', '--ignore-scripts', '--pack-destination', tarballDestination],
		{ cwd: staged, encoding: 'utf8' },
	);
	return path.join(tarballDestination, output.trim().split('\n').pop());
}

module.exports = {
	VENDORS,
	STAGING,
	vendorFiles,
	vendorManifest,
	stageVendorPackage,
	packVendorPackage,
	belongsToOther,
};

/** Packs the combined package as it is (`npm pack` in the project); returns the tarball's path. */
function packCombinedPackage(tarballDestination) {
	fs.mkdirSync(tarballDestination, { recursive: true });
	const output = execFileSync(
		'npm',
		['pack', '--silent', '--pack-destination', tarballDestination],
		{
			cwd: root,
			encoding: 'utf8',
		},
	);
	return path.join(tarballDestination, output.trim().split('\n').pop());
}

module.exports.packCombinedPackage = packCombinedPackage;

// `npm run pack:vendors [-- <folder>]`: the three tarballs, side by side (in the project unless a folder is given),
// each printed with its absolute path, ready for `npm install <path>` in n8n's nodes folder (see the README's Install).
if (require.main === module) {
	const destination = path.resolve(process.argv[2] ?? root);
	const tarballs = [
		packCombinedPackage(destination),
		...VENDORS.map((vendor) => packVendorPackage(vendor, destination)),
	];
	console.log(`Packed ${tarballs.length} packages:`);
	for (const tarball of tarballs) console.log(`  ${path.resolve(tarball)}`);
}
