import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readIdempotencyKey, textWithKey } from '../../../core/idempotency';
import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import {
	inputError,
	optionalMaxLength,
	requireInteger,
	requireOneOf,
} from '../../../core/validation';
import { requireCustomer } from '../../transport/v3';
import { byNodeVersion } from '../../../core/locator';
import { customerLocator, customerOf, emailField, readEmail } from '../email';
import { noticeFor, onlyOn } from '../versions';
import {
	adjustPoints,
	adjustPointsOnce,
	fractionalBalanceError,
	pointsBalanceOf,
	stampedKeyOptions,
	V2_HAS_NO_LEDGER,
} from './v3Points';

const ACTIONS = ['add', 'subtract', 'set'] as const;
type PointsAction = (typeof ACTIONS)[number];

const MAX_REASON_LENGTH = 512;

const properties: INodeProperties[] = [
	...byNodeVersion(emailField, customerLocator),
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		options: [
			{
				name: 'Add',
				value: 'add',
				description: "Add points to the customer's balance",
				action: 'Add points',
			},
			{
				name: 'Subtract',
				value: 'subtract',
				description: "Take points off the customer's balance",
				action: 'Subtract points',
			},
			{
				name: 'Set',
				value: 'set',
				description: 'Overwrite the balance with an exact number of points',
				action: 'Set points',
			},
		],
		default: 'add',
		description: 'How the points change the balance',
	},
	noticeFor('v2', {
		displayName:
			'Set overwrites the balance: the points the customer had before are gone. It is safe to run twice, so it is retried after server errors.',
		name: 'setNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { action: ['set'] } },
	}),
	noticeFor('v3', {
		displayName:
			'there is no "set": the node reads the balance, then adjusts it by the difference. Points that change in between (an order, another workflow) are not accounted for, so the balance can end up off by that change. The adjustment is not retried after a server error or a timeout; check the balance before running it again.',
		name: 'setV3Notice',
		type: 'notice',
		default: '',
		displayOptions: { show: { action: ['set'] } },
	}),
	{
		displayName:
			'Adding or subtracting changes the balance every time it runs. After a server error or a timeout it is not retried, so points are never applied twice; check the balance before running it again. On API v3, Options > Idempotency Key (e.g. the order ID) makes a retried workflow safe too.',
		name: 'addSubtractNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { action: ['add', 'subtract'] } },
	},
	{
		displayName: 'Points',
		name: 'points',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'How many points, a whole number of 0 or more',
	},
	onlyOn('v3', {
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'Goodwill for a late delivery',
		description:
			"Why the points change, stored with the adjustment in the customer's points history (at most 512 characters)",
	}),
	stampedKeyOptions(),
];

interface PointsInput {
	email: string;
	action: PointsAction;
	points: number;
	reason?: string;
	idempotencyKey?: string;
}

/** The change to make; `keepsReason` is false on v2, which stores no reason with a points change. */
function readChange(ctx: IExecuteFunctions, itemIndex: number, keepsReason: boolean): PointsInput {
	const node = ctx.getNode();
	const idempotencyKey = readIdempotencyKey(ctx, itemIndex);
	if (idempotencyKey !== undefined && !keepsReason)
		throw inputError(node, 'Idempotency Key', itemIndex, V2_HAS_NO_LEDGER);
	// With a key, the reason as sent: the user's own with the key's marker after it, within the same limit.
	const reason = textWithKey(
		node,
		optionalMaxLength(
			node,
			ctx.getNodeParameter('reason', itemIndex, ''),
			'Reason',
			itemIndex,
			MAX_REASON_LENGTH,
		),
		idempotencyKey,
		{ field: 'Reason', max: MAX_REASON_LENGTH, itemIndex },
	);
	// A reason kept from a v3 node would be dropped without a word by v2, which stores none.
	if (reason !== undefined && !keepsReason) {
		throw inputError(
			node,
			'Reason',
			itemIndex,
			'the credential is for Stamped API v2, which keeps no reason with a points change; clear it',
		);
	}
	return {
		email: readEmail(ctx, itemIndex),
		action: requireOneOf<PointsAction>(
			node,
			ctx.getNodeParameter('action', itemIndex),
			'Action',
			itemIndex,
			ACTIONS,
		),
		points: requireInteger(node, ctx.getNodeParameter('points', itemIndex), 'Points', itemIndex, {
			min: 0,
		}),
		...(reason !== undefined ? { reason } : {}),
		...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
	};
}

function prepareV2(this: IExecuteFunctions, itemIndex: number): PointsInput {
	return readChange(this, itemIndex, false);
}

function prepareV3(this: IExecuteFunctions, itemIndex: number): PointsInput {
	return readChange(this, itemIndex, true);
}

async function executeV2(
	this: IExecuteFunctions,
	api: ApiClient,
	input: PointsInput,
	itemIndex: number,
) {
	const { email, action, points } = input;
	const response = await api.request({
		method: 'POST',
		path: '/customers/points',
		body: { email, action, points },
		// Only `set` gives the same result when applied twice.
		idempotent: action === 'set',
		itemIndex,
	});
	return asJsonObject(response);
}

/**
 * v3: the customer is looked up by e-mail (which also gives the balance), then `adjust-points` moves the
 * balance by a signed amount: +n, −n, or for a set the difference to the balance just read.
 */
async function executeV3(
	this: IExecuteFunctions,
	api: ApiClient,
	input: PointsInput,
	itemIndex: number,
): Promise<IDataObject> {
	const customer = await requireCustomer(api, 'email', input.email, itemIndex);
	const before = pointsBalanceOf(customer.record);
	const summary = (adjustment: number): IDataObject => ({
		email: input.email,
		customerId: customer.customerId,
		pointsAdjustment: adjustment,
		...(before !== undefined ? { pointsBefore: before, pointsAfter: before + adjustment } : {}),
	});
	const adjustment = adjustmentOf(api, input, before, itemIndex);
	const key = input.idempotencyKey;
	// Setting the balance it already has changes nothing, so nothing is sent (and no key is looked for).
	if (adjustment === 0 && input.action === 'set')
		return {
			...summary(0),
			adjusted: false,
			...(key !== undefined ? { idempotencyKey: key, skipped: false } : {}),
		};
	if (key !== undefined) {
		return await adjustPointsOnce(
			api,
			{
				customerId: customer.customerId,
				points: adjustment,
				reason: input.reason!,
				key,
				itemIndex,
			},
			(activity, applied) =>
				applied
					? { ...activity, ...summary(adjustment), adjusted: true }
					: { ...activity, ...summary(0), adjusted: false },
		);
	}
	const activity = await adjustPoints(
		api,
		customer.customerId,
		adjustment,
		input.reason,
		itemIndex,
	);
	return { ...activity, ...summary(adjustment), adjusted: true };
}

/** The signed amount `adjust-points` moves the balance by: +n, −n, or for a set the difference to `before`. */
function adjustmentOf(
	api: ApiClient,
	input: PointsInput,
	before: number | undefined,
	itemIndex: number,
): number {
	if (input.action !== 'set') return input.action === 'add' ? input.points : -input.points;
	if (before === undefined) {
		throw new NodeOperationError(
			api.node,
			'Stamped sent no readable points balance for this customer, so it cannot be set',
			{
				itemIndex,
				description: `The customer record carries no numeric totalPoints (under "activity" or "loyalty"). Nothing was changed. Use Add or Subtract instead.`,
			},
		);
	}
	if (!Number.isInteger(before)) throw fractionalBalanceError(api, before, itemIndex);
	return input.points - before;
}

export const declaration = defineOperation({
	resource: 'points',
	operation: 'update',
	name: 'Update',
	description: "Add, subtract or set a customer's loyalty points",
	action: 'Update points',
	properties,
	versions: {
		v2: { prepare: prepareV2, execute: executeV2, subjectOf: customerOf },
		v3: { prepare: prepareV3, execute: executeV3, subjectOf: customerOf },
	},
});
