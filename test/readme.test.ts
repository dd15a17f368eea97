/**
 * The README's operation tables say what the registries say: the Stamped table by version is generated from
 * the registry (npm run readme:tables), and each per-version table of examples lists exactly the operations
 * that version offers, so an operation cannot be added or removed without the README following.
 */
import fs from 'node:fs';

const tables = require('../scripts/readme-tables.js') as {
	README: string;
	versionTable(): string;
	tableOperations(
		markdown: string,
		heading: string,
	): Array<{ resource?: string; operation: string }>;
	offeredPairs(registry: unknown, version?: string): string[];
	generatedBlock(markdown: string): { table: string };
	registries(): {
		stampedRegistry: { resources: Array<{ value: string; label: string }> };
		stempRegistry: { resources: Array<{ value: string; label: string }> };
	};
};

const markdown = fs.readFileSync(tables.README, 'utf8');
const { stampedRegistry, stempRegistry } = tables.registries();
const listed = (heading: string, onlyResource?: string) =>
	[
		...new Set(
			tables
				.tableOperations(markdown, heading)
				.map(({ resource, operation }) => `${resource ?? onlyResource} > ${operation}`),
		),
	].sort();

test('the Stamped table by version is the one the registry generates (npm run readme:tables rewrites it)', () => {
	expect(tables.generatedBlock(markdown).table).toBe(tables.versionTable());
});

test.each([
	['#### API v2', 'v2'],
	['#### API v3 (Loyalty 2.0)', 'v3'],
])('the "%s" table lists exactly the operations Stamped API %s offers', (heading, version) => {
	expect(listed(heading)).toEqual(
		[...new Set(tables.offeredPairs(stampedRegistry, version))].sort(),
	);
});

test('the stemp table lists exactly the operations the stemp node offers', () => {
	const onlyResource =
		stempRegistry.resources.length === 1 ? stempRegistry.resources[0].label : undefined;
	expect(listed('### stemp operations', onlyResource)).toEqual(
		[...new Set(tables.offeredPairs(stempRegistry))].sort(),
	);
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s-]/gu, '')
		.replace(/\s/g, '-');
const anchors = new Set(
	markdown
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => anchorOf(line.replace(/^#+ /, ''))),
);

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

test("the README's links to its own sections and to files in the repository all resolve", () => {
	const links = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target);
	const broken = links
		.filter((target) => !/^https?:/.test(target))
		.filter((target) => {
			const [file, anchor] = target.split('#');
			if (file === '') return !anchors.has(anchor);
			return !fs.existsSync(file);
		});
	expect(broken).toEqual([]);
});
