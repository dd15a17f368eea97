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
	inputError,
	requireEmail,
	requireIsoDate,
	requireNumber,
	requireText,
} from '../../../core/validation';
import { itemsProperty, readItems, shortText } from '../orderItems';

export const v2Properties: INodeProperties[] = [
	{
		displayName:
			"API v2 only. Every run sends the order to Stamped, which rewards it by the loyalty program's rules. After a server error or a timeout it is not sent again, so an order is never sent twice by the node.",
		name: 'orderCreateV2Notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: "The buyer's e-mail address: the customer the loyalty program rewards",
	},
	{
		displayName: 'Order Number',
		name: 'orderNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1042',
		description:
			'API v2 only. The order number, as the buyer sees it (sent as orderNumber and, unless Order ID is set, as orderId).',
	},
	itemsProperty('API v2 only. The products of the order'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Details of the order and the buyer',
		options: [
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'string',
				default: '',
				placeholder: 'EUR',
				description: "The order's currency, an ISO 4217 code (sent as orderCurrencyISO)",
			},
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
				description:
					"API v2 only. Where the buyer lives (Stamped's Magento plugin sends the country).",
			},
			{
				displayName: 'Order Date',
				name: 'orderDate',
				type: 'dateTime',
				default: '',
				description: 'API v2 only. When the order was placed (ISO 8601).',
			},
			{
				displayName: 'Order ID',
				name: 'orderId',
				type: 'string',
				default: '',
				description:
					"API v2 only. The order's ID in your store, when it differs from the order number.",
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
			{
				displayName: 'Total Price',
				name: 'totalPrice',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: "The order's grand total (sent as orderTotalPrice and orderTotal)",
			},
		],
	},
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
	const email = requireEmail(node, this.getNodeParameter('email', itemIndex), 'Email', itemIndex);
	const orderNumber = shortText(
		this,
		this.getNodeParameter('orderNumber', itemIndex),
		'Order Number',
		itemIndex,
		100,
	);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
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
	order.orderId = text('orderId', 'Order ID') ?? orderNumber;
	if (given('currency')) {
		const currency = requireText(node, fields.currency, 'Currency', itemIndex).toUpperCase();
		if (!/^[A-Z]{3}$/.test(currency))
			throw inputError(
				node,
				'Currency',
				itemIndex,
				`"${currency}" is not a three-letter currency code`,
			);
		order.orderCurrencyISO = currency;
	}
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
	if (fields.guestCheckout !== undefined && typeof fields.guestCheckout !== 'boolean')
		throw inputError(node, 'Guest Checkout', itemIndex, 'it must be true or false');
	if (fields.guestCheckout !== true) order.userReference = email;
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
