import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
} from 'n8n-workflow';

import type { LocatorDefinition } from '../../core/locator';
import { byNodeVersion, listMode, readLocatorParameter, textMode } from '../../core/locator';
import { asJsonObject } from '../../core/operation';
import type { ApiClient } from '../../core/request';
import { mayHaveBeenApplied } from '../../core/request';
import { isStempNotFound } from '../transport';
import {
	inputError,
	optionalBoolean,
	requireInteger,
	requireOneOf,
	requirePathSegment,
	requireText,
} from '../../core/validation';

/**
 * The fields the stemp node's operations share: the IDs of passes, templates and reward tiers (plain on node
 * version 1, pickers from version 2, read the same on both), and readers that check an item's values against the
 * limits of stemp's OpenAPI file before anything is sent.
 */

/** The largest value of the file's `int32` fields (points, reward tier thresholds, configuration numbers). */
export const INT32_MAX = 2 ** 31 - 1;

interface IdField {
	name: string;
	displayName: string;
	placeholder: string;
	description: string;
	hint?: string;
	locator: LocatorDefinition;
}

function idProperties({ locator, ...field }: IdField): INodeProperties[] {
	return byNodeVersion(
		{
			displayName: field.displayName,
			name: field.name,
			type: 'string',
			required: true,
			default: '',
			placeholder: field.placeholder,
			description: field.description,
			...(field.hint ? { hint: field.hint } : {}),
		},
		locator,
	);
}

const WALLET_PASS = {
	name: 'walletPassId',
	displayName: 'Wallet Pass ID',
	placeholder: 'wp_abc456',
	description:
		"The wallet pass to use. It is what a point-of-sale reads from the pass's QR code, and what stemp's pass events carry.",
	hint: 'Usually an expression from the previous node, e.g. {{ $json.walletPassId }}',
};

/** A description as the first sentence of a longer one. */
function sentence(description: string): string {
	return description.endsWith('.') ? description : `${description}.`;
}

/** The wallet pass (plain on version 1; from version 2 a picker listing stemp's passes with their customer's e-mail). */
export function walletPassIdProperties(description = WALLET_PASS.description): INodeProperties[] {
	return idProperties({
		...WALLET_PASS,
		description,
		locator: {
			description: `${sentence(description)} Pick one (type to filter by e-mail, name, template or ID) or enter its ID.`,
			hint: WALLET_PASS.hint,
			modes: [
				listMode('searchWalletPasses', 'Select a wallet pass...'),
				textMode('id', 'By ID', WALLET_PASS.placeholder),
			],
		},
	});
}

/** The template (plain on version 1; a picker of stemp's templates from version 2). */
export function templateIdProperties(
	description = 'The pass template (a stamp card or a points card design) to use',
): INodeProperties[] {
	return idProperties({
		name: 'templateId',
		displayName: 'Template ID',
		placeholder: 'tpl_abc123',
		description,
		locator: {
			description: `${sentence(description)} Pick one of stemp's templates or enter its ID.`,
			modes: [
				listMode('searchTemplates', 'Select a template...'),
				textMode('id', 'By ID', 'tpl_abc123'),
			],
		},
	});
}

/** The reward tier of a points card (plain on version 1; a picker of the template's tiers from version 2). */
export function rewardTierIdProperties(description: string): INodeProperties[] {
	return idProperties({
		name: 'rewardTierId',
		displayName: 'Reward Tier ID',
		placeholder: 'rt_abc123',
		description,
		locator: {
			description: `${sentence(description)} Pick one (with its points) or enter its ID.`,
			modes: [
				listMode('searchRewardTiers', 'Select a reward tier...'),
				textMode('id', 'By ID', 'rt_abc123'),
			],
		},
	});
}

/** A plain ID field that goes into a URL path (redemptions, rewards, outbox events). */
export function plainIdField(
	name: string,
	displayName: string,
	placeholder: string,
	description: string,
	hint?: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description,
		...(hint ? { hint } : {}),
	};
}

/** An ID on every node version (a plain field on 1, a picker from 2), checked to be one URL path segment. */
export function readId(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	return requirePathSegment(
		ctx.getNode(),
		readLocatorParameter(ctx, name, itemIndex).value,
		label,
		itemIndex,
	);
}

export const readWalletPassId = (ctx: IExecuteFunctions, itemIndex: number) =>
	readId(ctx, 'walletPassId', 'Wallet Pass ID', itemIndex);

export const readTemplateId = (ctx: IExecuteFunctions, itemIndex: number) =>
	readId(ctx, 'templateId', 'Template ID', itemIndex);

/** The pass an item acts on, so that items on different passes run side by side (see Operation.subjectOf). */
export const passOf = (input: { walletPassId: string }) => input.walletPassId;

/** A whole number within the file's limits (int32 unless `max` says otherwise). */
export function readInteger(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	{ min, max = INT32_MAX }: { min?: number; max?: number } = {},
): number {
	return requireInteger(ctx.getNode(), value, label, itemIndex, { min, max });
}

/**
 * Text within the file's limits: trimmed, refused when it is an object, a list or a boolean, when it is empty
 * and required, or when it is longer than `max`. Numbers from expressions are written out.
 */
export function readText(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	{ max, required = false }: { max: number; required?: boolean },
): string | undefined {
	const empty =
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
	if (empty) {
		if (required) throw inputError(ctx.getNode(), label, itemIndex, 'it is empty');
		return undefined;
	}
	const text = requireText(ctx.getNode(), value, label, itemIndex);
	if (text.length > max) {
		throw inputError(
			ctx.getNode(),
			label,
			itemIndex,
			`it is ${text.length} characters long; at most ${max} are allowed`,
		);
	}
	return text;
}

/** A collection's fields, with a field the node does not offer refused rather than dropped. */
export function readCollection(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	offered: readonly string[],
): IDataObject {
	const value = ctx.getNodeParameter(name, itemIndex, {}) as unknown;
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		throw inputError(ctx.getNode(), label, itemIndex, 'it is not a set of fields');
	const unknown = Object.keys(value).filter((key) => !offered.includes(key));
	if (unknown.length > 0) {
		throw inputError(
			ctx.getNode(),
			label,
			itemIndex,
			`${unknown.map((key) => `"${key}"`).join(', ')} ${unknown.length > 1 ? 'are not fields' : 'is not a field'} it offers (${offered.join(', ')})`,
		);
	}
	return value as IDataObject;
}

/** A status filter of a list, one of the file's enum values; undefined when not set. */
export function readStatusFilter<T extends string>(
	ctx: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
	allowed: readonly T[],
): T | undefined {
	if (value === undefined || value === '') return undefined;
	return requireOneOf(ctx.getNode(), value, 'Status', itemIndex, allowed);
}

/** An on/off field of a collection; `fallback` when it was not added. */
export function readFlag(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
	fallback: boolean,
): boolean {
	return optionalBoolean(ctx.getNode(), value, label, itemIndex, fallback);
}

/** Adds a sentence to an error's description: what the node did after the failure, what to check. */
export function withNote<T>(error: T, note: string): T {
	const described = error as { description?: string | null };
	described.description = [described.description, note].filter(Boolean).join(' ');
	return error;
}

/** What a call came to: its value, or the error it failed with (to be thrown, or looked at, by the caller). */
export async function settled<T>(
	call: () => Promise<T>,
): Promise<{ value: T } | { error: unknown }> {
	try {
		return { value: await call() };
	} catch (error) {
		return { error };
	}
}

/**
 * A write that must never be applied twice (points added, a push message, a claim...): sent once and not retried
 * after a failure the server may have acted on; the error then says what to check before running it again.
 */
export async function sendOnce(
	api: ApiClient,
	call: { method: IHttpRequestMethods; path: string; body?: IDataObject; itemIndex: number },
	whatToCheck: string,
): Promise<IDataObject> {
	const outcome = await settled(async () => await api.request({ ...call, idempotent: false }));
	if ('error' in outcome) {
		if (mayHaveBeenApplied(outcome.error)) withNote(outcome.error, whatToCheck);
		throw outcome.error;
	}
	return asJsonObject(outcome.value);
}

/**
 * A DELETE, retried after a failure midway (deleting twice leaves the same state). A retry answered with stemp's
 * own "no such record" for `resource` (e.g. `WALLET_PASS`) means the first attempt went through: the output then
 * says so. Any other 404, or one to the first attempt, is an error.
 */
export async function deleteRecord(
	api: ApiClient,
	path: string,
	resource: string,
	itemIndex: number,
): Promise<{ resolution?: string }> {
	let resent = false;
	const outcome = await settled(
		async () =>
			await api.request({
				method: 'DELETE',
				path,
				idempotent: true,
				itemIndex,
				onResentAfterAmbiguousFailure: () => (resent = true),
			}),
	);
	if (!('error' in outcome)) return {};
	if (resent && isStempNotFound(outcome.error, resource))
		return {
			resolution:
				'The first attempt failed without a clear answer; the retry found the record gone, so the first attempt had deleted it.',
		};
	throw outcome.error;
}
