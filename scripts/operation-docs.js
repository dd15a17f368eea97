#!/usr/bin/env node
// The per-operation docs (docs/operations/<node>.md) and the README's operations tables, written from the built
// registries of both action nodes (dist/): every operation a registry declares gets a section, with no hand edit.
// Hand-written facts the registry cannot tell (what v3 and stemp requests look like, retries, output, examples)
// come from docs/operations/notes/<node>.md, one `## resource.operation` section each, and are optional.
// `npm run docs:operations` rewrites the files; test/operation-docs.test.ts fails while one of them is stale.
const fs = require('node:fs');
const path = require('node:path');

const { registries, labelOf, generatedBlock } = require('./readme-tables');

const root = path.resolve(__dirname, '..');
const { ITEMS_AT_ONCE } = require(path.join(root, 'dist/nodes/core/operation'));

const README = path.join(root, 'README.md');

/** The action nodes: their page, their notes, and where the README lists their operations. */
const NODES = [
	{
		key: 'stamped',
		title: 'Stamped',
		registry: 'stampedRegistry',
		credential: '[Stamped API credential](../../README.md#stamped-credentials)',
		readmeTable: 'stamped operations',
		intro: [
			"The credential's API Version decides which API is called. A parameter whose *API versions* are one version",
			'is always shown, and only that version uses it: a value the other version cannot store is refused before',
			'anything is sent. *Node version 1* is a node saved before pickers existed: it shows plain fields where node',
			"version 2 shows a picker. Every API v3 request follows Stamped's published reference. Stamped publishes no",
			"v2 reference: each v2 request names what confirms it, *Stamped's own plugins* (its Magento 2 and WooCommerce",
			'store plugins call it), *other integrations* (independent code that calls it) or *the source document only*',
			'(the third-party API guide the first operations came from); see [docs/stamped.md](../stamped.md). v2 paths',
			'are below `/{store}` (the Store Hash).',
		],
	},
	{
		key: 'stemp',
		title: 'stemp',
		registry: 'stempRegistry',
		credential: '[stemp API credential](../../README.md#stemp-credentials)',
		readmeTable: 'stemp operations',
	},
];

const pageFile = (node) => `docs/operations/${node.key}.md`;
const notesFile = (node) => `docs/operations/notes/${node.key}.md`;

/** GitHub's anchor for a heading: lower case, punctuation but `-` and `_` dropped, each space a hyphen. */
const anchorOf = (heading) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\s-]/gu, '')
		.replace(/\s/g, '-');

const operationTitle = (registry, declaration) =>
	`${labelOf(registry, declaration.resource)} > ${declaration.name}`;

/** Text for a table cell: no HTML, no line breaks, pipes escaped. */
const cell = (text) =>
	String(text ?? '')
		.replace(/<a [^>]*>([^<]*)<\/a>/g, '$1')
		.replace(/<[^>]+>/g, '')
		.replace(/\s*\n\s*/g, ' ')
		.replaceAll('|', '\\|')
		.trim();

const byLabel = (a, b) => a.localeCompare(b);

/** A description as a sentence: HTML dropped, a full stop at the end. */
const sentence = (text) => {
	const plain = cell(text);
	return plain === '' || /[.!?]$/.test(plain) ? plain : `${plain}.`;
};

/** The versions that offer a declaration (every version of the registry when it has no per-version entries). */
function versionsOffering(registry, declaration) {
	const all = registry.versions?.values ?? [];
	return declaration.versions ? all.filter((version) => declaration.versions[version]) : all;
}

/** "API v2 and Loyalty 2.0 (API v3)", or "Loyalty 2.0 (API v3) only". */
function versionSentence(registry, versions) {
	const { names, values } = registry.versions;
	const named = versions.map((version) => names[version] ?? version);
	return versions.length === values.length ? named.join(' and ') : `${named.join(', ')} only`;
}

/** The version a parameter's description says it belongs to ("API v2 only. ..."), if any. */
function parameterVersions(registry, property) {
	if (!registry.versions) return undefined;
	const description = property.description ?? '';
	const only = registry.versions.values.filter((version) =>
		description.startsWith(`${registry.versions.names[version]} only`),
	);
	return only.length > 0 ? only : undefined;
}

/** Whether a parameter's description starts with its version note (shown in its own column instead). */
function withoutVersionNote(registry, text) {
	if (!registry.versions) return text;
	for (const version of registry.versions.values) {
		const note = `${registry.versions.names[version]} only`;
		if (text.startsWith(note)) return text.slice(note.length).replace(/^[.:]\s*/, '');
	}
	return text;
}

/** How a parameter's type reads in the docs. */
function typeOf(property) {
	switch (property.type) {
		case 'string':
			if (property.typeOptions?.multipleValues) return 'list of text';
			return property.typeOptions?.password ? 'text (hidden)' : 'text';
		case 'number':
			return property.typeOptions?.numberPrecision === 0 ? 'whole number' : 'number';
		case 'boolean':
			return 'on/off';
		case 'dateTime':
			return 'date and time';
		case 'json':
			return 'JSON';
		case 'options':
			if (property.typeOptions?.loadOptionsMethod) return 'dropdown filled from the account';
			return `one of: ${property.options.map((option) => option.name).join(', ')}`;
		case 'multiOptions':
			if (property.typeOptions?.loadOptionsMethod)
				return 'several, from a list filled from the account';
			return `any of: ${property.options.map((option) => option.name).join(', ')}`;
		case 'resourceLocator':
			return `picker: ${property.modes.map((mode) => mode.displayName).join(', ')}`;
		case 'collection':
			return 'collection (add the fields you need)';
		case 'fixedCollection':
			return 'group of fields';
		default:
			return property.type;
	}
}

function defaultOf(property) {
	const value = property.default;
	if (value === '' || value === undefined || value === null) return '';
	if (typeof value === 'object') {
		if (Array.isArray(value) && value.length === 0) return '';
		if (!Array.isArray(value) && Object.keys(value).length === 0) return '';
		if (property.type === 'resourceLocator') return '';
	}
	if (property.type === 'options') {
		const option = property.options?.find((entry) => entry.value === value);
		if (option) return `\`${option.name}\``;
	}
	return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/** When a parameter shows, in words: the node version and the other parameters it depends on. */
function shownWhen(property, siblings) {
	const show = property.displayOptions?.show ?? {};
	const parts = [];
	for (const [name, values] of Object.entries(show)) {
		if (name === '@version') {
			const version = values[0];
			parts.push(
				typeof version === 'number'
					? `node version ${version}`
					: `node version ${version._cnd.gte} and later`,
			);
			continue;
		}
		const sibling = siblings.find((entry) => entry.name === name);
		const label = sibling?.displayName ?? name;
		const shown = values.map((value) => {
			const option = sibling?.options?.find((entry) => entry.value === value);
			return option ? option.name : JSON.stringify(value);
		});
		parts.push(`${label} is ${shown.join(' or ')}`);
	}
	return parts.join('; ');
}

/** One table row per parameter, a collection's fields below it (`Additional Fields > First Name`). */
function parameterRows(registry, properties, offered, prefix = '', siblings = properties) {
	const rows = [];
	for (const property of properties) {
		if (property.type === 'notice' || property.type === 'hidden') continue;
		const ownVersions = parameterVersions(registry, property);
		const versions = ownVersions ?? offered;
		const when = shownWhen(property, siblings);
		const description = withoutVersionNote(registry, property.description ?? '');
		const name = `${prefix}${property.displayName} (\`${property.name}\`)`;
		const versionCell = registry.versions ? ` ${versions.join(', ')} |` : '';
		rows.push(
			`| ${cell(name)} | ${cell(typeOf(property))} | ${property.required ? 'yes' : ''} | ${cell(defaultOf(property))} |${versionCell} ${cell([sentence(description), when && `Shown when ${when}.`].filter(Boolean).join(' '))} |`,
		);
		if (property.type === 'collection')
			rows.push(
				...parameterRows(
					registry,
					property.options,
					versions,
					`${prefix}${property.displayName} > `,
					property.options,
				),
			);
		if (property.type === 'fixedCollection')
			for (const group of property.options)
				rows.push(
					...parameterRows(
						registry,
						group.values,
						versions,
						`${prefix}${property.displayName} > ${group.displayName} > `,
						group.values,
					),
				);
	}
	return rows;
}

function parametersTable(registry, declaration, offered) {
	const rows = parameterRows(registry, declaration.properties, offered);
	if (rows.length === 0) return ['No parameters.'];
	const versionHeader = registry.versions ? ' API versions |' : '';
	const versionRule = registry.versions ? '---|' : '';
	return [
		`| parameter | type | required | default |${versionHeader} description |`,
		`|---|---|---|---|${versionRule}---|`,
		...rows,
	];
}

/** The notices the panel shows for the operation, as a list (with when they show). */
function notices(declaration) {
	return declaration.properties
		.filter((property) => property.type === 'notice')
		.map((property) => {
			const when = shownWhen(property, declaration.properties);
			return `- ${cell(property.displayName)}${when ? ` *(Shown when ${when}.)*` : ''}`;
		});
}

/** How the node runs the operation's input items, from what the declaration (or each version's entry) declares. */
function itemsSentence(registry, declaration) {
	const entries = declaration.versions
		? Object.entries(declaration.versions).map(([version, entry]) => [version, entry])
		: [[undefined, declaration]];
	const describe = (entry) => {
		if (entry.runItems?.itemsPerRequest)
			return `sent together, up to ${entry.runItems.itemsPerRequest} items per request, one request after another`;
		if (entry.subjectOf)
			return `up to ${ITEMS_AT_ONCE} at once; items on the same record wait for each other and run in input order`;
		return 'one at a time, in input order';
	};
	const described = entries.map(([version, entry]) => [version, describe(entry)]);
	if (new Set(described.map(([, text]) => text)).size === 1) return described[0][1];
	return described
		.map(([version, text]) => `${registry.versions.names[version] ?? version}: ${text}`)
		.join('; ');
}

/** The v2 requests the Stamped transport's evidence table declares for an operation, and where each comes from. */
function v2Requests(declaration) {
	const { evidence } = registries();
	const requests = evidence.V2_REQUESTS[`${declaration.resource}.${declaration.operation}`] ?? [];
	return requests.map(
		(request) =>
			`\`${request.method} ${request.path}\` (${evidence.EVIDENCE_LABELS[request.evidence]})`,
	);
}

/** The notes file of a node: its `## key` sections by key (`resource` or `resource.operation`). */
function readNotes(node) {
	const file = path.join(root, notesFile(node));
	const notes = new Map();
	if (!fs.existsSync(file)) return notes;
	let key;
	for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
		const heading = /^## (\S+)\s*$/.exec(line);
		if (heading) {
			key = heading[1];
			if (notes.has(key)) throw new Error(`${notesFile(node)}: "## ${key}" appears twice`);
			notes.set(key, []);
		} else if (key) notes.get(key).push(line);
	}
	return new Map([...notes].map(([name, lines]) => [name, lines.join('\n').trim()]));
}

/** Notes that name no resource or operation of the registry: a renamed or removed operation left them behind. */
function orphanNotes(node) {
	const registry = registries()[node.registry];
	const known = new Set([
		...registry.resources.map((resource) => resource.value),
		...registry.operations.map((declaration) => `${declaration.resource}.${declaration.operation}`),
	]);
	return [...readNotes(node).keys()].filter((key) => !known.has(key));
}

function operationSection(node, registry, declaration, notes) {
	const offered = versionsOffering(registry, declaration);
	const key = `${declaration.resource}.${declaration.operation}`;
	const lines = [
		`### ${operationTitle(registry, declaration)}`,
		'',
		`${sentence(declaration.description)}`,
		'',
	];
	if (registry.versions) lines.push(`- **API versions:** ${versionSentence(registry, offered)}.`);
	lines.push(
		`- **In n8n's node creator:** *${cell(declaration.action)}*; saved as resource \`${declaration.resource}\`, operation \`${declaration.operation}\`.`,
		`- **Items:** ${itemsSentence(registry, declaration)}.`,
	);
	const requests = offered.includes('v2') ? v2Requests(declaration) : [];
	if (requests.length > 0)
		lines.push(`- **API v2 requests, and what confirms them:** ${requests.join('; ')}.`);
	const note = notes.get(key);
	if (note) lines.push(note);
	lines.push('');
	const shown = notices(declaration);
	if (shown.length > 0) lines.push('The panel says:', '', ...shown, '');
	lines.push(...parametersTable(registry, declaration, offered), '');
	return lines;
}

/** A node's whole page. */
function operationsPage(node) {
	const registry = registries()[node.registry];
	const notes = readNotes(node);
	const orphans = orphanNotes(node);
	if (orphans.length > 0)
		throw new Error(
			`${notesFile(node)} has notes for ${orphans.join(', ')}, which the ${node.title} registry does not declare`,
		);
	const resources = registry.resources
		.filter((resource) =>
			registry.operations.some((declaration) => declaration.resource === resource.value),
		)
		.sort((a, b) => byLabel(a.label, b.label));
	const lines = [
		`# ${node.title} node: every operation`,
		'',
		`<!-- Generated by \`npm run docs:operations\` from the ${node.title} registry (dist/) and ${notesFile(node)}: edit those, not this file. -->`,
		'',
		`Every operation of the **${node.title}** node, one section each: what it does, its parameters, how it runs its`,
		'input items and, where the code or the notes tell, what it sends, when it is retried and what it outputs. It',
		`uses the ${node.credential}.`,
	];
	if (node.intro) lines.push('', ...node.intro);
	lines.push(
		'',
		`Resources: ${resources.map((resource) => `[${resource.label}](#${anchorOf(resource.label)})`).join(' · ')}`,
		'',
	);
	for (const resource of resources) {
		lines.push(`## ${resource.label}`, '', `${cell(resource.description)}.`, '');
		const note = notes.get(resource.value);
		if (note) lines.push(note, '');
		const declarations = registry.operations
			.filter((declaration) => declaration.resource === resource.value)
			.sort((a, b) => byLabel(a.name, b.name));
		for (const declaration of declarations)
			lines.push(...operationSection(node, registry, declaration, notes));
	}
	return `${lines.join('\n').trimEnd()}\n`;
}

/** The README's table of a node's operations, each linked to its section. */
function readmeTable(node) {
	const registry = registries()[node.registry];
	const resources = registry.resources
		.filter((resource) =>
			registry.operations.some((declaration) => declaration.resource === resource.value),
		)
		.sort((a, b) => byLabel(a.label, b.label));
	const rows = resources.map((resource) => {
		const declarations = registry.operations
			.filter((declaration) => declaration.resource === resource.value)
			.sort((a, b) => byLabel(a.name, b.name));
		const links = declarations.map((declaration) => {
			const offered = versionsOffering(registry, declaration);
			const only =
				registry.versions && offered.length < registry.versions.values.length
					? ` (${offered.join(', ')})`
					: '';
			return `[${declaration.name}](${pageFile(node)}#${anchorOf(operationTitle(registry, declaration))})${only}`;
		});
		return `| ${resource.label} | ${links.join(', ')} |`;
	});
	return ['| resource | operations |', '|---|---|', ...rows].join('\n');
}

/** The README with every generated table rewritten. */
function readmeWithTables(markdown) {
	let text = markdown;
	for (const node of NODES) {
		const { before, after } = generatedBlock(text, node.readmeTable);
		text = `${before}\n${readmeTable(node)}\n${after}`;
	}
	return text;
}

module.exports = {
	NODES,
	README,
	pageFile,
	notesFile,
	anchorOf,
	operationsPage,
	readmeTable,
	readmeWithTables,
	orphanNotes,
	readNotes,
};

if (require.main === module) {
	for (const node of NODES) {
		const file = path.join(root, pageFile(node));
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, operationsPage(node));
		console.log(`${pageFile(node)}: written from the ${node.title} registry`);
	}
	fs.writeFileSync(README, readmeWithTables(fs.readFileSync(README, 'utf8')));
	console.log('README.md: the operations tables were written from the registries');
}
