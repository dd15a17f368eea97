import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LocatorDefinition } from '../../../core/locator';
import { byNodeVersion, listMode, readLocatorParameter, textMode } from '../../../core/locator';
import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { mayHaveBeenApplied } from '../../../core/request';
import {
	inputError,
	requireInteger,
	requireIsoDate,
	requireNumber,
	requireText,
	stringList,
} from '../../../core/validation';
import type { V3Customer } from '../../transport/v3';
import { customerRecordPath, findCustomer, merchantPath } from '../../transport/v3';
import { customerOf, emailField, readEmail } from '../email';
import { noticeFor, onlyOn } from '../versions';

const tierOption: INodeProperties = onlyOn('v2', {
	displayName: 'Tier Name or ID',
	name: 'tier',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTierNames' },
	default: '',
	description:
		'The name of a tier configured in your Stamped loyalty program, from the list read from your shop. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
});

/** The Tier picker of node version 2: the program's tiers (API v2 lists them), or a name typed. */
const tierLocator: LocatorDefinition = {
	description:
		'API v2 only. The tier to put the customer in: pick one of the tiers of your Stamped loyalty program (type to search) or enter its exact name',
	modes: [listMode('searchTiers', 'Select a tier...'), textMode('name', 'By Name', 'Gold')],
};

const properties: INodeProperties[] = [
	{
		...emailField,
		description:
			"The customer's e-mail address. A customer with this address is updated; otherwise one is created.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Customer fields to store; fields left out keep their value in Stamped',
		options: [
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				description:
					"The customer's ID in your shop platform, e.g. the Shopify customer ID. API v3 stores it as the custom customer ID.",
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				description: "The customer's first name",
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				description: "The customer's last name",
			},
			onlyOn('v2', {
				displayName: 'Points',
				name: 'points',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description:
					'The loyalty points balance to store. This overwrites the balance; to add or take away points use the Points resource.',
			}),
			onlyOn('v2', {
				displayName: 'Points Expiry',
				name: 'pointsExpiry',
				type: 'dateTime',
				default: '',
				description: "When the customer's points expire (sent as an ISO 8601 date)",
			}),
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' },
				default: [],
				description: 'Tags for the customer. From an expression, a list or comma-separated text.',
			},
			...byNodeVersion(tierOption, tierLocator),
			onlyOn('v2', {
				displayName: 'Total Orders',
				name: 'totalOrders',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description: 'How many orders the customer has placed',
			}),
			onlyOn('v2', {
				displayName: 'Total Spend',
				name: 'totalSpend',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'How much the customer has spent in total, in your store currency',
			}),
		],
	},
];

const v3Notice: INodeProperties = noticeFor('v3', {
	displayName:
		'the e-mail address is looked up, then that customer is updated or one is created. It keeps first and last name, customer ID and tags with the customer; set points with Point > Update and the tier with Tier > Set.',
	name: 'upsertV3Notice',
	type: 'notice',
	default: '',
});

/** Each additional field: how to check it and what to send. */
const FIELD_READERS: Record<
	string,
	(ctx: IExecuteFunctions, value: unknown, itemIndex: number) => unknown
> = {
	customerId: (ctx, value, i) => requireText(ctx.getNode(), value, 'Customer ID', i),
	firstName: (ctx, value, i) => requireText(ctx.getNode(), value, 'First Name', i),
	lastName: (ctx, value, i) => requireText(ctx.getNode(), value, 'Last Name', i),
	points: (ctx, value, i) => requireInteger(ctx.getNode(), value, 'Points', i, { min: 0 }),
	pointsExpiry: (ctx, value, i) => requireIsoDate(ctx.getNode(), value, 'Points Expiry', i),
	tags: (ctx, value, i) => stringList(ctx.getNode(), value, 'Tags', i),
	tier: (ctx, _value, i) =>
		requireText(
			ctx.getNode(),
			readLocatorParameter(ctx, 'additionalFields.tier', i).value,
			'Tier',
			i,
		),
	totalOrders: (ctx, value, i) =>
		requireInteger(ctx.getNode(), value, 'Total Orders', i, { min: 0 }),
	totalSpend: (ctx, value, i) => requireNumber(ctx.getNode(), value, 'Total Spend', i, { min: 0 }),
};

/** The fields v3 does not store on the customer, by display name, and where v3 keeps them instead. */
const V2_ONLY_FIELDS: Record<string, { label: string; instead?: string }> = {
	points: { label: 'Points', instead: 'Point > Update' },
	pointsExpiry: { label: 'Points Expiry' },
	tier: { label: 'Tier', instead: 'Tier > Set' },
	totalOrders: { label: 'Total Orders' },
	totalSpend: { label: 'Total Spend' },
};

/** The customer to store; `refused` are the fields the credential's version does not store, never dropped. */
function readCustomer(
	ctx: IExecuteFunctions,
	itemIndex: number,
	refused: Record<string, { label: string; instead?: string }>,
): IDataObject {
	const body: IDataObject = { email: readEmail(ctx, itemIndex) };
	const fields = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const [name, value] of Object.entries(fields)) {
		const lacking = refused[name];
		if (lacking) {
			const instead = lacking.instead ? `; use ${lacking.instead} instead` : '';
			throw inputError(
				ctx.getNode(),
				lacking.label,
				itemIndex,
				`the credential is for Stamped API v3, which does not store it on the customer${instead}`,
			);
		}
		const read = FIELD_READERS[name];
		if (read) body[name] = read(ctx, value, itemIndex) as IDataObject[string];
	}
	return body;
}

function prepareV2(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return readCustomer(this, itemIndex, {});
}

/** A workflow built on v2 that now runs on a v3 credential would otherwise drop v2's fields without a word. */
function prepareV3(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return readCustomer(this, itemIndex, V2_ONLY_FIELDS);
}

/** Creates the customer or updates the one with this e-mail. */
async function executeV2(
	this: IExecuteFunctions,
	api: ApiClient,
	body: IDataObject,
	itemIndex: number,
) {
	// v2 upserts by e-mail in one call, so a retry is safe.
	return asJsonObject(
		await api.request({ method: 'POST', path: '/customers', body, idempotent: true, itemIndex }),
	);
}

/** The fields v3's customer model shares with ours; the shop platform's customer ID is its `customCustomerId`. */
function v3Fields(body: IDataObject): IDataObject {
	const fields: IDataObject = {};
	for (const name of ['firstName', 'lastName', 'tags'])
		if (body[name] !== undefined) fields[name] = body[name];
	if (body.customerId !== undefined) fields.customCustomerId = body.customerId;
	return fields;
}

/**
 * v3 has no upsert: lookup by e-mail, then PATCH the customer found (safe to repeat) or POST a new one. Only
 * Stamped's own not-found counts as "no such customer"; a lookup answering another customer (or an unknown
 * 404) stops the item before anything is written. A create is never sent twice; when it fails in a way that
 * may have created the customer (5xx, timeout, dropped connection), a second lookup tells: found, the fields
 * are PATCHed onto it; not found, the error stands.
 */
async function executeV3(
	this: IExecuteFunctions,
	api: ApiClient,
	body: IDataObject,
	itemIndex: number,
) {
	const email = String(body.email);
	const fields = v3Fields(body);
	const update = async (customerId: string) =>
		asJsonObject(
			await api.request({
				method: 'PATCH',
				path: customerRecordPath(api, customerId),
				body: fields,
				idempotent: true,
				itemIndex,
			}),
		);

	const existing = await findCustomer(api, 'email', email, itemIndex);
	if (existing)
		return Object.keys(fields).length > 0 ? await update(existing.customerId) : existing.record;

	let failure: unknown;
	try {
		return asJsonObject(
			await api.request({
				method: 'POST',
				path: merchantPath(api, '/customers'),
				body: { email, ...fields },
				idempotent: false,
				itemIndex,
			}),
		);
	} catch (error) {
		failure = error;
	}
	if (!mayHaveBeenApplied(failure)) throw failure;
	let created: V3Customer | undefined;
	try {
		created = await findCustomer(api, 'email', email, itemIndex);
	} catch (lookupError) {
		throw withNote(
			failure,
			`A lookup afterwards failed too, so whether the customer was created is not known (${(lookupError as Error).message}); nothing more was sent.`,
		);
	}
	if (!created)
		throw withNote(failure, 'A lookup afterwards found no customer with this e-mail address.');
	return Object.keys(fields).length > 0 ? await update(created.customerId) : created.record;
}

function withNote(error: unknown, note: string): unknown {
	const described = error as { description?: string | null };
	described.description = [described.description, note].filter(Boolean).join(' ');
	return error;
}

export const declaration = defineOperation({
	resource: 'customer',
	operation: 'upsert',
	name: 'Create or Update',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	action: 'Create or update a customer',
	properties: [v3Notice, ...properties],
	versions: {
		v2: { prepare: prepareV2, execute: executeV2, subjectOf: customerOf },
		v3: { prepare: prepareV3, execute: executeV3, subjectOf: customerOf },
	},
});
