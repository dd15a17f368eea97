import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readIdempotencyKey, textWithKey } from '../../../core/idempotency';
import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import {
	decimalText,
	inputError,
	optionalMaxLength,
	requireInteger,
	requireNumber,
	requireText,
} from '../../../core/validation';
import { loyaltyPath, requireCustomer } from '../../transport/v3';
import { byNodeVersion } from '../../../core/locator';
import {
	adjustPoints,
	adjustPointsOnce,
	stampedKeyOptions,
	V2_HAS_NO_LEDGER,
} from '../points/v3Points';
import { customerLocator, customerOf, emailField, readEmail } from '../email';
import { noticeFor, onlyOn } from '../versions';

const MAX_NOTE_LENGTH = 512;

const properties: INodeProperties[] = [
	...byNodeVersion(emailField, customerLocator),
	{
		displayName:
			'Every run records a new transaction and awards its points. After a server error or a timeout it is not retried, so a transaction is never recorded twice. On API v3, Options > Idempotency Key (e.g. the order ID) makes a retried workflow safe too.',
		name: 'transactionNotice',
		type: 'notice',
		default: '',
	},
	noticeFor('v3', {
		displayName:
			'the transaction is recorded as a points adjustment with the note (or the type) as its reason; a purchase does not create an order in Stamped. With a Campaign ID it triggers that custom activity instead, which awards the points its rule sets.',
		name: 'transactionV3Notice',
		type: 'notice',
		default: '',
	}),
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{ name: 'Custom', value: 'custom', description: 'A custom reward event' },
			{ name: 'Purchase', value: 'purchase', description: 'An order; needs the order value' },
		],
		default: 'custom',
		description:
			'The transaction type. For another type configured in your Stamped loyalty program, switch to an expression and enter its name.',
	},
	{
		displayName: 'Points',
		name: 'points',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'How many points the transaction awards, a whole number of 0 or more',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Optional details of the transaction',
		options: [
			onlyOn('v3', {
				displayName: 'Campaign ID',
				name: 'campaignId',
				type: 'string',
				default: '',
				description:
					'The ID of a custom activity rule in your Stamped loyalty program. The rule decides the points, so Points must stay 0 and Type Custom.',
			}),
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				default: '',
				placeholder: 'Referral bonus',
				description: 'Text stored with the transaction, at most 512 characters',
			},
			{
				displayName: 'Order Value',
				name: 'orderValue',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'The order total, in your store currency. Required for a purchase.',
			},
		],
	},
	stampedKeyOptions(),
];

/** The transaction to record; custom activities (a Campaign ID) and Idempotency Keys exist on v3 only. */
function readTransaction(
	ctx: IExecuteFunctions,
	itemIndex: number,
	customActivities: boolean,
): IDataObject {
	const node = ctx.getNode();
	const idempotencyKey = readIdempotencyKey(ctx, itemIndex);
	if (idempotencyKey !== undefined && !customActivities)
		throw inputError(node, 'Idempotency Key', itemIndex, V2_HAS_NO_LEDGER);
	const type = requireText(node, ctx.getNodeParameter('type', itemIndex), 'Type', itemIndex);
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		email: readEmail(ctx, itemIndex),
		type,
		points: requireInteger(node, ctx.getNodeParameter('points', itemIndex), 'Points', itemIndex, {
			min: 0,
		}),
	};
	const note = optionalMaxLength(node, fields.note, 'Note', itemIndex, MAX_NOTE_LENGTH);
	if (note !== undefined) body.note = note;
	if (fields.orderValue !== undefined && fields.orderValue !== '') {
		body.orderValue = requireNumber(node, fields.orderValue, 'Order Value', itemIndex, { min: 0 });
	} else if (type === 'purchase') {
		throw inputError(node, 'Order Value', itemIndex, 'a purchase needs the order value');
	}
	if (fields.campaignId !== undefined && fields.campaignId !== '') {
		// A Campaign ID kept in a workflow that now runs on v2 would silently record a plain transaction instead.
		if (!customActivities)
			throw inputError(
				node,
				'Campaign ID',
				itemIndex,
				'custom activities exist on Stamped API v3 only, and the credential is for API v2',
			);
		body.campaignId = requireText(node, fields.campaignId, 'Campaign ID', itemIndex);
		// A custom activity's rule sets the points; a number here would silently not be what is awarded.
		if (body.points !== 0)
			throw inputError(
				node,
				'Points',
				itemIndex,
				'leave it at 0 with a Campaign ID: the custom activity rule decides the points',
			);
		if (type !== 'custom')
			throw inputError(
				node,
				'Type',
				itemIndex,
				`"${type}" cannot be used with a Campaign ID: a custom activity is of type custom`,
			);
		if (note !== undefined)
			throw inputError(node, 'Note', itemIndex, 'a custom activity (Campaign ID) carries no note');
		if (body.orderValue !== undefined)
			throw inputError(
				node,
				'Order Value',
				itemIndex,
				'a custom activity (Campaign ID) carries no order value',
			);
		if (idempotencyKey !== undefined)
			throw inputError(
				node,
				'Idempotency Key',
				itemIndex,
				'a custom activity (Campaign ID) carries no reason to write the key into, so it cannot be checked; remove it, or record the points without a Campaign ID',
			);
	}
	if (idempotencyKey !== undefined) {
		// The reason as v3 sends it, with the key's marker, checked against the note's limit before anything is sent.
		body.reason = textWithKey(node, reasonOf(body), idempotencyKey, {
			field: note !== undefined ? 'Note' : 'Type',
			max: MAX_NOTE_LENGTH,
			itemIndex,
		});
		body.idempotencyKey = idempotencyKey;
	}
	return body;
}

/** The reason v3 records the points with: the note, or the type (with the order value for a purchase). */
function reasonOf(body: IDataObject): string {
	return (
		(body.note as string | undefined) ??
		(body.orderValue !== undefined
			? `${String(body.type)}, order value ${decimalText(body.orderValue as number)}`
			: String(body.type))
	);
}

function prepareV2(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return readTransaction(this, itemIndex, false);
}

function prepareV3(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return readTransaction(this, itemIndex, true);
}

async function executeV2(
	this: IExecuteFunctions,
	api: ApiClient,
	body: IDataObject,
	itemIndex: number,
) {
	return asJsonObject(
		await api.request({
			method: 'POST',
			path: '/loyalty/transactions',
			body,
			idempotent: false,
			itemIndex,
		}),
	);
}

/**
 * v3 has no transactions: a Campaign ID triggers that custom activity (`POST /activities?email&campaignId`);
 * otherwise the points are added with `adjust-points`, the note (or the type) as the reason. Neither is re-sent
 * after a failure that may have applied it.
 */
async function executeV3(
	this: IExecuteFunctions,
	api: ApiClient,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const email = String(body.email);
	if (body.campaignId !== undefined) {
		const response = await api.request({
			method: 'POST',
			path: loyaltyPath(api, '/activities'),
			qs: { email, campaignId: body.campaignId as string },
			idempotent: false,
			itemIndex,
		});
		return { email, ...asJsonObject(response) };
	}
	const customer = await requireCustomer(api, 'email', email, itemIndex);
	if (body.idempotencyKey !== undefined) {
		return await adjustPointsOnce(
			api,
			{
				customerId: customer.customerId,
				points: body.points as number,
				reason: body.reason as string,
				key: body.idempotencyKey as string,
				itemIndex,
			},
			(activity) => ({ email, ...activity }),
		);
	}
	const reason = reasonOf(body);
	const activity = await adjustPoints(
		api,
		customer.customerId,
		body.points as number,
		reason,
		itemIndex,
	);
	return { email, ...activity };
}

export const declaration = defineOperation({
	resource: 'loyaltyTransaction',
	operation: 'create',
	name: 'Create',
	description: 'Record a reward event (a purchase or a custom type) that awards points',
	action: 'Create a loyalty transaction',
	properties,
	versions: {
		v2: { prepare: prepareV2, execute: executeV2, subjectOf: customerOf },
		v3: { prepare: prepareV3, execute: executeV3, subjectOf: customerOf },
	},
});
