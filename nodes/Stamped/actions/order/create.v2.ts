/**
 * Order > Create on API v2: the order Stamped's Magento plugin sends to `POST /orders` after each sale, which
 * the loyalty program rewards by its own rules (evidence: Stamped-io/Magento-v2.x, `Helper/Data.php`
 * `prepareData` and `Model/Adapter/Adapter.php` `createRewardRequest`). The body has exactly that shape:
 * the buyer, the order number and id, currency, total, status, source, date, `itemsList`, and
 * `userReference` (the buyer's e-mail) unless the buyer checked out as a guest.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import {
	optionalBoolean,
	requireCurrency,
	requireIsoDate,
	requireNumber,
} from '../../../core/validation';
import { readEmail } from '../email';
import { readFields } from '../merchantRecord';
import { itemsProperty, readItems, shortText } from '../orderItems';
import { refuseOtherVersionField } from './cart';

/** The fields only API v2 uses, shown beside the v3 ones (the credential decides which are read). */
export const v2Properties: INodeProperties[] = [
	{
		displayName:
			"API v2 only. Every run sends the order to Stamped, which rewards it by the loyalty program's rules. After a server error or a timeout it is not sent again, so an order is never sent twice by the node. It takes no Idempotency Key: API v2 keeps no ledger the node can read one back from; the order number identifies the order.",
		name: 'orderCreateV2Notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Order Number',
		name: 'orderNumber',
		type: 'string',
		default: '',
		placeholder: '1042',
		description:
			'API v2 only. The order number, as the buyer sees it (sent as orderNumber and, unless Order ID is set, as orderId).',
	},
	// Not marked required: the editor shows it to v3 credentials too, which do not use it.
	{ ...itemsProperty('API v2 only. The products of the order'), required: false },
];

/** The Additional Fields only API v2 sends; Currency and Total Price are shared with v3. */
export const v2AdditionalFieldOptions: INodeProperties[] = [
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		description: "API v2 only. The buyer's customer ID in your store.",
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: "API v2 only. The buyer's first name.",
	},
	{
		displayName: 'Guest Checkout',
		name: 'guestCheckout',
		type: 'boolean',
		default: false,
		description:
			"Whether the buyer ordered without an account in your store. API v2 only: a guest's order is sent without userReference, as Stamped's Magento plugin does.",
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: "API v2 only. The buyer's last name.",
	},
	{
		displayName: 'Location',
		name: 'location',
		type: 'string',
		default: '',
		placeholder: 'DE',
		description: "API v2 only. Where the buyer lives (Stamped's Magento plugin sends the country).",
	},
	{
		displayName: 'Order Date',
		name: 'orderDate',
		type: 'dateTime',
		default: '',
		description: 'API v2 only. When the order was placed (ISO 8601).',
	},
	{
		displayName: 'Order Source',
		name: 'orderSource',
		type: 'string',
		default: '',
		placeholder: 'magento',
		description: 'API v2 only. Where the order came from, e.g. the name of your shop system.',
	},
	{
		displayName: 'Order Status',
		name: 'orderStatus',
		type: 'string',
		default: '',
		placeholder: 'processing',
		description:
			"API v2 only. The order's status in your store, e.g. processing or complete (sent in lower case).",
	},
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'string',
		default: '',
		placeholder: 'magento',
		description: 'API v2 only. Your shop platform, as Stamped knows it.',
	},
];

/** The names of v2's Additional Fields, the two it shares with v3 included. */
const V2_FIELD_NAMES = [
	'currency',
	'totalPrice',
	...v2AdditionalFieldOptions.map((option) => option.name),
];

export interface OrderV2Input {
	order: IDataObject;
}

/** A date or date-time as ISO 8601 text, checked to be a real date. */
function dateTime(ctx: IExecuteFunctions, value: unknown, field: string, itemIndex: number) {
	requireIsoDate(ctx.getNode(), value, field, itemIndex);
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'string') return value.trim();
	return String((value as { toISO(): string }).toISO());
}

export function prepareV2(this: IExecuteFunctions, itemIndex: number): OrderV2Input {
	const node = this.getNode();
	const email = readEmail(this, itemIndex);
	refuseOtherVersionField(this, itemIndex, 'lineItems', 'Line Items', 'API v2', 'Items');
	const orderNumber = shortText(
		this,
		this.getNodeParameter('orderNumber', itemIndex),
		'Order Number',
		itemIndex,
		100,
	);
	const fields = readFields(
		this,
		'additionalFields',
		'Additional Fields',
		itemIndex,
		V2_FIELD_NAMES,
	);
	const given = (name: string) =>
		fields[name] !== undefined && fields[name] !== '' && fields[name] !== null;
	const text = (name: string, field: string) =>
		given(name) ? shortText(this, fields[name], field, itemIndex, 200) : undefined;

	const order: IDataObject = { email };
	const customerId = text('customerId', 'Customer ID');
	if (customerId !== undefined) order.customerId = customerId;
	for (const [name, field] of [
		['firstName', 'First Name'],
		['lastName', 'Last Name'],
		['location', 'Location'],
	]) {
		const value = text(name, field);
		if (value !== undefined) order[name] = value;
	}
	order.orderNumber = orderNumber;
	const orderId = this.getNodeParameter('orderId', itemIndex, '') as unknown;
	order.orderId =
		orderId === '' || orderId === undefined
			? orderNumber
			: shortText(this, orderId, 'Order ID', itemIndex, 200);
	if (given('currency'))
		order.orderCurrencyISO = requireCurrency(node, fields.currency, 'Currency', itemIndex);
	if (given('totalPrice')) {
		const total = requireNumber(node, fields.totalPrice, 'Total Price', itemIndex, { min: 0 });
		order.orderTotalPrice = total;
		order.orderTotal = total;
	}
	const status = text('orderStatus', 'Order Status');
	if (status !== undefined) order.orderStatus = status.toLowerCase();
	const source = text('orderSource', 'Order Source');
	if (source !== undefined) order.orderSource = source;
	const platform = text('platform', 'Platform');
	if (platform !== undefined) order.platform = platform;
	if (given('orderDate'))
		order.orderDate = dateTime(this, fields.orderDate, 'Order Date', itemIndex);
	order.itemsList = readItems(this, itemIndex);
	const guest = optionalBoolean(node, fields.guestCheckout, 'Guest Checkout', itemIndex, false);
	if (!guest) order.userReference = email;
	return { order };
}

/** Sent once: Stamped documents no de-duplication of orders, so an ambiguous failure is not retried. */
export async function executeV2(
	this: IExecuteFunctions,
	api: ApiClient,
	input: OrderV2Input,
	itemIndex: number,
): Promise<IDataObject> {
	const answer = await api.request({
		method: 'POST',
		path: '/orders',
		body: input.order,
		idempotent: false,
		itemIndex,
	});
	const { orderNumber, email } = input.order;
	const received = answer === undefined || answer === '' ? {} : asJsonObject(answer);
	return { orderNumber, email, ...received, sent: true };
}
