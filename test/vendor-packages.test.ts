/**
 * The single-vendor packages (n8n-nodes-stamped, n8n-nodes-stemp) as `npm run pack:vendors` packs them: what
 * each tarball holds, its manifest against n8n's verified-node rules, and that nothing of the other vendor's
 * code is inside.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface Vendor {
	name: string;
	nodeFolders: string[];
	credentials: string[];
}

const vendors = require('../scripts/vendor-packages.js') as {
	VENDORS: Vendor[];
	vendorFiles(vendor: Vendor): { dist: string[] };
};

const root = path.resolve(__dirname, '..');
const combined = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const [stamped, stemp] = vendors.VENDORS;

/** Every packed file's text, by path inside the package (without the `package/` prefix). */
type Packed = Map<string, string>;
const packed = new Map<string, Packed>();
let tarballs: string[] = [];
let printed = '';
let destination = '';

beforeAll(() => {
	destination = fs.mkdtempSync(path.join(os.tmpdir(), 'vendor-packages-test-'));
	// Run from another folder, as a user may: the printed paths must not depend on it.
	printed = execFileSync('node', [path.join(root, 'scripts/vendor-packages.js'), destination], {
		cwd: os.tmpdir(),
		encoding: 'utf8',
	});
	tarballs = fs.readdirSync(destination).sort();
	for (const vendor of vendors.VENDORS) {
		const tarball = tarballs.find((file) => file.startsWith(`${vendor.name}-${combined.version}`))!;
		const unpacked = path.join(destination, vendor.name);
		fs.mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', path.join(destination, tarball), '-C', unpacked]);
		const files: Packed = new Map();
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const full = path.join(dir, entry.name);
				if (entry.isDirectory()) walk(full);
				else
					files.set(
						path.relative(path.join(unpacked, 'package'), full),
						fs.readFileSync(full, 'utf8'),
					);
			}
		};
		walk(unpacked);
		packed.set(vendor.name, files);
	}
	fs.rmSync(destination, { recursive: true, force: true });
}, 120_000);

test('npm run pack:vendors prints the absolute path of every tarball it wrote', () => {
	const lines = printed.trim().split('\n');
	expect(lines[0]).toBe('Packed 3 packages:');
	expect(
		lines
			.slice(1)
			.map((line) => line.trim())
			.sort(),
	).toEqual(tarballs.map((tarball) => path.join(destination, tarball)).sort());
	expect(lines.slice(1).every((line) => path.isAbsolute(line.trim()))).toBe(true);
});

test('npm run pack:vendors packs the combined package and both vendor packages side by side', () => {
	expect(tarballs).toEqual(
		[
			`n8n-nodes-stamped-${combined.version}.tgz`,
			`n8n-nodes-stamped-stemp-${combined.version}.tgz`,
			`n8n-nodes-stemp-${combined.version}.tgz`,
		].sort(),
	);
});

describe.each([
	{
		vendor: stamped,
		nodes: ['Stamped', 'StampedPollingTrigger', 'StampedTrigger'],
		credential: 'StampedApi',
		icons: ['dist/nodes/Stamped/stamped.svg', 'dist/nodes/Stamped/stamped.dark.svg'],
	},
	{
		vendor: stemp,
		nodes: ['Stemp', 'StempTrigger'],
		credential: 'StempApi',
		icons: ['dist/nodes/Stemp/stemp.svg', 'dist/nodes/Stemp/stemp.dark.svg'],
	},
])('$vendor.name', ({ vendor, nodes, credential, icons }) => {
	const files = () => packed.get(vendor.name)!;
	const manifest = () => JSON.parse(files().get('package.json')!);

	test('holds only package.json, README.md, LICENSE and dist/, icons included', () => {
		const paths = [...files().keys()];
		expect(paths.filter((file) => !file.startsWith('dist/')).sort()).toEqual([
			'LICENSE',
			'README.md',
			'package.json',
		]);
		expect(paths).toEqual(expect.arrayContaining(icons));
		expect(files().get('LICENSE')).toBe(fs.readFileSync(path.join(root, 'LICENSE'), 'utf8'));
	});

	test('its manifest names only its own nodes and credential and follows the verified-node rules', () => {
		const pkg = manifest();
		expect(pkg.name).toBe(vendor.name);
		expect(pkg.version).toBe(combined.version);
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.devDependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.repository.url).toBe(combined.repository.url);
		expect(pkg.repository.directory).toBeUndefined();
		expect(pkg.n8n.strict).toBe(true);
		expect(pkg.n8n.nodes).toEqual(nodes.map((node) => `dist/nodes/${node}/${node}.node.js`));
		expect(pkg.n8n.credentials).toEqual([`dist/credentials/${credential}.credentials.js`]);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials])
			expect(files().has(file)).toBe(true);
	});

	test('each codex names its node by the package', () => {
		for (const node of nodes) {
			const codex = JSON.parse(files().get(`dist/nodes/${node}/${node}.node.json`)!);
			expect(codex.node).toBe(`${vendor.name}.${node[0].toLowerCase()}${node.slice(1)}`);
		}
	});

	test("contains none of the other vendor's node, trigger, credential or transport code", () => {
		const other = vendors.VENDORS.find((candidate) => candidate !== vendor)!;
		const otherFolders = [
			...other.nodeFolders.map((folder) => `dist/nodes/${folder}/`),
			...other.credentials.map((name) => `dist/credentials/${name}`),
		];
		expect(
			[...files().keys()].filter((file) => otherFolders.some((folder) => file.startsWith(folder))),
		).toEqual([]);
		// No copy of any compiled file of the other vendor's own folders, wherever it sits.
		const otherCode = vendors
			.vendorFiles(other)
			.dist.filter((file) => otherFolders.some((folder) => file.startsWith(folder)))
			.map((file) => fs.readFileSync(path.join(root, file), 'utf8'));
		expect(otherCode.length).toBeGreaterThan(5);
		const contents = [...files().values()];
		expect(contents.filter((text) => otherCode.includes(text))).toEqual([]);
		// And none of the names and endpoints only the other vendor's code uses.
		const markers =
			vendor === stamped
				? [
						'stempApi',
						'StempTrigger',
						'class Stemp',
						'/walletpasses/',
						'stampsPath',
						'loyalty:manage',
					]
				: ['stampedApi', 'StampedTrigger', 'class Stamped', 'stamped-api-key', 'storeHash'];
		for (const marker of markers)
			expect(
				[...files()].filter(([, text]) => text.includes(marker)).map(([file]) => file),
			).toEqual([]);
	});

	test('its README says how to install it, lists its operations and links to the full documentation', () => {
		const readme = files().get('README.md')!;
		expect(readme).toContain(`# ${vendor.name}`);
		expect(readme).toContain(`npm install ${vendor.name}`);
		expect(readme).toContain('Settings > Community Nodes');
		expect(readme).toContain('N8N_UNVERIFIED_PACKAGES_ENABLED');
		expect(readme).toContain(combined.homepage.replace(/#.*$/, ''));
		expect(readme).not.toMatch(/\{\{\w+\}\}/);
		// Its links into the full documentation name headings the README has.
		const headings = fs
			.readFileSync(path.join(root, 'README.md'), 'utf8')
			.split('\n')
			.filter((line) => line.startsWith('#'))
			.map((line) =>
				line
					.replace(/^#+ /, '')
					.toLowerCase()
					.replace(/[^\p{L}\p{N}\s-]/gu, '')
					.replace(/\s/g, '-'),
			);
		const anchors = [...readme.matchAll(/n8n-nodes-stamped-stemp#([a-z0-9-]+)\)/g)].map(
			([, anchor]) => anchor,
		);
		expect(anchors.length).toBeGreaterThan(1);
		expect(anchors.filter((anchor) => !headings.includes(anchor))).toEqual([]);
		const rows = readme.split('\n').filter((line) => /^\| (?!resource|---)/.test(line));
		const registry = require(
			path.join(root, `dist/nodes/${vendor.nodeFolders[0]}/actions/registry`),
		);
		const { operations } = Object.values(registry)[0] as { operations: unknown[] };
		expect(rows).toHaveLength(operations.length);
	});
});

test('staging refuses a vendor package that would reach the other vendor', () => {
	// The stemp package with the Stamped credential added: that credential imports Stamped's transport.
	const mixed = { ...stemp, credentials: [...stemp.credentials, 'StampedApi'] };
	expect(() => vendors.vendorFiles(mixed)).toThrow(
		/n8n-nodes-stemp would include the other vendor's code: .*nodes\/Stamped\/transport\/version\.js/,
	);
});

test('the release workflow publishes the three packed packages from CI with provenance', () => {
	const workflow = fs.readFileSync(path.join(root, '.github/workflows/publish.yml'), 'utf8');
	expect(workflow).toMatch(/id-token:\s*write/);
	expect(workflow).toContain('npm run pack:vendors -- packages-to-publish');
	expect(workflow).toMatch(
		/for tarball in packages-to-publish\/\*\.tgz[\s\S]*npm publish "\$tarball" --provenance/,
	);
	expect(combined.scripts['pack:vendors']).toMatch(/scripts\/vendor-packages\.js$/);
});
