import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireText } from '../../../core/validation';
import { createExactlyOnce, requireCustomer } from '../../transport/v3';
import { emailField, readEmail } from '../email';
import { describeOutcome, readFields } from '../merchantRecord';
import { CART_FIELD_NAMES, cartFieldOptions, lineItemsProperty, readCart } from './cart';

/**
 * Order > Create on API v3 (`POST /merchant/shops/{shopId}/orders`): a custom or headless shop reports an order,
 * and Stamped applies the loyalty program's own earning rules to it (no points computed in the workflow). The
 * v2 order (the one Stamped's store plugins send) is another body; both live in this declaration, each
 * version's parts named for it.
 */
export const v3Properties: INodeProperties[] = [
	{ ...emailField, description: 'The e-mail address of the customer who placed the order' },
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1042',
		description:
			"Your shop's own ID of the order, sent as customOrderId. It makes the create safe to repeat: after a failure the order is looked up by it instead of being sent twice.",
	},
	lineItemsProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'The totals and statuses of the order; figures are sent as text, as Stamped expects',
		options: cartFieldOptions(true),
	},
];

export interface OrderCreateV3Input {
	email: string;
	body: IDataObject;
}

export function prepareV3(this: IExecuteFunctions, itemIndex: number): OrderCreateV3Input {
	const email = readEmail(this, itemIndex);
	const customOrderId = requireText(
		this.getNode(),
		this.getNodeParameter('orderId', itemIndex),
		'Order ID',
		itemIndex,
	);
	const fields = readFields(this, 'additionalFields', 'Additional Fields', itemIndex, [
		...CART_FIELD_NAMES,
		'tags',
	]);
	const { cart, tags } = readCart(this, itemIndex, fields);
	return { email, body: { customOrderId, cart, ...(tags ? { tags } : {}) } };
}

/**
 * The customer is found by e-mail (as every customer operation does) and named by Stamped's `customerId`; the
 * order is created exactly once (see `createExactlyOnce`).
 */
export async function executeV3(
	this: IExecuteFunctions,
	api: ApiClient,
	input: OrderCreateV3Input,
	itemIndex: number,
): Promise<IDataObject> {
	const { customerId } = await requireCustomer(api, 'email', input.email, itemIndex);
	const created = await createExactlyOnce(api, 'order', { ...input.body, customerId }, itemIndex);
	return { ...created.record, ...describeOutcome('order', created) };
}

export const declaration = defineOperation({
	resource: 'order',
	operation: 'create',
	name: 'Create',
	description:
		"Report an order from your shop (line items, totals, statuses) so that Stamped awards the purchase points by the loyalty program's own rules",
	action: 'Create an order',
	properties: v3Properties,
	versions: {
		v3: {
			prepare: prepareV3,
			execute: executeV3,
			subjectOf: (input: OrderCreateV3Input) => String(input.body.customOrderId),
		},
	},
});
