import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireText } from '../../../core/validation';
import { createExactlyOnce, requireCustomer } from '../../transport/v3';
import { emailField, readEmail } from '../email';
import { describeOutcome, readFields } from '../merchantRecord';
import { onlyOn } from '../versions';
import {
	CART_FIELD_NAMES,
	cartFieldOptions,
	lineItemsProperty,
	readCart,
	refuseOtherVersionField,
} from './cart';
import { executeV2, prepareV2, v2AdditionalFieldOptions, v2Properties } from './create.v2';

/**
 * Order > Create. On API v3 (`POST /merchant/shops/{shopId}/orders`) a custom or headless shop reports an
 * order, and Stamped applies the loyalty program's own earning rules to it (no points computed in the
 * workflow). On API v2 it is the order Stamped's store plugins send (`create.v2.ts`). The editor shows both
 * versions' fields, each saying which version uses it; the credential decides which are read.
 */
const SHARED_FIELDS = ['currency', 'totalPrice'];

const properties: INodeProperties[] = [
	{ ...emailField, description: 'The e-mail address of the customer who placed the order' },
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		placeholder: '1042',
		description:
			"Your shop's own ID of the order. Loyalty 2.0 (API v3): required, sent as customOrderId; it makes the create safe to repeat, since after a failure the order is looked up by it instead of being sent twice. It stands in for an Idempotency Key: before running the workflow again, Order > Get by this ID tells whether Stamped has the order. API v2: sent as orderId, the Order Number when empty.",
	},
	onlyOn('v3', lineItemsProperty),
	...v2Properties,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'The totals and statuses of the order, and on API v2 the buyer; figures are sent as text to API v3, as Stamped expects',
		options: [
			...cartFieldOptions(true).map((option) =>
				SHARED_FIELDS.includes(option.name) ? option : onlyOn('v3', option),
			),
			...v2AdditionalFieldOptions,
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

interface OrderCreateV3Input {
	email: string;
	body: IDataObject;
}

function prepareV3(this: IExecuteFunctions, itemIndex: number): OrderCreateV3Input {
	const email = readEmail(this, itemIndex);
	refuseOtherVersionField(
		this,
		itemIndex,
		'orderNumber',
		'Order Number',
		'Loyalty 2.0 (API v3)',
		'Order ID',
	);
	refuseOtherVersionField(this, itemIndex, 'items', 'Items', 'Loyalty 2.0 (API v3)', 'Line Items');
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
async function executeV3(
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
	properties,
	versions: {
		v2: { prepare: prepareV2, execute: executeV2 },
		v3: {
			prepare: prepareV3,
			execute: executeV3,
			subjectOf: (input: OrderCreateV3Input) => String(input.body.customOrderId),
		},
	},
});
