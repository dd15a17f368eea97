import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asJsonObject } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { inputError, optionalMaxLength, requireInteger, requireNumber, requireText } from '../../../core/validation';
import { emailField, readEmail } from '../customer/common';

const MAX_NOTE_LENGTH = 512;

const properties: INodeProperties[] = [
	emailField,
	{
		displayName:
			'Every run records a new transaction and awards its points. After a server error or a timeout it is not retried, so a transaction is never recorded twice.',
		name: 'transactionNotice',
		type: 'notice',
		default: '',
	},
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
			{ displayName: 'Note', name: 'note', type: 'string', default: '', placeholder: 'Referral bonus', description: 'Text stored with the transaction, at most 512 characters' },
			{ displayName: 'Order Value', name: 'orderValue', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'The order total, in your store currency. Required for a purchase.' },
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['loyaltyTransaction'], operation: ['create'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const type = requireText(node, this.getNodeParameter('type', itemIndex), 'Type', itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		email: readEmail(this, itemIndex),
		type,
		points: requireInteger(node, this.getNodeParameter('points', itemIndex), 'Points', itemIndex, { min: 0 }),
	};
	const note = optionalMaxLength(node, fields.note, 'Note', itemIndex, MAX_NOTE_LENGTH);
	if (note !== undefined) body.note = note;
	if (fields.orderValue !== undefined && fields.orderValue !== '') {
		body.orderValue = requireNumber(node, fields.orderValue, 'Order Value', itemIndex, { min: 0 });
	} else if (type === 'purchase') {
		throw inputError(node, 'Order Value', itemIndex, 'a purchase needs the order value');
	}
	return body;
}

export async function execute(this: IExecuteFunctions, api: ApiClient, body: IDataObject, itemIndex: number) {
	return asJsonObject(
		await api.request({ method: 'POST', path: '/loyalty/transactions', body, idempotent: false, itemIndex }),
	);
}
