/**
 * The README as the house rules want it: for users, at most 400 lines, opening with exactly two set-up commands;
 * and the headings the nodes' documentation links point at are still there.
 */
import fs from 'node:fs';

import { headingAnchors } from './docs-links';

const markdown = fs.readFileSync('README.md', 'utf8');
const anchors = headingAnchors(markdown);

test('the README is at most 400 lines (the rest lives in docs/ and CONTRIBUTING.md)', () => {
	expect(markdown.trimEnd().split('\n').length).toBeLessThanOrEqual(400);
});

test('the README opens with exactly two set-up commands, then the Install section', () => {
	const firstBlock = /```bash\n([\s\S]*?)```/.exec(markdown)![1];
	expect(firstBlock.trim().split('\n')).toEqual([
		expect.stringMatching(/^npm ci && npm start\s+#/),
		expect.stringMatching(/^npm ci && npm test\s+#/),
	]);
	const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
	expect(headings[0]).toBe('## Install');
});

test("every documentation link of the nodes and credentials points at one of the README's headings", () => {
	const sources = [
		...fs
			.readdirSync('nodes', { recursive: true, encoding: 'utf8' })
			.map((file) => `nodes/${file}`),
		...fs.readdirSync('credentials').map((file) => `credentials/${file}`),
	].filter((file) => /\.(ts|json)$/.test(file));
	const linked = sources.flatMap((file) =>
		[...fs.readFileSync(file, 'utf8').matchAll(/n8n-nodes-stamped-stemp#([a-z0-9-]+)/g)].map(
			([, anchor]) => `${file}#${anchor}`,
		),
	);
	expect(linked.length).toBeGreaterThan(10);
	expect(linked.filter((link) => !anchors.has(link.split('#')[1]))).toEqual([]);
});

test('the README says the packages are not on npm yet, and installs a tarball the way the suites do', () => {
	expect(markdown).toMatch(/Not on npm yet/);
	// The suites' command (e2e/src/n8n.ts installPackage): the README gives the same flags, --omit=peer first of all.
	const suites = fs.readFileSync('e2e/src/n8n.ts', 'utf8');
	const flags = [
		...suites.slice(suites.indexOf('async installPackage(')).matchAll(/'(--[a-z-]+(?:=[a-z]+)?)'/g),
	]
		.map(([, flag]) => flag)
		.slice(0, 6);
	expect(flags).toContain('--omit=peer');
	const command = markdown.split('\n').find((line) => /^npm install \S+\.tgz /.test(line));
	expect(command?.split(' ').slice(3)).toEqual(flags);
});
