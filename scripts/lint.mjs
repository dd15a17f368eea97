#!/usr/bin/env node
// Lints every package we publish (the combined n8n-nodes-stamped-stemp and the single-vendor n8n-nodes-stamped and
// n8n-nodes-stemp, see scripts/vendor-packages.js) the two ways n8n does before verifying a community package:
// - n8n's scanner (@n8n/scan-community-package): its own ESLint config, eslint-plugin-n8n-nodes-base included,
//   inline `eslint-disable` comments ignored, applied to the sources (package.json, nodes/, credentials/) and to
//   the files `npm pack` publishes (compiled .js, package.json);
// - `@n8n/node-cli`'s `recommended` ESLint config (what `n8n-node lint` runs: ESLint's and typescript-eslint's
//   recommended rules, n8n's community-node rules, eslint-plugin-n8n-nodes-base), applied to the sources.
// Inline `eslint-disable` comments are ignored in both. Unlike the scanner, warnings count too: the goal is zero findings. Each vendor package is staged as a project
// of its own in .vendor-packages/ (its sources, dist/ and manifest), inside this project so imports resolve.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { ESLint } from 'eslint';
import glob from 'fast-glob';
import { config as nodeCliRecommended } from '@n8n/node-cli/eslint';
import {
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const require = createRequire(import.meta.url);
const { VENDORS, STAGING, stageVendorPackage } = require('./vendor-packages.js');

const root = path.resolve(import.meta.dirname, '..');

/** The files node-cli's config lints in a project (it lints TypeScript and package.json). */
const NODE_CLI_PATTERNS = ['package.json', '{nodes,credentials}/**/*.ts'];

async function lint(directory, patterns, config) {
	const eslint = new ESLint({
		cwd: directory,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: config,
	});
	const files = glob.sync(patterns, {
		cwd: directory,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	const findings = results.reduce(
		(sum, result) => sum + result.errorCount + result.warningCount,
		0,
	);
	return {
		files: files.length,
		findings,
		report: findings ? await (await eslint.loadFormatter('stylish')).format(results) : '',
	};
}

function unpackPublishedFiles(directory) {
	const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-pack-'));
	const tarball = execFileSync(
		'npm',
		['pack', '--silent', '--ignore-scripts', '--pack-destination', unpacked],
		{ cwd: directory, encoding: 'utf8' },
	)
		.trim()
		.split('\n')
		.pop();
	execFileSync('tar', [
		'-xzf',
		path.join(unpacked, tarball),
		'-C',
		unpacked,
		'--strip-components=1',
	]);
	return unpacked;
}

/** Lints one package (a project folder with package.json, sources and dist/); returns its findings. */
async function lintPackage(name, directory) {
	const scanner = await buildScanConfig();
	const runs = [['scanner, sources', directory, SOURCE_FILE_PATTERNS, scanner]];
	const published = unpackPublishedFiles(directory);
	let findings = 0;
	try {
		runs.push(
			['scanner, published files', published, ['**/*.js', 'package.json'], scanner],
			['node-cli recommended, sources', directory, NODE_CLI_PATTERNS, nodeCliRecommended],
		);
		for (const [label, cwd, patterns, config] of runs) {
			const result = await lint(cwd, patterns, config);
			console.log(`${name}: ${label}: ${result.files} files, ${result.findings} findings`);
			if (result.findings) console.log(result.report);
			findings += result.findings;
		}
	} finally {
		fs.rmSync(published, { recursive: true, force: true });
	}
	return findings;
}

if (!fs.existsSync(path.join(root, 'dist'))) {
	console.error('dist/ is missing: run `npm run build` first.');
	process.exit(1);
}

let findings = await lintPackage('n8n-nodes-stamped-stemp', root);
for (const vendor of VENDORS) {
	const staged = path.join(STAGING, vendor.name);
	stageVendorPackage(vendor, staged);
	findings += await lintPackage(vendor.name, staged);
}
process.exit(findings > 0 ? 1 : 0);
