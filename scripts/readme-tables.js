#!/usr/bin/env node
// What the generated docs share: the built registries (dist/) and the README's generated blocks. The tables and
// pages themselves are written by scripts/operation-docs.js (`npm run docs:operations`; `npm run readme:tables`
// is the same command); vendor-packages.js reads the registries from here for the vendor READMEs.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const README = path.join(root, 'README.md');

function registries() {
	const { offeredOperations } = require(path.join(root, 'dist/nodes/core/registry'));
	const { stampedRegistry } = require(path.join(root, 'dist/nodes/Stamped/actions/registry'));
	const { stempRegistry } = require(path.join(root, 'dist/nodes/Stemp/actions/registry'));
	const evidence = require(path.join(root, 'dist/nodes/Stamped/transport/evidence'));
	return { offeredOperations, stampedRegistry, stempRegistry, evidence };
}

const labelOf = (registry, resource) =>
	registry.resources.find((entry) => entry.value === resource).label;

const startMarker = (name) =>
	`<!-- generated from the registry (${name}): npm run docs:operations -->`;
const END = '<!-- end of generated table -->';

/** The README around one generated block (`name`, e.g. "stamped operations"), and the block itself. */
function generatedBlock(markdown, name) {
	const START = startMarker(name);
	const start = markdown.indexOf(START);
	const end = markdown.indexOf(END, start);
	if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${START} ... ${END}`);
	return {
		before: markdown.slice(0, start + START.length),
		table: markdown.slice(start + START.length, end).trim(),
		after: markdown.slice(end),
	};
}

module.exports = { README, registries, labelOf, generatedBlock };

if (require.main === module) require('./operation-docs');
