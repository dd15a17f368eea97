import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requirePathSegment } from '../../../core/validation';
import { customerActionPath, requireCustomer } from '../../transport/v3';
import { byNodeVersion } from '../../../core/locator';
import { customerLocator, customerOf, emailField, readEmail } from '../email';

const properties: INodeProperties[] = [
	...byNodeVersion(emailField, customerLocator),
	{
		displayName:
			'After a server error or a timeout the void is not retried; check the coupon in Stamped before running it again. It needs no Idempotency Key: a coupon is voided by its own code, and a voided coupon stays voided.',
		name: 'voidNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Coupon Code',
		name: 'couponCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'LOYAL-5OFF-8F2K',
		description: 'The code of the coupon to void, as the customer received it',
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return {
		email: readEmail(this, itemIndex),
		couponCode: requirePathSegment(
			this.getNode(),
			this.getNodeParameter('couponCode', itemIndex),
			'Coupon Code',
			itemIndex,
		),
	};
}

/** `void-coupon/{couponCode}` on the customer found by e-mail; answers the reward the coupon came from. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { email: string; couponCode: string },
	itemIndex: number,
) {
	const { customerId } = await requireCustomer(api, 'email', input.email, itemIndex);
	const response = await api.request({
		method: 'POST',
		path: customerActionPath(api, customerId, 'void-coupon', input.couponCode),
		idempotent: false,
		itemIndex,
	});
	return { email: input.email, ...asJsonObject(response) };
}

export const declaration = defineOperation({
	resource: 'coupon',
	operation: 'void',
	name: 'Void',
	description: 'Void a coupon a customer received from a reward',
	action: 'Void a coupon',
	properties,
	versions: { v3: { prepare, execute, subjectOf: customerOf } },
});
