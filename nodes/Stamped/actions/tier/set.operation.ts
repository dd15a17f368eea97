import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireText } from '../../../core/validation';
import { customerActionPath, requireCustomer } from '../../transport/v3';
import { byNodeVersion } from '../../../core/locator';
import { customerLocator, customerOf, emailField, readEmail } from '../email';

const properties: INodeProperties[] = [
	...byNodeVersion(emailField, customerLocator),
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

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return {
		email: readEmail(this, itemIndex),
		tierName: requireText(
			this.getNode(),
			this.getNodeParameter('tierName', itemIndex),
			'Tier Name',
			itemIndex,
		),
	};
}

/**
 * `adjust-vip-tier` on the customer found by e-mail. Moving a customer to a named tier twice leaves them in that
 * tier, so it is retried after server errors like any other "set".
 */
async function execute(
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

export const declaration = defineOperation({
	resource: 'tier',
	operation: 'set',
	name: 'Set',
	description: 'Move a customer to a VIP tier of the loyalty program',
	action: 'Set the tier of a customer',
	properties,
	versions: { v3: { prepare, execute, subjectOf: customerOf } },
});
