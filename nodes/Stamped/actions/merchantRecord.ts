import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { byNodeVersion, onNodeVersion1, readLocatorParameter } from '../../core/locator';
import { inputError, requireOneOf, requirePathSegment, requireText } from '../../core/validation';
import type { CreateOutcome, MerchantRecordKind, RecordLookupBy } from '../transport/v3';
import { MERCHANT_RECORDS } from '../transport/v3';
import { orderLocator, productLocator } from './recordLocators';

/**
 * Lookup By / Lookup Value: how Get, Update and Delete of orders and products find their record, by Stamped's
 * own id or by one of the lookup keys Stamped's reference declares (the shop's own id, a Shopify or BigCommerce
 * id).
 */
export function lookupProperties(kind: MerchantRecordKind): INodeProperties[] {
	const ownId = MERCHANT_RECORDS[kind].ownIdField;
	return [
		// Node version 2 picks the key with the Lookup Value's mode (From List and By ID are Stamped's ID).
		onNodeVersion1({
			displayName: 'Lookup By',
			name: 'lookupBy',
			type: 'options',
			options: [
				{
					name: 'BigCommerce ID',
					value: 'bigcommerceId',
					description: `The ${kind}'s ID in BigCommerce`,
				},
				{
					name: kind === 'order' ? 'Custom Order ID' : 'Custom Product ID',
					value: ownId,
					description: `The ${kind}'s ID in your own shop, as sent to Stamped (${ownId})`,
				},
				{ name: 'Shopify ID', value: 'shopifyId', description: `The ${kind}'s ID in Shopify` },
				{
					name: 'Stamped ID',
					value: 'stampedId',
					description: `Stamped's own ID of the ${kind} (${MERCHANT_RECORDS[kind].idField})`,
				},
			],
			default: ownId,
			description: `What identifies the ${kind}`,
		}),
		...byNodeVersion(
			{
				displayName: 'Lookup Value',
				name: 'lookupValue',
				type: 'string',
				required: true,
				default: '',
				placeholder: kind === 'order' ? '1042' : 'sku-123',
				description: 'The ID to look for. Only an exact match is returned.',
			},
			kind === 'order' ? orderLocator : productLocator,
		),
	];
}

/** The lookup key a locator mode stands for; undefined for a plain value (Lookup By then says, or its default). */
function keyOfMode(mode: string | undefined): string | undefined {
	if (mode === undefined) return undefined;
	return mode === 'list' || mode === 'id' ? 'stampedId' : mode;
}

export interface RecordLookup {
	by: RecordLookupBy;
	value: string;
}

export function readLookup(
	ctx: IExecuteFunctions,
	kind: MerchantRecordKind,
	itemIndex: number,
): RecordLookup {
	const node = ctx.getNode();
	const { mode, value: raw } = readLocatorParameter(ctx, 'lookupValue', itemIndex);
	// A plain value (version 1, or written by hand or by an AI builder on version 2, where Lookup By is not shown
	// and so not kept) means what it means on version 1: Lookup By, at its default unless set.
	const { ownIdField } = MERCHANT_RECORDS[kind];
	const by = requireOneOf<RecordLookupBy>(
		node,
		keyOfMode(mode) ?? ctx.getNodeParameter('lookupBy', itemIndex, ownIdField),
		'Lookup By',
		itemIndex,
		['stampedId', ...MERCHANT_RECORDS[kind].lookupKeys],
	);
	// Stamped's id goes into the path, so ".." or a control character there would call another endpoint.
	const value =
		by === 'stampedId'
			? requirePathSegment(node, raw, 'Lookup Value', itemIndex)
			: requireText(node, raw, 'Lookup Value', itemIndex);
	return { by, value };
}

/** Items looking up the same record run one after another; others at once (see Operation.subjectOf). */
export function lookupSubject(input: { lookup: RecordLookup }): string {
	return `${input.lookup.by}:${input.lookup.value}`;
}

/** The Additional Fields collection, read as an object (an expression may give anything). */
export function readFields(
	ctx: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	allowed: readonly string[],
): IDataObject {
	const value = ctx.getNodeParameter(name, itemIndex, {}) as unknown;
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		throw inputError(ctx.getNode(), label, itemIndex, 'it must be an object of fields');
	const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
	if (unknown.length > 0) {
		throw inputError(
			ctx.getNode(),
			label,
			itemIndex,
			`${unknown.map((key) => `"${key}"`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not one of ${allowed.join(', ')}`,
		);
	}
	return value as IDataObject;
}

/**
 * What the output says about a create that did not go through at the first attempt: whether the record was
 * found by its own id after an ambiguous failure (and so not sent again), or sent a second time once the lookup
 * found nothing. A create that went through at once adds nothing: the output is Stamped's record.
 */
export function describeOutcome(
	kind: MerchantRecordKind,
	created: { outcome: CreateOutcome; firstError?: string },
): IDataObject {
	const ownId = MERCHANT_RECORDS[kind].ownIdField;
	if (created.outcome === 'foundByLookup') {
		return {
			resolvedByLookup: true,
			resolution: `The create failed without a clear answer (${created.firstError}); the ${kind} was found by its ${ownId}, so the first attempt had created it and it was not sent again.`,
		};
	}
	if (created.outcome === 'createdAfterLookup') {
		return {
			resolvedByLookup: false,
			resolution: `The create failed without a clear answer (${created.firstError}); no ${kind} with that ${ownId} existed afterwards, so it was sent once more and created.`,
		};
	}
	return {};
}
