import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LocatorDefinition } from '../../../core/locator';
import { byNodeVersion, listMode, locatorValue, textMode } from '../../../core/locator';
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
import { apiVersionOf } from '../../transport';
import type { V3Customer } from '../../transport/v3';
import { customerRecordPath, findCustomer, merchantPath } from '../../transport/v3';
import { customerOf, emailField, readEmail } from '../email';

/** Customer fields API v3 does not store: hidden for v3 (its points and tier have their own operations). */
const v2Only = { displayOptions: { show: { '/apiVersion': ['v2'] } } };

const tierOption: INodeProperties = {
	displayName: 'Tier Name or ID',
	name: 'tier',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTierNames' },
	default: '',
	description:
		'The name of a tier configured in your Stamped loyalty program, from the list read from your shop. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	...v2Only,
};

/** The Tier picker of node version 2: the program's tiers (API v2 lists them), or a name typed. */
const tierLocator: LocatorDefinition = {
	description:
		'The tier to put the customer in: pick one of the tiers of your Stamped loyalty program (type to search) or enter its exact name',
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
			{
				displayName: 'Points',
				name: 'points',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description:
					'The loyalty points balance to store. This overwrites the balance; to add or take away points use the Points resource.',
				...v2Only,
			},
			{
				displayName: 'Points Expiry',
				name: 'pointsExpiry',
				type: 'dateTime',
				default: '',
				description: "When the customer's points expire (sent as an ISO 8601 date)",
				...v2Only,
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' },
				default: [],
				description: 'Tags for the customer. From an expression, a list or comma-separated text.',
			},
			...byNodeVersion(tierOption, tierLocator),

			{
				displayName: 'Total Orders',
				name: 'totalOrders',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description: 'How many orders the customer has placed',
				...v2Only,
			},
			{
				displayName: 'Total Spend',
				name: 'totalSpend',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'How much the customer has spent in total, in your store currency',
				...v2Only,
			},
		],
	},
];

const v3Notice: INodeProperties = {
	displayName:
		'API v3 looks the e-mail address up, then updates that customer or creates one. It keeps first and last name, customer ID and tags with the customer; set points with Point > Update and the tier with Tier > Set.',
	name: 'upsertV3Notice',
	type: 'notice',
	default: '',
	displayOptions: { show: { apiVersion: ['v3'] } },
};

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
	tier: (ctx, value, i) => requireText(ctx.getNode(), locatorValue(value), 'Tier', i),
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

/** `version` is the API version the call will use (the credential's). */
function prepare(this: IExecuteFunctions, itemIndex: number, version?: string): IDataObject {
	const body: IDataObject = { email: readEmail(this, itemIndex) };
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const [name, value] of Object.entries(fields)) {
		// A workflow built on v2 that now runs on a v3 credential would otherwise drop these without a word.
		const v2Only = version === 'v3' ? V2_ONLY_FIELDS[name] : undefined;
		if (v2Only) {
			const instead = v2Only.instead ? `; use ${v2Only.instead} instead` : '';
			throw inputError(
				this.getNode(),
				v2Only.label,
				itemIndex,
				`the credential is for Stamped API v3, which does not store it on the customer${instead}`,
			);
		}
		const read = FIELD_READERS[name];
		if (read) body[name] = read(this, value, itemIndex) as IDataObject[string];
	}
	return body;
}

/** Creates the customer or updates the one with this e-mail. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	body: IDataObject,
	itemIndex: number,
) {
	if (apiVersionOf(api) === 'v3') return await upsertV3(api, body, itemIndex);
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
 * v3 has no upsert: lookup by e-mail, then PATCH the customer found (safe to repeat) or POST a new one. A create
 * is never sent twice; when it fails in a way that may have created the customer (5xx, timeout, dropped
 * connection), a second lookup tells: found, the fields are PATCHed onto it; not found, the error stands.
 */
async function upsertV3(api: ApiClient, body: IDataObject, itemIndex: number) {
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
	} catch {
		throw withNote(
			failure,
			'A lookup afterwards failed too, so whether the customer was created is not known.',
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
	versions: ['v2', 'v3'],
	name: 'Create or Update',
	description: 'Create a new record, or update the current one if it already exists (upsert)',
	action: 'Create or update a customer',
	properties: [v3Notice, ...properties],
	prepare,
	execute,
	subjectOf: customerOf,
});
