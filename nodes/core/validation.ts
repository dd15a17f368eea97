import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Checks on one item's parameters, run before anything is sent. Every failure names the parameter as the user
 * sees it in the node panel and the index of the item it came from.
 */
export function inputError(node: INode, field: string, itemIndex: number, problem: string): NodeOperationError {
	return new NodeOperationError(node, `Invalid "${field}" in item ${itemIndex}: ${problem}`, {
		itemIndex,
		description: `Fix "${field}" for item ${itemIndex} (items count from 0). Nothing was sent.`,
	});
}

// Deliberately permissive: one "@", something on both sides, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

function quoted(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text === undefined ? 'nothing' : `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

export function requireText(node: INode, value: unknown, field: string, itemIndex: number): string {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string' || value.trim() === '') {
		throw inputError(node, field, itemIndex, 'it is empty');
	}
	return value.trim();
}

/**
 * An ID that goes into a URL path as one segment: text or a number, trimmed, never empty, `.` or `..`, never
 * holding control characters (the caller URL-encodes it). Anything else would address another resource.
 */
export function requirePathSegment(node: INode, value: unknown, field: string, itemIndex: number): string {
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw inputError(node, field, itemIndex, value === undefined || value === null || value === '' ? 'it is empty' : `${quoted(value)} is not text`);
	}
	const text = String(value).trim();
	if (text === '') throw inputError(node, field, itemIndex, 'it is empty');
	if (text === '.' || text === '..') throw inputError(node, field, itemIndex, `${quoted(text)} is not an ID`);
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(text)) throw inputError(node, field, itemIndex, 'it contains control characters');
	return text;
}

export function requireEmail(node: INode, value: unknown, field: string, itemIndex: number): string {
	const email = typeof value === 'string' ? value.trim() : '';
	if (!EMAIL.test(email)) {
		throw inputError(node, field, itemIndex, `${quoted(value)} is not a valid e-mail address`);
	}
	return email;
}

export function optionalMaxLength(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	maxLength: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = typeof value === 'string' ? value : String(value);
	if (text.length > maxLength) {
		throw inputError(node, field, itemIndex, `it is ${text.length} characters long; at most ${maxLength} are allowed`);
	}
	return text;
}

/** A whole number within bounds. Numeric strings from expressions are accepted; "1.5", "" and "5a" are not. */
export function requireInteger(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	{ min, max }: { min?: number; max?: number } = {},
): number {
	const number = toNumber(value);
	if (number === undefined || !Number.isInteger(number)) {
		throw inputError(node, field, itemIndex, `${quoted(value)} is not a whole number`);
	}
	if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
		throw inputError(node, field, itemIndex, `${number} is out of range (${rangeText(min, max)})`);
	}
	return number;
}

/** A finite number, e.g. an amount of money. */
export function requireNumber(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	{ min }: { min?: number } = {},
): number {
	const number = toNumber(value);
	if (number === undefined) {
		throw inputError(node, field, itemIndex, `${quoted(value)} is not a number`);
	}
	if (min !== undefined && number < min) {
		throw inputError(node, field, itemIndex, `${number} is out of range (${rangeText(min, undefined)})`);
	}
	return number;
}

/**
 * A calendar date as ISO 8601 `YYYY-MM-DD`. The date part of a date-time is kept as written, so the day never
 * moves with the time zone of the n8n instance; Luxon dates from expressions (`$now`) and JS dates work too.
 */
export function requireIsoDate(node: INode, value: unknown, field: string, itemIndex: number): string {
	let text = '';
	if (typeof value === 'string') text = value.trim();
	else if (value instanceof Date) text = value.toISOString();
	else if (value && typeof (value as { toISO?: unknown }).toISO === 'function') text = String((value as { toISO(): string }).toISO());
	const written = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text);
	const time = Date.parse(written ? written[1] : text);
	// JavaScript rolls 2026-02-30 over into March; a date that does not exist is refused instead.
	const exists = !written || (!Number.isNaN(time) && new Date(time).toISOString().startsWith(written[1]));
	if (!text || Number.isNaN(time) || !exists) {
		throw inputError(node, field, itemIndex, `${quoted(value)} is not a date (use ISO 8601, e.g. 2026-12-31)`);
	}
	return written ? written[1] : new Date(time).toISOString().slice(0, 10);
}

export function requireOneOf<T extends string>(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	allowed: readonly T[],
): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw inputError(node, field, itemIndex, `${quoted(value)} is not one of ${allowed.join(', ')}`);
	}
	return value as T;
}

/** A number, or a numeric string such as "150" (APIs that type numbers as text); anything else is undefined. */
export function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
	return undefined;
}

function rangeText(min?: number, max?: number): string {
	if (min !== undefined && max !== undefined) return `${min} to ${max}`;
	if (min !== undefined) return `at least ${min}`;
	return `at most ${max}`;
}

/** A list of non-empty strings, from a list or from comma-separated text. */
export function stringList(node: INode, value: unknown, field: string, itemIndex: number): string[] {
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
	if (!entries || entries.some((entry) => typeof entry !== 'string' && typeof entry !== 'number')) {
		throw inputError(node, field, itemIndex, `${quoted(value)} is not a list of texts`);
	}
	return entries.map((entry) => String(entry).trim()).filter(Boolean);
}
