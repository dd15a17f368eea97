#!/usr/bin/env node
// Derives the compact contract the unit suite checks every Stamped v3 request and answer against
// (test/contract/stamped-v3-contract.json) from Stamped's published v3 reference: the two OpenAPI files kept in
// test/contract/openapi/stamped-v3/ (their source and date in SOURCE.md there). Run it again when they change:
//   npm run contract:derive [-- <folder with the two OpenAPI files> [<output file>]]
// The JSON keeps, per operation: method, path template, path parameters, declared query parameters and their
// types, the body's fields and types, and the 200 answer's shape; named schemas once, under `schemas`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.resolve(
	process.argv[2] ?? path.join(root, 'test', 'contract', 'openapi', 'stamped-v3'),
);
const FILES = ['merchant-data.json', 'loyalty-operations.json'];
const OUT = path.resolve(
	process.argv[3] ?? path.join(root, 'test', 'contract', 'stamped-v3-contract.json'),
);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** A schema in the contract's compact form: "string" | "number" | "boolean" | {array} | {object} | {ref}. */
function compact(schema, where) {
	if (!schema || typeof schema !== 'object') throw new Error(`${where}: no schema`);
	if (schema.$ref) {
		const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
		if (!name) throw new Error(`${where}: unsupported $ref ${schema.$ref}`);
		return { ref: name };
	}
	switch (schema.type) {
		case 'string':
		case 'number':
		case 'boolean':
			return schema.type;
		case 'integer':
			return 'number';
		case 'array':
			return { array: compact(schema.items, `${where}[]`) };
		case 'object':
		case undefined: {
			const fields = {};
			for (const [name, field] of Object.entries(schema.properties ?? {}))
				fields[name] = compact(field, `${where}.${name}`);
			return { object: fields };
		}
		default:
			throw new Error(`${where}: unsupported type ${schema.type}`);
	}
}

function jsonSchemaOf(content, where) {
	const json = content?.['application/json'];
	return json?.schema ? compact(json.schema, where) : undefined;
}

const operations = [];
const schemas = {};
const sources = {};
for (const file of FILES) {
	const raw = fs.readFileSync(path.join(source, file));
	sources[file] = createHash('sha256').update(raw).digest('hex');
	const spec = JSON.parse(raw.toString('utf8'));
	for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
		const entry = compact(schema, name);
		if (schemas[name] && JSON.stringify(schemas[name]) !== JSON.stringify(entry))
			throw new Error(`Schema ${name} differs between the files`);
		schemas[name] = entry;
	}
	for (const [template, item] of Object.entries(spec.paths)) {
		for (const method of METHODS) {
			const op = item[method];
			if (!op) continue;
			// Parameters declared on the path item apply to every operation below it (the merchant file's way).
			const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])];
			const query = {};
			for (const parameter of parameters.filter((entry) => entry.in === 'query'))
				query[parameter.name] = compact(parameter.schema ?? { type: 'string' }, parameter.name);
			const pathParams = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
			const ok = op.responses?.['200'];
			operations.push({
				operationId: op.operationId,
				file,
				method: method.toUpperCase(),
				path: template,
				pathParams,
				query,
				...(op.requestBody
					? { body: jsonSchemaOf(op.requestBody.content, `${op.operationId} body`) }
					: {}),
				answer: jsonSchemaOf(ok?.content, `${op.operationId} 200`) ?? null,
				errors: Object.keys(op.responses ?? {})
					.filter((status) => status !== '200')
					.map(Number),
			});
		}
	}
}

const contract = {
	$comment:
		"Derived by scripts/derive-v3-contract.mjs from Stamped's published v3 reference (test/contract/openapi/stamped-v3). Do not edit: run `npm run contract:derive`.",
	sources,
	operationCount: operations.length,
	operations,
	schemas,
};
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(contract, null, '\t') + '\n');
console.log(
	`${path.relative(root, OUT)}: ${operations.length} operations from ${FILES.join(', ')}`,
);
