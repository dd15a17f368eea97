#!/usr/bin/env node
// Lints the package as n8n's community-package scanner (@n8n/scan-community-package) does before listing it:
// the scanner's own ESLint config, inline `eslint-disable` comments ignored, applied to the sources
// (package.json, nodes/, credentials/) and to the files `npm pack` would publish (compiled .js, package.json).
// Unlike the scanner, warnings count too: the goal is zero findings.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ESLint } from 'eslint';
import glob from 'fast-glob';
import {
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(import.meta.dirname, '..');

async function lint(directory, patterns, label) {
	const eslint = new ESLint({
		cwd: directory,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
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
	const report = await (await eslint.loadFormatter('stylish')).format(results);
	console.log(`${label}: ${files.length} files, ${findings} findings`);
	if (findings > 0) console.log(report);
	return findings;
}

function unpackPublishedFiles() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-stamped-stemp-pack-'));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir, '--strip-components=1']);
	return dir;
}

if (!fs.existsSync(path.join(root, 'dist'))) {
	console.error('dist/ is missing: run `npm run build` first.');
	process.exit(1);
}

let findings = await lint(root, SOURCE_FILE_PATTERNS, 'sources');
const published = unpackPublishedFiles();
try {
	findings += await lint(published, ['**/*.js', 'package.json'], 'published package');
} finally {
	fs.rmSync(published, { recursive: true, force: true });
}
process.exit(findings > 0 ? 1 : 0);
