import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { requireText } from '../../../core/validation';
import { customerActionPath, requireCustomer } from '../../transport/v3';
import { emailField, readEmail } from '../customer/common';

const properties: INodeProperties[] = [
	emailField,
	{
		displayName: 'Tier Name',
		name: 'tierName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Gold',
		description: 'The exact name of a VIP tier configured in your Stamped loyalty program',
	},
];

export const description = updateDisplayOptions(
	{ show: { apiVersion: ['v3'], resource: ['tier'], operation: ['set'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return {
		email: readEmail(this, itemIndex),
		tierName: requireText(this.getNode(), this.getNodeParameter('tierName', itemIndex), 'Tier Name', itemIndex),
	};
}

/**
 * `adjust-vip-tier` on the customer found by e-mail. Moving a customer to a named tier twice leaves them in that
 * tier, so it is retried after server errors like any other "set".
 */
export async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { email: string; tierName: string },
	itemIndex: number,
) {
	const { customerId } = await requireCustomer(api, 'email', input.email, itemIndex);
	const response = await api.request({
		method: 'POST',
		path: customerActionPath(api, customerId, 'adjust-vip-tier'),
		body: { tierName: input.tierName },
		idempotent: true,
		itemIndex,
	});
	return { email: input.email, ...asJsonObject(response) };
}

export { customerOf as subjectOf } from '../customer/common';
