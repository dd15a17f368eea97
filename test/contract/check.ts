/**
 * Stamped's published v3 reference as a check: every v3 request the fake API receives, and every answer its v3
 * handler serves, is held to the contract derived from the two OpenAPI files (stamped-v3-contract.json, made by
 * `npm run contract:derive`). The fake server records each difference; test/harness/contract-guard.ts fails the
 * test that caused it. The digest's quirks are allowed: numbers sent as numeric text, `page`/`limit` on the
 * lists that answer page objects, the merchant lists' answer as a bare page object or a one-element array of one,
 * an auth failure answered 401 where the loyalty file declares none.
 */
import contractJson from './stamped-v3-contract.json';

export type Shape =
	| 'string'
	| 'number'
	| 'boolean'
	| { array: Shape }
	| { object: Record<string, Shape> }
	| { ref: string };

export interface ContractOperation {
	operationId: string;
	file: string;
	method: string;
	/** The reference's path, e.g. `/api/v3/merchant/shops/{shopId}/orders/{orderId}`. */
	path: string;
	pathParams: string[];
	query: Record<string, Shape>;
	body?: Shape;
	answer: Shape | null;
	errors: number[];
}

interface Contract {
	sources: Record<string, string>;
	operationCount: number;
	operations: ContractOperation[];
	schemas: Record<string, Shape>;
}

export const contract = contractJson as unknown as Contract;

/** The prefix every path of the reference starts with, and the package's v3 Base URL ends with. */
export const V3_PATH_PREFIX = '/api/v3';

/** A v3 request as the fake API received it, its path below the `/api/v3` base. */
export interface ContractRequest {
	method: string;
	/** The path's segments, each decoded. */
	segments: string[];
	queryAll: Record<string, string[]>;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

const templateOf = (operation: ContractOperation) =>
	operation.path.slice(V3_PATH_PREFIX.length).split('/').filter(Boolean);

const describeOperation = (operation: ContractOperation) =>
	`${operation.operationId} (${operation.method} ${operation.path})`;

/**
 * The operation a method and path name. A literal segment wins over a template (`customers/lookup` before
 * `customers/{customerId}`), as the digest's quirk 8 says a router must.
 */
export function matchOperation(
	method: string,
	segments: string[],
): { operation?: ContractOperation; sameHost: ContractOperation[] } {
	const fits = contract.operations
		.map((operation) => ({ operation, template: templateOf(operation) }))
		.filter(
			({ template }) =>
				template.length === segments.length &&
				template.every(
					(part, index) =>
						(part.startsWith('{') && segments[index] !== '') || part === segments[index],
				),
		)
		.map(({ operation, template }) => ({
			operation,
			literals: template.filter((part) => !part.startsWith('{')).length,
		}))
		.sort((a, b) => b.literals - a.literals);
	const best = fits.filter((fit) => fit.literals === fits[0]?.literals);
	return {
		operation: best.find((fit) => fit.operation.method === method)?.operation,
		sameHost: best.map((fit) => fit.operation),
	};
}

/** The paged lists: the reference's page objects, whose `page` and `limit` the merchant lists do not declare. */
const isPagedList = (operation: ContractOperation) =>
	operation.method === 'GET' &&
	operation.answer !== null &&
	/^Paginated/.test(refName(operation.answer) ?? '');

function refName(shape: Shape): string | undefined {
	if (typeof shape === 'object' && 'ref' in shape) return shape.ref;
	if (typeof shape === 'object' && 'array' in shape) return refName(shape.array);
	return undefined;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Whether one query value fits its declared type (a query value is always text). */
function queryValueProblem(value: string, shape: Shape): string | undefined {
	if (shape === 'number' && !NUMERIC.test(value)) return `is not a number ("${value}")`;
	if (shape === 'boolean' && value !== 'true' && value !== 'false')
		return `is not true or false ("${value}")`;
	return undefined;
}

type Mode = 'request' | 'answer';

/**
 * Where `value` differs from `shape`, as "path: problem" lines. Requests are held to the declared types (a
 * declared number may come as numeric text); answers are read tolerantly (a declared string may be a number or a
 * boolean, a declared number numeric text, a declared boolean "true"/"false"). Undeclared fields are a
 * difference in requests only: the reference sets no `additionalProperties`, so answers may carry more.
 */
export function shapeProblems(value: unknown, shape: Shape, where: string, mode: Mode): string[] {
	if (typeof shape === 'object' && 'ref' in shape) {
		const named = contract.schemas[shape.ref];
		if (!named) return [`${where}: the contract has no schema ${shape.ref}`];
		return shapeProblems(value, named, where, mode);
	}
	const got = () =>
		value === null ? 'null' : Array.isArray(value) ? 'an array' : `${typeof value}`;
	if (shape === 'string') {
		if (typeof value === 'string') return [];
		if (
			mode === 'answer' &&
			(typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
		)
			return [];
		return [`${where}: expected a string, got ${got()} ${JSON.stringify(value)}`];
	}
	if (shape === 'number') {
		if (typeof value === 'number' && Number.isFinite(value)) return [];
		if (typeof value === 'string' && NUMERIC.test(value)) return [];
		return [`${where}: expected a number, got ${got()} ${JSON.stringify(value)}`];
	}
	if (shape === 'boolean') {
		if (typeof value === 'boolean') return [];
		if (mode === 'answer' && (value === 'true' || value === 'false')) return [];
		return [`${where}: expected a boolean, got ${got()} ${JSON.stringify(value)}`];
	}
	if ('array' in shape) {
		if (!Array.isArray(value)) return [`${where}: expected an array, got ${got()}`];
		return value.flatMap((entry, index) =>
			shapeProblems(entry, shape.array, `${where}[${index}]`, mode),
		);
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		return [`${where}: expected an object, got ${got()}`];
	const problems: string[] = [];
	for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
		const declared = shape.object[key];
		if (!declared) {
			if (mode === 'request') problems.push(`${where}.${key}: not a declared field`);
			continue;
		}
		problems.push(...shapeProblems(field, declared, `${where}.${key}`, mode));
	}
	return problems;
}

/** What in a v3 request differs from the reference; empty when it is one of the reference's operations. */
export function requestProblems(request: ContractRequest): string[] {
	const { operation, sameHost } = matchOperation(request.method, request.segments);
	const shown = `${request.method} /${request.segments.join('/')}`;
	if (!operation) {
		const others = [...new Set(sameHost.map((entry) => entry.method))];
		return [
			others.length > 0
				? `${shown}: the reference declares ${others.join(', ')} on this path, not ${request.method} (${sameHost.map((entry) => entry.operationId).join(', ')})`
				: `${shown}: no operation of Stamped's v3 reference has this path`,
		];
	}
	const problems: string[] = [];
	const key = request.headers['stamped-api-key'];
	if (typeof key !== 'string' || key === '')
		problems.push('no stamped-api-key header (the reference authenticates every call with it)');
	if (request.headers.authorization !== undefined)
		problems.push('an Authorization header, which the v3 reference never declares');
	const pagedList = isPagedList(operation);
	for (const [name, values] of Object.entries(request.queryAll)) {
		let declared = operation.query[name];
		if (!declared && pagedList && (name === 'page' || name === 'limit')) declared = 'number';
		if (!declared) {
			problems.push(`query parameter "${name}" is not declared`);
			continue;
		}
		const isArray = typeof declared === 'object' && 'array' in declared;
		if (!isArray && values.length > 1)
			problems.push(`query parameter "${name}" sent ${values.length} times`);
		const item = isArray ? (declared as { array: Shape }).array : declared;
		for (const value of values) {
			const problem = queryValueProblem(value, item);
			if (problem) problems.push(`query parameter "${name}" ${problem}`);
		}
	}
	const hasBody = request.body !== undefined && request.body !== '';
	if (operation.body === undefined) {
		if (hasBody) problems.push(`a body (${JSON.stringify(request.body)}), which it does not take`);
	} else if (!hasBody) {
		problems.push('no body');
	} else {
		problems.push(...shapeProblems(request.body, operation.body, 'body', 'request'));
	}
	return problems.map((problem) => `${describeOperation(operation)}: ${problem}`);
}

/** The statuses an operation may answer with an error: the declared ones, and 401 (quirk 5). */
const errorStatuses = (operation: ContractOperation) => new Set([...operation.errors, 401]);

/** What in an answer of the v3 handler differs from the reference's answer for that request. */
export function answerProblems(request: ContractRequest, status: number, body: unknown): string[] {
	const { operation } = matchOperation(request.method, request.segments);
	if (!operation) return [];
	const problems: string[] = [];
	if (status >= 400) {
		if (!errorStatuses(operation).has(status))
			problems.push(`answered ${status}, which the reference does not declare`);
		problems.push(
			...shapeProblems(body, { ref: 'ErrorMessage' }, 'error body', 'answer'),
			...(typeof (body as { message?: unknown } | undefined)?.message === 'string'
				? []
				: ['error body: no "message"']),
		);
	} else if (status !== 200) {
		problems.push(`answered ${status}; the reference declares 200`);
	} else if (operation.answer !== null) {
		let answer = operation.answer;
		let value = body;
		// Quirk 3: filterOrders / filterProducts declare an array of page objects; one page object is accepted too.
		if (typeof answer === 'object' && 'array' in answer && !Array.isArray(body)) {
			answer = answer.array;
		} else if (typeof answer === 'object' && 'array' in answer && Array.isArray(body)) {
			if (body.length !== 1)
				problems.push(`answer: an array of ${body.length} page objects, expected one`);
			value = body;
		}
		problems.push(...shapeProblems(value, answer, 'answer', 'answer'));
	}
	return problems.map((problem) => `${describeOperation(operation)}: ${problem}`);
}
