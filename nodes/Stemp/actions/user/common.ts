import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LocatorDefinition } from '../../../core/locator';
import { listMode, readLocatorParameter, textMode } from '../../../core/locator';
import {
	inputError,
	numberAsText,
	requireEmail,
	requirePathSegment,
} from '../../../core/validation';

/** stemp's documented limits on a user's fields. */
export const USER_LIMITS = { email: 254, name: 150, phone: 20, externalId: 100 } as const;

export const userIdField: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'usr_abc123 or shopify-1001',
	description:
		"The user to use: stemp's user ID (usr_…) or the external ID the user was given, e.g. your shop's customer ID. stemp accepts either.",
	hint: 'Usually an expression from the previous node, e.g. {{ $json.customerId }}',
};

/**
 * The User picker of node version 2: stemp's users, by stemp's ID or by the external ID. stemp resolves either
 * at the same path, so every mode's value is used as the user ID.
 */
export const userLocator: LocatorDefinition = {
	description:
		"The user: pick one of stemp's users (type to filter by name, e-mail or ID), or enter stemp's user ID or your own external ID",
	modes: [
		listMode('searchUsers', 'Select a user...'),
		textMode('id', 'By ID', 'usr_abc123'),
		textMode('externalId', 'By External ID', 'shopify-1001'),
	],
};

/** The user ID on every node version (a plain field on 1, the User picker from 2). */
export function readUserId(ctx: IExecuteFunctions, itemIndex: number): string {
	return requirePathSegment(
		ctx.getNode(),
		readLocatorParameter(ctx, 'userId', itemIndex).value,
		'User ID',
		itemIndex,
	);
}

/** The user an item acts on, so that items on different users run side by side (see Operation.subjectOf). */
export function userOf(input: { userId: string }): string {
	return input.userId;
}

/** The optional user fields of Create's Additional Fields and Update's Update Fields (sorted by name). */
export const optionalUserFields: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		placeholder: 'shopify-1001',
		description:
			"Your own ID for this customer, e.g. your shop's or CRM's customer ID, at most 100 characters. Get, Update and Delete find the user by it.",
	},
	{
		displayName: 'Metadata',
		name: 'metadata',
		type: 'json',
		default: '{}',
		description:
			'Extra data to store with the user: key/value pairs whose values are text, numbers or true/false, e.g. {"tier": "gold", "visits": 3}, stored as the user\'s private metadata; or stemp\'s own form {"private": {...}, "public": {...}, "unsafe": {...}}, sent as it is. From an expression, an object works too.',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'Jane Doe',
		description: "The user's name, at most 150 characters",
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		placeholder: '+4915112345678',
		description: "The user's phone number, at most 20 characters",
	},
];

export const emailUserField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
	description: "The user's e-mail address, at most 254 characters",
};

function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** An optional text field: left out when empty, else trimmed text (numbers from expressions too) within `max`. */
function optionalText(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	max: number,
): string | undefined {
	if (isEmpty(value)) return undefined;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw inputError(ctx.getNode(), field, itemIndex, 'it is not text');
	}
	// A number (an external ID from an expression) beyond 2^53 is refused, not sent rounded.
	const text =
		typeof value === 'number' ? numberAsText(ctx.getNode(), value, field, itemIndex) : value.trim();
	if (text.length > max) {
		throw inputError(
			ctx.getNode(),
			field,
			itemIndex,
			`it is ${text.length} characters long; at most ${max} are allowed`,
		);
	}
	return text;
}

export function readUserEmail(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const email = requireEmail(ctx.getNode(), value, 'Email', itemIndex);
	if (email.length > USER_LIMITS.email) {
		throw inputError(
			ctx.getNode(),
			'Email',
			itemIndex,
			`it is ${email.length} characters long; at most ${USER_LIMITS.email} are allowed`,
		);
	}
	return email;
}

/** The parts of a user's metadata in stemp's OpenAPI file (`UserMetadata`). */
const METADATA_PARTS = ['private', 'public', 'unsafe'] as const;

/** Where a number in the metadata is beyond 2^53 - 1 (already rounded when JSON text was parsed), if anywhere. */
function unsafeNumberAt(value: unknown, where: string): string | undefined {
	if (typeof value === 'number')
		return Math.abs(value) > Number.MAX_SAFE_INTEGER ? where : undefined;
	if (value === null || typeof value !== 'object') return undefined;
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		const found = unsafeNumberAt(
			entry,
			Array.isArray(value) ? `${where}[${key}]` : `${where}.${key}`,
		);
		if (found) return found;
	}
	return undefined;
}

/**
 * Metadata as stemp stores it, given as JSON text (the field) or as an object (an expression). stemp's OpenAPI
 * file declares it as `{private, public, unsafe}`, each a JSON object; its documentation shows plain key/value
 * pairs. Both are accepted: an object whose keys are only those three parts is sent as it is; plain key/value
 * pairs (text, numbers, true/false) go into `private` (only your organization reads it). Empty means "not
 * given"; an object without keys is refused, since sending one on an update could wipe what stemp holds.
 */
function readMetadata(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): IDataObject | undefined {
	if (isEmpty(value)) return undefined;
	const refuse = (problem: string) => inputError(ctx.getNode(), 'Metadata', itemIndex, problem);
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw refuse('it is not valid JSON; write an object such as {"tier": "gold"}');
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
		throw refuse('it must be a JSON object such as {"tier": "gold"}');
	const entries = Object.entries(parsed as Record<string, unknown>);
	if (entries.length === 0) throw refuse('the object has no keys; leave the field out instead');
	const unsafe = unsafeNumberAt(parsed, 'metadata');
	if (unsafe) {
		throw refuse(
			`the number at ${unsafe} is beyond ±${Number.MAX_SAFE_INTEGER} and could not be sent exactly; write it as text (in quotes)`,
		);
	}
	const parts = entries.filter(([key]) => (METADATA_PARTS as readonly string[]).includes(key));
	if (parts.length === entries.length) {
		for (const [key, part] of parts) {
			if (part === null || typeof part !== 'object' || Array.isArray(part))
				throw refuse(`its "${key}" part must be a JSON object such as {"tier": "gold"}`);
		}
		return parsed as IDataObject;
	}
	if (parts.length > 0) {
		throw refuse(
			`it mixes stemp's parts (${parts.map(([key]) => `"${key}"`).join(', ')}) with plain keys; write either {"private": {...}, "public": {...}} or plain key/value pairs`,
		);
	}
	for (const [key, entry] of entries) {
		const scalar =
			typeof entry === 'string' ||
			typeof entry === 'boolean' ||
			(typeof entry === 'number' && Number.isFinite(entry));
		if (!scalar) throw refuse(`the value of "${key}" must be text, a number or true/false`);
	}
	return { private: parsed as IDataObject };
}

/** Reads the optional user fields of a collection into the body stemp expects; empty fields are left out. */
export function readUserFields(
	ctx: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const body: IDataObject = {};
	const set = (name: string, value: IDataObject[string] | undefined) => {
		if (value !== undefined) body[name] = value;
	};
	if (!isEmpty(fields.email)) set('email', readUserEmail(ctx, fields.email, itemIndex));
	set('name', optionalText(ctx, fields.name, 'Name', itemIndex, USER_LIMITS.name));
	set('phone', optionalText(ctx, fields.phone, 'Phone', itemIndex, USER_LIMITS.phone));
	set(
		'externalId',
		optionalText(ctx, fields.externalId, 'External ID', itemIndex, USER_LIMITS.externalId),
	);
	set('metadata', readMetadata(ctx, fields.metadata, itemIndex));
	return body;
}
