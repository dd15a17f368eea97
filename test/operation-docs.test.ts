/**
 * The per-operation docs (docs/operations/<node>.md) and the README's operations tables are what the generator
 * writes from the built registries (npm run docs:operations): an operation added, removed or described anew
 * fails here until they are written again. Hand-written notes name only operations that exist, and the v3
 * requests they name are in Stamped's published reference.
 */
import fs from 'node:fs';

import { anchorOf, headingAnchors } from './docs-links';

interface DocsNode {
	key: string;
	title: string;
	registry: 'stampedRegistry' | 'stempRegistry';
}
interface Registry {
	resources: Array<{ value: string; label: string }>;
	operations: Array<{ resource: string; operation: string; name: string }>;
}

const docs = require('../scripts/operation-docs.js') as {
	NODES: DocsNode[];
	README: string;
	pageFile(node: DocsNode): string;
	notesFile(node: DocsNode): string;
	operationsPage(node: DocsNode): string;
	readmeWithTables(markdown: string): string;
	readNotes(node: DocsNode): Map<string, string>;
	orphanNotes(node: DocsNode): string[];
};
const { registries } = require('../scripts/readme-tables.js') as {
	registries(): Record<DocsNode['registry'], Registry>;
};

const rewrite = 'run `npm run docs:operations` and commit what it writes';

describe.each(docs.NODES)('the $title node', (node) => {
	const registry = registries()[node.registry];
	const page = () => fs.readFileSync(docs.pageFile(node), 'utf8');

	test(`its page is the one the registry generates (${rewrite})`, () => {
		expect(page()).toBe(docs.operationsPage(node));
	});

	test('its page has one section per operation the registry declares, and a README row per resource', () => {
		const anchors = headingAnchors(page());
		const label = (resource: string) =>
			registry.resources.find((entry) => entry.value === resource)!.label;
		const sections = registry.operations.map((declaration) =>
			anchorOf(`${label(declaration.resource)} > ${declaration.name}`),
		);
		expect(sections.filter((section) => !anchors.has(section))).toEqual([]);
		const readme = fs.readFileSync(docs.README, 'utf8');
		for (const section of sections) expect(readme).toContain(`(${docs.pageFile(node)}#${section})`);
	});

	test('its notes name only resources and operations the registry declares', () => {
		expect(docs.orphanNotes(node)).toEqual([]);
		expect(docs.readNotes(node).size).toBeGreaterThan(0);
	});
});

test(`the README's operations tables are the ones the registries generate (${rewrite})`, () => {
	const readme = fs.readFileSync(docs.README, 'utf8');
	expect(readme).toBe(docs.readmeWithTables(readme));
});

test('a stale page is noticed: a changed description or a new operation changes what the generator writes', () => {
	const [stamped] = docs.NODES;
	const registry = registries()[stamped.registry] as Registry & {
		operations: Array<{ description: string }>;
	};
	const before = docs.operationsPage(stamped);
	const declaration = registry.operations[0];
	const description = declaration.description;
	try {
		declaration.description = `${description} (changed)`;
		expect(docs.operationsPage(stamped)).not.toBe(before);
	} finally {
		declaration.description = description;
	}
	expect(docs.operationsPage(stamped)).toBe(before);
});

test("the v3 requests the Stamped notes name are operations of Stamped's published reference", () => {
	const contract = JSON.parse(
		fs.readFileSync('test/contract/stamped-v3-contract.json', 'utf8'),
	) as { operations: Array<{ method: string; path: string }> };
	const pattern = (template: string) =>
		new RegExp(
			`^${template
				.replace(/^\/api\/v3/, '')
				.split('/')
				.map((segment) => (/^\{\w+\}$/.test(segment) ? '[^/]+' : segment))
				.join('/')}$`,
		);
	const published = contract.operations.map(({ method, path }) => ({
		method,
		path: pattern(path),
	}));
	const notes = fs.readFileSync(docs.notesFile(docs.NODES[0]), 'utf8');
	const named = [
		...notes.matchAll(/`(GET|POST|PATCH|DELETE) (\/(?:merchant|loyalty)\/shops\/[^`?\s]+)/g),
	].map(([, method, path]) => ({ method, path: path.replace(/\{[^}]+\}/g, 'x') }));
	expect(named.length).toBeGreaterThan(20);
	expect(
		named.filter(
			({ method, path }) =>
				!published.some((entry) => entry.method === method && entry.path.test(path)),
		),
	).toEqual([]);
});
