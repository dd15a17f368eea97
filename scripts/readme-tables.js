#!/usr/bin/env node
// The README's operation tables against the registries they describe (the built ones in dist/). Run it to
// rewrite the generated table after adding an operation; test/readme.test.ts fails while README.md disagrees.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const README = path.join(root, 'README.md');
const START = '<!-- generated from the registry: npm run readme:tables -->';
const END = '<!-- end of generated table -->';

function registries() {
	const { offeredOperations } = require(path.join(root, 'dist/nodes/core/registry'));
	const { stampedRegistry } = require(path.join(root, 'dist/nodes/Stamped/actions/registry'));
	const { stempRegistry } = require(path.join(root, 'dist/nodes/Stemp/actions/registry'));
	const evidence = require(path.join(root, 'dist/nodes/Stamped/transport/evidence'));
	return { offeredOperations, stampedRegistry, stempRegistry, evidence };
}

const labelOf = (registry, resource) =>
	registry.resources.find((entry) => entry.value === resource).label;

/**
 * Where an operation's requests come from, per version it is offered on: v3 requests are all in Stamped's
 * published reference; each v2 request's evidence is in the evidence table (nodes/Stamped/transport/evidence).
 */
function evidenceCell(declaration, offered) {
	const { evidence } = registries();
	const parts = [];
	if (offered.includes('v2')) {
		const found = evidence.v2EvidenceOf(declaration.resource, declaration.operation);
		if (found.length === 0)
			throw new Error(`no evidence for ${declaration.resource}.${declaration.operation}`);
		parts.push(`v2: ${found.map((entry) => evidence.EVIDENCE_LABELS[entry]).join(', ')}`);
	}
	if (offered.includes('v3')) parts.push(`v3: ${evidence.EVIDENCE_LABELS.reference}`);
	return parts.join('; ');
}

/** One row per Stamped operation: which API versions offer it, and where what it sends comes from. */
function versionTable() {
	const { stampedRegistry } = registries();
	const versions = stampedRegistry.versions.values;
	const rows = stampedRegistry.operations.map((declaration) => {
		const offeredBy = versions.filter(
			(version) => !declaration.versions || declaration.versions[version],
		);
		const offered = versions.map((version) => (offeredBy.includes(version) ? 'yes' : ''));
		return `| ${labelOf(stampedRegistry, declaration.resource)} | ${declaration.name} | ${offered.join(' | ')} | ${evidenceCell(declaration, offeredBy)} |`;
	});
	return [
		`| resource | operation | ${versions.map((version) => `API ${version}`).join(' | ')} | what it sends comes from |`,
		`|---|---|${versions.map(() => '---|').join('')}---|`,
		...rows,
	].join('\n');
}

/** The (resource, operation) pairs a README table lists, `Update (add)` counting as `Update`. */
function tableOperations(markdown, heading) {
	const lines = markdown.split('\n');
	const start = lines.findIndex((line) => line.trim() === heading);
	if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
	const header = lines.slice(start + 1).findIndex((line) => line.startsWith('|'));
	const table = [];
	for (let i = start + 1 + header; i < lines.length && lines[i].startsWith('|'); i++)
		table.push(lines[i]);
	const cells = (line) =>
		line
			.split(/(?<!\\)\|/)
			.slice(1, -1)
			.map((cell) => cell.trim());
	const columns = cells(table[0]);
	const resourceColumn = columns.indexOf('resource');
	const operationColumn = columns.indexOf('operation');
	return table.slice(2).map((line) => {
		const row = cells(line);
		return {
			resource: resourceColumn >= 0 ? row[resourceColumn] : undefined,
			operation: row[operationColumn].replace(/\s*\(.*\)$/, ''),
		};
	});
}

/** The (resource label, operation name) pairs a registry offers for a version, as strings. */
function offeredPairs(registry, version) {
	const { offeredOperations } = registries();
	return offeredOperations(registry, version).map(
		(declaration) => `${labelOf(registry, declaration.resource)} > ${declaration.name}`,
	);
}

function generatedBlock(markdown) {
	const start = markdown.indexOf(START);
	const end = markdown.indexOf(END);
	if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${START} ... ${END}`);
	return {
		before: markdown.slice(0, start + START.length),
		table: markdown.slice(start + START.length, end).trim(),
		after: markdown.slice(end),
	};
}

module.exports = {
	README,
	versionTable,
	tableOperations,
	offeredPairs,
	generatedBlock,
	registries,
	labelOf,
};

if (require.main === module) {
	const markdown = fs.readFileSync(README, 'utf8');
	const { before, after } = generatedBlock(markdown);
	fs.writeFileSync(README, `${before}\n${versionTable()}\n${after}`);
	console.log('README.md: the Stamped operations table was written from the registry');
}
