/**
 * stemp's published OpenAPI file (openapi/stemp/openapi.json, see SOURCE.md there) as a check, derived when this
 * module loads: every stemp request the fake API receives in any unit test, and every answer its stemp handler
 * serves, is held to the operation the file declares for that method and path. The fake server records each
 * difference; test/harness/contract-guard.ts fails the test that caused it, naming the operation.
 *
 * Requests are held strictly: a declared path and method, declared query parameters of their types, a body with
 * only the declared fields, of their types, within their limits (lengths, minimum and maximum, patterns, enums,
 * int32), required fields present, and a bearer token. Answers are read as a client must: the declared status,
 * the required fields present, every declared field of its type; fields the file does not name are allowed.
 *
 * The file's quirks (docs/stemp.md), allowed here and nowhere else:
 * - paged reads declare one query object (`pageable`, or `page` on users/search) that Spring reads as plain
 *   `page`, `size` and `sort` parameters;
 * - `GET /users` declares no paging, but stemp's documentation pages it with `page` and `size`: both are allowed;
 * - no error answers are declared: any 4xx or 5xx is allowed when its body is one of stemp's documented error
 *   shapes (`{error: {code, message}}`, `{code, params}`, `{STANDARD_VALIDATION | CUSTOM_VALIDATION: {...}}`).
 */
import fs from 'node:fs';
import path from 'node:path';

/** The part of OpenAPI's schema object the file uses. */
export interface Schema {
	$ref?: string;
	type?: string;
	format?: string;
	properties?: Record<string, Schema>;
	required?: string[];
	items?: Schema;
	additionalProperties?: Schema | boolean;
	enum?: unknown[];
	minimum?: number;
	maximum?: number;
	minLength?: number;
	maxLength?: number;
	pattern?: string;
	nullable?: boolean;
}

interface Parameter {
	name: string;
	in: 'path' | 'query' | 'header' | 'cookie';
	required?: boolean;
	schema?: Schema;
}

interface OpenApiOperation {
	operationId: string;
	parameters?: Parameter[];
	requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
	responses?: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

interface OpenApiFile {
	info: { title: string; version: string };
	servers: Array<{ url: string }>;
	paths: Record<string, Record<string, OpenApiOperation | Parameter[]>>;
	components: { schemas: Record<string, Schema> };
}

/** One operation of the file, as the checks read it. */
export interface StempOperation {
	operationId: string;
	method: string;
	/** The file's path, e.g. `/v1/users/{identifier}`. */
	path: string;
	/** The path's segments below `/v1`: literals, and `{name}` for parameters. */
	template: string[];
	query: Record<string, { schema: Schema; required: boolean }>;
	/** Whether the file declares a `Pageable` query object, which Spring reads as `page`, `size` and `sort`. */
	pageable: boolean;
	body?: { schema: Schema; required: boolean };
	/** Every declared answer by status; `null` where the status has no body (204). */
	answers: Record<string, Schema | null>;
}

/** Where the file is: beside this module, or (compiled into e2e/build) in the project's test/contract. */
function openApiPath(): string {
	const candidates = [
		path.join(__dirname, 'openapi', 'stemp', 'openapi.json'),
		path.resolve(
			__dirname,
			'..',
			'..',
			'..',
			'..',
			'test',
			'contract',
			'openapi',
			'stemp',
			'openapi.json',
		),
	];
	const found = candidates.find((candidate) => fs.existsSync(candidate));
	if (!found)
		throw new Error(`stemp's OpenAPI file is missing (looked in ${candidates.join(', ')})`);
	return found;
}

export const STEMP_OPENAPI_FILE = openApiPath();
export const openApi = JSON.parse(fs.readFileSync(STEMP_OPENAPI_FILE, 'utf8')) as OpenApiFile;

/** The prefix every path of the file starts with; the credential's Base URL ends with it (`.../api/v1`). */
export const STEMP_PATH_PREFIX = '/v1';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'];

function deriveOperations(): StempOperation[] {
	const operations: StempOperation[] = [];
	for (const [filePath, item] of Object.entries(openApi.paths)) {
		if (!filePath.startsWith(`${STEMP_PATH_PREFIX}/`)) continue;
		const shared = (Array.isArray(item.parameters) ? item.parameters : []) as Parameter[];
		for (const method of METHODS) {
			const operation = item[method] as OpenApiOperation | undefined;
			if (!operation) continue;
			const parameters = [...shared, ...(operation.parameters ?? [])];
			const query: StempOperation['query'] = {};
			let pageable = false;
			for (const parameter of parameters.filter((entry) => entry.in === 'query')) {
				if (parameter.schema?.$ref === '#/components/schemas/Pageable') pageable = true;
				else
					query[parameter.name] = {
						schema: parameter.schema ?? { type: 'string' },
						required: parameter.required === true,
					};
			}
			const bodyContent = operation.requestBody?.content ?? {};
			const bodySchema = (bodyContent['application/json'] ?? Object.values(bodyContent)[0])?.schema;
			const answers: StempOperation['answers'] = {};
			for (const [status, response] of Object.entries(operation.responses ?? {})) {
				const content = response.content ?? {};
				answers[status] = (content['*/*'] ?? Object.values(content)[0])?.schema ?? null;
			}
			operations.push({
				operationId: operation.operationId,
				method: method.toUpperCase(),
				path: filePath,
				template: filePath.slice(STEMP_PATH_PREFIX.length).split('/').filter(Boolean),
				query,
				pageable,
				...(bodySchema
					? { body: { schema: bodySchema, required: operation.requestBody?.required === true } }
					: {}),
				answers,
			});
		}
	}
	return operations;
}

export const stempOperations = deriveOperations();

/** A named schema of the file. */
export function schemaNamed(name: string): Schema {
	const schema = openApi.components.schemas[name];
	if (!schema) throw new Error(`stemp's OpenAPI file has no schema ${name}`);
	return schema;
}

function resolve(schema: Schema): Schema {
	let current = schema;
	for (let depth = 0; current.$ref && depth < 20; depth++) {
		const name = /^#\/components\/schemas\/(.+)$/.exec(current.$ref)?.[1];
		if (!name) throw new Error(`Unsupported $ref ${current.$ref}`);
		current = schemaNamed(name);
	}
	return current;
}

/**
 * The operation a method and path name (segments below `/v1`, each decoded). A literal segment wins over a
 * parameter (`users/search` before `users/{identifier}`, `walletpasses/validate` before
 * `walletpasses/{walletPassId}`), as Spring routes them.
 */
export function matchStempOperation(
	method: string,
	segments: string[],
): { operation?: StempOperation; samePath: StempOperation[] } {
	const onPath = stempOperations.filter(
		(operation) =>
			operation.template.length === segments.length &&
			operation.template.every(
				(part, index) =>
					(part.startsWith('{') && segments[index] !== '') || part === segments[index],
			),
	);
	// Spring picks among the mappings of the request's method: `GET walletpasses/validate` is the pass
	// "validate" (the literal path is mapped for POST only).
	const sameMethod = onPath.filter((operation) => operation.method === method);
	const fits = (sameMethod.length > 0 ? sameMethod : onPath)
		.filter(
			(operation) =>
				operation.template.length === segments.length &&
				operation.template.every(
					(part, index) =>
						(part.startsWith('{') && segments[index] !== '') || part === segments[index],
				),
		)
		.map((operation) => ({
			operation,
			literals: operation.template.filter((part) => !part.startsWith('{')).length,
		}))
		.sort((a, b) => b.literals - a.literals);
	const best = fits.filter((fit) => fit.literals === fits[0]?.literals);
	return {
		operation: best.find((fit) => fit.operation.method === method)?.operation,
		samePath: best.map((fit) => fit.operation),
	};
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

type Mode = 'request' | 'answer';

/**
 * Where `value` differs from `schema`, as "where: problem" lines. `request`: strict (no undeclared fields, limits
 * held); `answer`: tolerant of fields the file does not name and of null in optional fields.
 */
export function schemaProblems(
	value: unknown,
	schema: Schema,
	where: string,
	mode: Mode,
): string[] {
	const resolved = resolve(schema);
	const got = () => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);
	const shown = () => JSON.stringify(value)?.slice(0, 60);
	const type = resolved.type ?? (resolved.properties ? 'object' : undefined);
	if (resolved.enum && !resolved.enum.includes(value))
		return [`${where}: ${shown()} is not one of ${resolved.enum.join(', ')}`];
	switch (type) {
		case 'string': {
			if (typeof value !== 'string')
				return [`${where}: expected a string, got ${got()} ${shown()}`];
			const problems: string[] = [];
			if (resolved.maxLength !== undefined && value.length > resolved.maxLength)
				problems.push(`${where}: ${value.length} characters, at most ${resolved.maxLength}`);
			if (resolved.minLength !== undefined && value.length < resolved.minLength)
				problems.push(`${where}: ${value.length} characters, at least ${resolved.minLength}`);
			if (resolved.pattern && !new RegExp(resolved.pattern).test(value))
				problems.push(`${where}: ${shown()} does not match ${resolved.pattern}`);
			return problems;
		}
		case 'integer':
		case 'number': {
			if (typeof value !== 'number' || !Number.isFinite(value))
				return [`${where}: expected a number, got ${got()} ${shown()}`];
			const problems: string[] = [];
			if (type === 'integer' && !Number.isSafeInteger(value))
				problems.push(`${where}: ${value} is not a whole number within ±2^53`);
			if (resolved.format === 'int32' && (value < INT32.min || value > INT32.max))
				problems.push(`${where}: ${value} is beyond a 32-bit integer`);
			if (resolved.minimum !== undefined && value < resolved.minimum)
				problems.push(`${where}: ${value} is below the minimum ${resolved.minimum}`);
			if (resolved.maximum !== undefined && value > resolved.maximum)
				problems.push(`${where}: ${value} is above the maximum ${resolved.maximum}`);
			return problems;
		}
		case 'boolean':
			return typeof value === 'boolean' ? [] : [`${where}: expected a boolean, got ${got()}`];
		case 'array':
			if (!Array.isArray(value)) return [`${where}: expected an array, got ${got()}`];
			return value.flatMap((entry, index) =>
				schemaProblems(entry, resolved.items ?? {}, `${where}[${index}]`, mode),
			);
		case 'object': {
			if (value === null || typeof value !== 'object' || Array.isArray(value))
				return [`${where}: expected an object, got ${got()}`];
			const record = value as Record<string, unknown>;
			const problems: string[] = [];
			for (const field of resolved.required ?? []) {
				if (record[field] === undefined || record[field] === null)
					problems.push(`${where}.${field}: required, missing`);
			}
			const declared = resolved.properties ?? {};
			const extra = resolved.additionalProperties;
			for (const [key, field] of Object.entries(record)) {
				// Left out of the JSON that goes over the wire.
				if (field === undefined) continue;
				const fieldSchema = declared[key] ?? (typeof extra === 'object' ? extra : undefined);
				if (!fieldSchema) {
					// An object schema without properties (JsonNode, Unit) takes anything.
					if (mode === 'request' && Object.keys(declared).length > 0 && extra !== true)
						problems.push(`${where}.${key}: not a declared field`);
					continue;
				}
				if (field === null && mode === 'answer' && !(resolved.required ?? []).includes(key))
					continue;
				problems.push(...schemaProblems(field, fieldSchema, `${where}.${key}`, mode));
			}
			return problems;
		}
		default:
			return [];
	}
}

/** What a stemp request looks like to the checks: its path below `/v1`, split and decoded. */
export interface StempContractRequest {
	method: string;
	segments: string[];
	queryAll: Record<string, string[]>;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

const describeOperation = (operation: StempOperation) =>
	`stemp ${operation.operationId} (${operation.method} ${operation.path})`;

/** Whether a query value fits its declared type (query values are always text). */
function queryValueProblem(value: string, schema: Schema): string | undefined {
	const resolved = resolve(schema);
	if (resolved.enum && !resolved.enum.includes(value))
		return `is not one of ${resolved.enum.join(', ')} ("${value}")`;
	if (resolved.type === 'integer') {
		if (!/^-?\d+$/.test(value)) return `is not a whole number ("${value}")`;
		if (resolved.minimum !== undefined && Number(value) < resolved.minimum)
			return `is below ${resolved.minimum} ("${value}")`;
	}
	if (resolved.type === 'boolean' && value !== 'true' && value !== 'false')
		return `is not true or false ("${value}")`;
	return undefined;
}

const PAGING: Record<string, Schema> = {
	page: { type: 'integer', minimum: 0 },
	size: { type: 'integer', minimum: 1 },
	sort: { type: 'string' },
};

/** What in a stemp request differs from the file; empty when it is one of the file's operations, sent as declared. */
export function stempRequestProblems(request: StempContractRequest): string[] {
	const { operation, samePath } = matchStempOperation(request.method, request.segments);
	const shown = `${request.method} /${request.segments.join('/')}`;
	if (!operation) {
		const others = [...new Set(samePath.map((entry) => entry.method))];
		return [
			others.length > 0
				? `stemp ${shown}: the OpenAPI file declares ${others.join(', ')} on this path, not ${request.method} (${samePath.map((entry) => entry.operationId).join(', ')})`
				: `stemp ${shown}: no operation of stemp's OpenAPI file has this path`,
		];
	}
	const problems: string[] = [];
	const authorization = request.headers.authorization;
	if (typeof authorization !== 'string' || !/^Bearer \S+$/.test(authorization))
		problems.push('no bearer token (stemp authenticates every call with it)');
	const pagedByDocs = operation.operationId === 'getOrganizationUsers';
	for (const [name, values] of Object.entries(request.queryAll)) {
		const declared =
			operation.query[name]?.schema ??
			((operation.pageable || pagedByDocs) && name in PAGING ? PAGING[name] : undefined);
		if (!declared) {
			problems.push(`query parameter "${name}" is not declared`);
			continue;
		}
		if (values.length > 1 && name !== 'sort')
			problems.push(`query parameter "${name}" sent ${values.length} times`);
		for (const value of values) {
			const problem = queryValueProblem(value, declared);
			if (problem) problems.push(`query parameter "${name}" ${problem}`);
		}
	}
	for (const [name, { required }] of Object.entries(operation.query)) {
		if (required && !(name in request.queryAll))
			problems.push(`required query parameter "${name}" missing`);
	}
	const hasBody = request.body !== undefined && request.body !== '';
	if (!operation.body) {
		if (hasBody) problems.push(`a body (${JSON.stringify(request.body)}), which it does not take`);
	} else if (!hasBody) {
		if (operation.body.required) problems.push('no body, which it requires');
	} else {
		problems.push(...schemaProblems(request.body, operation.body.schema, 'body', 'request'));
	}
	return problems.map((problem) => `${describeOperation(operation)}: ${problem}`);
}

/** Whether a body is one of the error shapes stemp documents (the file declares none). */
export function isDocumentedStempError(body: unknown): boolean {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
	const record = body as Record<string, unknown>;
	const nested = record.error as Record<string, unknown> | undefined;
	if (nested && typeof nested === 'object' && typeof nested.code === 'string') return true;
	if (typeof record.code === 'string') return true;
	return ['STANDARD_VALIDATION', 'CUSTOM_VALIDATION'].some(
		(kind) => record[kind] && typeof record[kind] === 'object',
	);
}

/** What in an answer of the fake's stemp handler differs from the file's answer for that request. */
export function stempAnswerProblems(
	request: Pick<StempContractRequest, 'method' | 'segments'>,
	status: number,
	body: unknown,
): string[] {
	const { operation } = matchStempOperation(request.method, request.segments);
	if (!operation) return [];
	const problems: string[] = [];
	if (status >= 400) {
		if (!isDocumentedStempError(body))
			problems.push(`answered ${status} with a body in none of stemp's documented error shapes`);
	} else if (!(String(status) in operation.answers)) {
		problems.push(
			`answered ${status}; the file declares ${Object.keys(operation.answers).join(', ')}`,
		);
	} else {
		const schema = operation.answers[String(status)];
		if (schema === null) {
			if (body !== undefined && body !== '') problems.push(`answered ${status} with a body`);
		} else if (operation.operationId === 'getOrganizationUsers' && !Array.isArray(body)) {
			// The documentation's paged form of `GET /users`: its records, under any of the usual keys.
			const record = (body ?? {}) as Record<string, unknown>;
			const key = ['content', 'data', 'items'].find((candidate) =>
				Array.isArray(record[candidate]),
			);
			if (!key) problems.push('answer: neither the declared array nor a page of users');
			else problems.push(...schemaProblems(record[key], schema, `answer.${key}`, 'answer'));
		} else {
			problems.push(...schemaProblems(body, schema, 'answer', 'answer'));
		}
	}
	return problems.map((problem) => `${describeOperation(operation)}: ${problem}`);
}

/**
 * The smallest value a schema accepts, with every required field filled (texts empty or their enum's first
 * value, numbers their minimum, lists empty): what the fake serves under the fields it has its own values for.
 */
export function minimalInstance(schema: Schema, depth = 0): unknown {
	const resolved = resolve(schema);
	if (depth > 12) throw new Error('A required field refers back to itself');
	if (resolved.enum) return resolved.enum[0];
	const type = resolved.type ?? (resolved.properties ? 'object' : undefined);
	switch (type) {
		case 'string':
			if (resolved.pattern === '^#[0-9A-Fa-f]{6}$') return '#000000';
			if (resolved.format === 'date-time') return '2026-01-01T00:00:00Z';
			if (resolved.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
			return 'x'.repeat(resolved.minLength ?? 0);
		case 'integer':
		case 'number':
			return resolved.minimum ?? 0;
		case 'boolean':
			return false;
		case 'array':
			return [];
		case 'object': {
			const instance: Record<string, unknown> = {};
			for (const field of resolved.required ?? [])
				instance[field] = minimalInstance(resolved.properties?.[field] ?? {}, depth + 1);
			return instance;
		}
		default:
			return {};
	}
}
