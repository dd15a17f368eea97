import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Checks on one item's parameters, run before anything is sent. Every failure names the parameter as the user
 * sees it in the node panel and the index of the item it came from.
 */
export function inputError(
	node: INode,
	field: string,
	itemIndex: number,
	problem: string,
): NodeOperationError {
	return new NodeOperationError(node, `Invalid "${field}" in item ${itemIndex}: ${problem}`, {
		itemIndex,
		description: `Fix "${field}" for item ${itemIndex} (items count from 0). Nothing was sent.`,
	});
}

// Deliberately permissive: one "@", something on both sides, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

function quoted(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text === undefined
		? 'nothing'
		: `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

/**
 * Whether a text holds a control character: C0 (NUL included) and DEL, and with `c1` also C1. They are never
 * part of an identifier, and some servers cut at them. A scan of character codes rather than a regular
 * expression, which ESLint's recommended rules (no-control-regex, in n8n's node linting) refuse.
 */
export function hasControlCharacter(text: string, c1 = true): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code <= 0x1f || code === 0x7f || (c1 && code >= 0x80 && code <= 0x9f)) return true;
	}
	return false;
}

/** What a value is, for refusals of values that are not text: "an object", "a list", "NaN"... */
function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'number') return String(value);
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

/**
 * A finite number as plain decimal text, never in exponent form: 0.0000001, not `1e-7` (JavaScript's own
 * writing of numbers below 10^-6 and from 10^21 on), which an API reading decimal text does not take as a number.
 */
export function decimalText(value: number): string {
	const text = String(value);
	const written = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
	if (!written) return text;
	const [, sign, head, tail = '', exponent] = written;
	const digits = head + tail;
	// Where the decimal point falls within the digits.
	const point = 1 + Number(exponent);
	if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
	if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
	return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A number given where text is sent (an ID, a tag, a name from an expression), written out as plain decimal
 * text. Refused beyond 2^53 - 1: such a number has already been rounded (JSON and expressions read numbers as
 * doubles), so `9007199254740993` would be sent as "9007199254740992", another ID.
 */
export function numberAsText(node: INode, value: number, field: string, itemIndex: number): string {
	if (!Number.isFinite(value))
		throw inputError(node, field, itemIndex, `it is ${value}, not a text`);
	if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
		throw inputError(
			node,
			field,
			itemIndex,
			`the number ${decimalText(value)} is beyond ${Number.MAX_SAFE_INTEGER} and may already have been rounded, so it could not be sent exactly; give it as text (in quotes)`,
		);
	}
	return decimalText(value);
}

/**
 * Text as sent: a string, or a finite number written out (see `numberAsText`). Objects, lists, booleans and NaN
 * are refused rather than sent as "[object Object]", "1,2", "true" or "NaN". Undefined, null and blank text are
 * `undefined`.
 */
function textOf(node: INode, value: unknown, field: string, itemIndex: number): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' && Number.isFinite(value))
		return numberAsText(node, value, field, itemIndex);
	if (typeof value !== 'string')
		throw inputError(node, field, itemIndex, `it is ${kindOf(value)}, not a text`);
	return value.trim() === '' ? undefined : value;
}

export function requireText(node: INode, value: unknown, field: string, itemIndex: number): string {
	const text = textOf(node, value, field, itemIndex);
	if (text === undefined) throw inputError(node, field, itemIndex, 'it is empty');
	return text.trim();
}

/**
 * An identifier that becomes one segment of a URL path (a wallet pass ID, a reward ID, a coupon code...),
 * trimmed. Refused: "." and ".." (the URL would resolve to another endpoint of the API, with the user's
 * credentials), blank text, control characters, and anything that is not text or a finite number.
 */
export function requirePathSegment(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const segment = requireText(node, value, field, itemIndex);
	const problem = pathSegmentProblem(segment);
	if (problem) throw inputError(node, field, itemIndex, problem);
	return segment;
}

/** Why a text cannot be a path segment, or undefined when it can. */
export function pathSegmentProblem(segment: string): string | undefined {
	if (segment.trim() === '') return 'it is empty';
	if (segment === '.' || segment === '..')
		return `"${segment}" is not an ID: as part of a URL it would address another endpoint`;
	if (hasControlCharacter(segment)) return 'it contains a control character';
	return undefined;
}

export function requireEmail(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const email = typeof value === 'string' ? value.trim() : '';
	if (!EMAIL.test(email) || hasControlCharacter(email)) {
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
	const text = textOf(node, value, field, itemIndex) ?? String(value);
	if (text.length > maxLength) {
		throw inputError(
			node,
			field,
			itemIndex,
			`it is ${text.length} characters long; at most ${maxLength} are allowed`,
		);
	}
	return text;
}

/**
 * A whole number within bounds. Numeric strings from expressions are accepted; "1.5", "" and "5a" are not, and
 * neither is anything beyond 2^53 - 1 (1e21, 2**53, "9007199254740993"): it could not be sent exactly.
 */
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
	if (!Number.isSafeInteger(number)) {
		throw inputError(
			node,
			field,
			itemIndex,
			`${quoted(value)} is too large to be sent exactly (at most ${Number.MAX_SAFE_INTEGER})`,
		);
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
	if (Math.abs(number) > Number.MAX_SAFE_INTEGER) {
		throw inputError(node, field, itemIndex, `${quoted(value)} is too large to be sent exactly`);
	}
	if (min !== undefined && number < min) {
		throw inputError(
			node,
			field,
			itemIndex,
			`${number} is out of range (${rangeText(min, undefined)})`,
		);
	}
	return number;
}

/**
 * A calendar date as ISO 8601 `YYYY-MM-DD`. The date part of a date-time is kept as written, so the day never
 * moves with the time zone of the n8n instance; Luxon dates from expressions (`$now`) and JS dates work too.
 * Other written forms ("Dec 31, 2026", "2026/12/31") keep their calendar day too: without a zone they are read
 * as a local date and its local day is kept, with one the day is read in that zone.
 */
export function requireIsoDate(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	let text = '';
	if (typeof value === 'string') text = value.trim();
	else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? '' : value.toISOString();
	else if (value && typeof (value as { toISO?: unknown }).toISO === 'function')
		text = String((value as { toISO(): string }).toISO());
	const written = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text);
	const day = written ? existingDay(written[1]) : text ? calendarDayOf(text) : undefined;
	if (!day) {
		throw inputError(
			node,
			field,
			itemIndex,
			`${quoted(value)} is not a date (use ISO 8601, e.g. 2026-12-31)`,
		);
	}
	return day;
}

/** `YYYY-MM-DD` when that day exists; JavaScript would roll 2026-02-30 over into March. */
function existingDay(day: string): string | undefined {
	const time = Date.parse(`${day}T00:00:00Z`);
	return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day) ? day : undefined;
}

const WRITTEN_ZONE = /(?:\b(?:Z|GMT|UTC)|[+-]\d{2}:?\d{2})\s*(?:\([^)]*\))?$/i;

/** The calendar day of a date written in another form than ISO 8601, independent of the machine's zone. */
function calendarDayOf(text: string): string | undefined {
	const time = Date.parse(text);
	if (Number.isNaN(time)) return undefined;
	const date = new Date(time);
	const zone = WRITTEN_ZONE.exec(text)?.[0];
	if (!zone) {
		// JavaScript read a zoneless date as local time: its local day is the day written.
		return isoDay(date.getFullYear(), date.getMonth() + 1, date.getDate());
	}
	const offset = /([+-])(\d{2}):?(\d{2})/.exec(zone);
	const offsetMinutes = offset
		? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]))
		: 0;
	const inZone = new Date(time + offsetMinutes * 60_000);
	return isoDay(inZone.getUTCFullYear(), inZone.getUTCMonth() + 1, inZone.getUTCDate());
}

function isoDay(year: number, month: number, day: number): string | undefined {
	if (year < 0 || year > 9999) return undefined;
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The one reader of every on/off parameter (Return All, Private, Send Email, Without Reply...): a boolean, or
 * the text "true" / "false" in any letter case, as an expression may give. Anything else ("yes", 1, "", null,
 * " true") is refused: the text "false" is truthy, and read loosely would publish a private reply or read every
 * record instead of the Limit.
 */
export function requireBoolean(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^(true|false)$/i.test(value))
		return value.toLowerCase() === 'true';
	throw inputError(node, field, itemIndex, `${quoted(value)} is not true or false`);
}

/** An on/off field of a collection, read as `requireBoolean` reads it; `fallback` when it was not added. */
export function optionalBoolean(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	fallback: boolean,
): boolean {
	return value === undefined ? fallback : requireBoolean(node, value, field, itemIndex);
}

/**
 * An ISO 4217 currency code: three letters, read in capitals ("eur" is sent as "EUR"). The one reader of every
 * currency field, on every API version.
 */
export function requireCurrency(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const code = requireText(node, value, field, itemIndex);
	// Checked before the capitals: "ı" (dotless i) would become a plain "I".
	if (!/^[A-Za-z]{3}$/.test(code))
		throw inputError(
			node,
			field,
			itemIndex,
			`"${code.toUpperCase()}" is not a three-letter currency code`,
		);
	return code.toUpperCase();
}

export function requireOneOf<T extends string>(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	allowed: readonly T[],
): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw inputError(
			node,
			field,
			itemIndex,
			`${quoted(value)} is not one of ${allowed.join(', ')}`,
		);
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
export function stringList(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string[] {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: undefined;
	const isText = (entry: unknown) =>
		typeof entry === 'string' || (typeof entry === 'number' && Number.isFinite(entry));
	if (!entries || !entries.every(isText)) {
		throw inputError(node, field, itemIndex, `${quoted(value)} is not a list of texts`);
	}
	return entries
		.map((entry) =>
			typeof entry === 'number' ? numberAsText(node, entry, field, itemIndex) : entry.trim(),
		)
		.filter(Boolean);
}

/**
 * A JSON parameter holding a list of objects (line items, variants...), as JSON text or as the list an
 * expression gave, each entry checked to be an object with only the fields named in `fields` (a field no API
 * reads is refused rather than dropped). `what` names one entry in messages ("line item"); `example` shows
 * valid JSON.
 */
export function requireRecordList(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
	{ what, example, fields }: { what: string; example: string; fields: readonly string[] },
): Array<{ entry: Record<string, unknown>; where: string }> {
	let parsed = value;
	if (typeof parsed === 'string') {
		try {
			parsed = JSON.parse(parsed);
		} catch {
			throw inputError(
				node,
				field,
				itemIndex,
				`it is not valid JSON (expected an array such as ${example})`,
			);
		}
	}
	if (!Array.isArray(parsed))
		throw inputError(node, field, itemIndex, `it must be an array of ${what}s (objects)`);
	return parsed.map((entry: unknown, position) => {
		const where = `${field}[${position}]`;
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
			throw inputError(node, where, itemIndex, `each ${what} must be an object`);
		const unknown = Object.keys(entry).filter((key) => !fields.includes(key));
		if (unknown.length > 0) {
			throw inputError(
				node,
				where,
				itemIndex,
				`${unknown.map((key) => `"${key}"`).join(', ')} ${unknown.length > 1 ? 'are not fields' : 'is not a field'} of a ${what} (it has ${fields.join(', ')})`,
			);
		}
		return { entry: entry as Record<string, unknown>, where };
	});
}
