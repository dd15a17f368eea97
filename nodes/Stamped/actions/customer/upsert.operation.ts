import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asJsonObject } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { requireInteger, requireIsoDate, requireNumber, requireText, stringList } from '../../../core/validation';
import { emailField, readEmail } from './common';

const properties: INodeProperties[] = [
	{
		...emailField,
		description: "The customer's e-mail address. A customer with this address is updated; otherwise one is created.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Customer fields to store; fields left out keep their value in Stamped',
		options: [
			{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '', description: "The customer's ID in your shop platform, e.g. the Shopify customer ID" },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '', description: "The customer's first name" },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '', description: "The customer's last name" },
			{
				displayName: 'Points',
				name: 'points',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description: 'The loyalty points balance to store. This overwrites the balance; to add or take away points use the Points resource.',
			},
			{ displayName: 'Points Expiry', name: 'pointsExpiry', type: 'dateTime', default: '', description: "When the customer's points expire (sent as an ISO 8601 date)" },
			{ displayName: 'Tags', name: 'tags', type: 'string', typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' }, default: [], description: 'Tags for the customer. From an expression, a list or comma-separated text.' },
			{ displayName: 'Tier', name: 'tier', type: 'string', default: '', placeholder: 'Gold', description: 'The name of a tier configured in your Stamped loyalty program' },
			{ displayName: 'Total Orders', name: 'totalOrders', type: 'number', default: 0, typeOptions: { minValue: 0, numberPrecision: 0 }, description: 'How many orders the customer has placed' },
			{ displayName: 'Total Spend', name: 'totalSpend', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'How much the customer has spent in total, in your store currency' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['upsert'] } }, properties);

/** Each additional field: how to check it and what to send. */
const FIELD_READERS: Record<string, (ctx: IExecuteFunctions, value: unknown, itemIndex: number) => unknown> = {
	customerId: (ctx, value, i) => requireText(ctx.getNode(), value, 'Customer ID', i),
	firstName: (ctx, value, i) => requireText(ctx.getNode(), value, 'First Name', i),
	lastName: (ctx, value, i) => requireText(ctx.getNode(), value, 'Last Name', i),
	points: (ctx, value, i) => requireInteger(ctx.getNode(), value, 'Points', i, { min: 0 }),
	pointsExpiry: (ctx, value, i) => requireIsoDate(ctx.getNode(), value, 'Points Expiry', i),
	tags: (ctx, value, i) => stringList(ctx.getNode(), value, 'Tags', i),
	tier: (ctx, value, i) => requireText(ctx.getNode(), value, 'Tier', i),
	totalOrders: (ctx, value, i) => requireInteger(ctx.getNode(), value, 'Total Orders', i, { min: 0 }),
	totalSpend: (ctx, value, i) => requireNumber(ctx.getNode(), value, 'Total Spend', i, { min: 0 }),
};

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const body: IDataObject = { email: readEmail(this, itemIndex) };
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const [name, value] of Object.entries(fields)) {
		const read = FIELD_READERS[name];
		if (read) body[name] = read(this, value, itemIndex) as IDataObject[string];
	}
	return body;
}

/** Creates the customer or updates the one with this e-mail (Stamped upserts by e-mail, so a retry is safe). */
export async function execute(this: IExecuteFunctions, api: ApiClient, body: IDataObject, itemIndex: number) {
	return asJsonObject(await api.request({ method: 'POST', path: '/customers', body, idempotent: true, itemIndex }));
}
