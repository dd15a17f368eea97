import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ITEMS_DEFAULT } from '../orderItems';
import {
	decimalText,
	inputError,
	requireBoolean,
	requireCurrency,
	requireRecordList,
	requireInteger,
	requireNumber,
	requireText,
	stringList,
} from '../../../core/validation';

/**
 * An order's cart as Stamped's v3 reference takes it (OrderCartRequest): line items and totals, every figure sent
 * as text ("12.50"), as the reference types them. Create sends it as the order's `cart`, Update as the new cart
 * state. The line items are named as a shop names them (`productId`, `variantId`: the shop's own ids, sent as
 * `customProductId` / `customVariantId`, the ids Product > Create sends), or by the reference's own names.
 */

/** A line item's fields as the node takes them, and the reference's name each is sent as. */
const LINE_ITEM_FIELDS: Record<string, string> = {
	productId: 'customProductId',
	variantId: 'customVariantId',
	customProductId: 'customProductId',
	customVariantId: 'customVariantId',
	title: 'title',
	name: 'name',
	variantTitle: 'variantTitle',
	sku: 'sku',
	quantity: 'quantity',
	price: 'price',
	fulfillmentStatus: 'fulfillmentStatus',
	giftCard: 'giftCard',
	taxable: 'taxable',
};

const LINE_ITEMS_DEFAULT = '[{"productId": "", "title": "", "quantity": 1, "price": 0}]';

export const lineItemsProperty: INodeProperties = {
	displayName: 'Line Items',
	name: 'lineItems',
	type: 'json',
	default: LINE_ITEMS_DEFAULT,
	description:
		"The order's products: a JSON array of objects with productId and variantId (your shop's IDs), title, sku, quantity and price. An expression may give the array directly.",
	hint: 'E.g. {{ $json.line_items.map(item => ({ productId: item.product_id, title: item.title, quantity: item.quantity, price: item.price })) }}',
};

/** The totals and statuses, in the order's Additional Fields; `tags` only where the operation takes them. */
export function cartFieldOptions(withTags: boolean): INodeProperties[] {
	const money = (displayName: string, name: string, description: string): INodeProperties => ({
		displayName,
		name,
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 2 },
		description,
	});
	return [
		{
			displayName: 'Currency',
			name: 'currency',
			type: 'string',
			default: '',
			placeholder: 'USD',
			description: "The shop's currency, as an ISO 4217 code",
		},
		money('Discount Total', 'discountTotal', 'The total of the discounts applied'),
		{
			displayName: 'Financial Status',
			name: 'financialStatus',
			type: 'string',
			default: '',
			placeholder: 'paid',
			description:
				'The payment state, e.g. paid, pending, refunded, partially_refunded, voided. Stamped applies the purchase rules to paid orders.',
		},
		{
			displayName: 'Fulfillment Status',
			name: 'fulfillmentStatus',
			type: 'string',
			default: '',
			placeholder: 'fulfilled',
			description: 'The shipping state, e.g. fulfilled, partial, unfulfilled',
		},
		money('Shipping Price', 'shippingPrice', 'The shipping charged'),
		money(
			'Subtotal Price',
			'subtotalPrice',
			'The price of the items after discounts, before shipping and tax',
		),
		...(withTags
			? [
					{
						displayName: 'Tags',
						name: 'tags',
						type: 'string',
						typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' },
						default: [],
						description: 'Tags for the order. From an expression, a list or comma-separated text.',
					} as INodeProperties,
				]
			: []),
		money('Tax Price', 'taxPrice', 'The tax charged'),
		money(
			'Total Price',
			'totalPrice',
			'What the customer paid in all; the purchase rules award points on it',
		),
	];
}

/** The Additional Fields with a figure, and the cart field each is sent as. */
const CART_FIGURES: Record<string, { label: string; sentAs: string }> = {
	totalPrice: { label: 'Total Price', sentAs: 'shopPriceTotal' },
	subtotalPrice: { label: 'Subtotal Price', sentAs: 'shopPriceSubTotal' },
	discountTotal: { label: 'Discount Total', sentAs: 'shopPriceDiscountTotal' },
	shippingPrice: { label: 'Shipping Price', sentAs: 'shopPriceShipping' },
	taxPrice: { label: 'Tax Price', sentAs: 'shopPriceTax' },
};
const CART_TEXTS: Record<string, { label: string; sentAs: string }> = {
	financialStatus: { label: 'Financial Status', sentAs: 'financialStatus' },
	fulfillmentStatus: { label: 'Fulfillment Status', sentAs: 'fulfillmentStatus' },
};

/** A figure as the reference types it: text ("12.5", "3"). */
export function figure(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	whole = false,
): string {
	const node = ctx.getNode();
	const number = whole
		? requireInteger(node, value, field, itemIndex, { min: 0 })
		: requireNumber(node, value, field, itemIndex, { min: 0 });
	// Text the shop wrote ("9.90") is kept as written; a number is written out as plain decimal text.
	return typeof value === 'string' ? value.trim() : decimalText(number);
}

function readLineItems(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const node = ctx.getNode();
	const entries = requireRecordList(
		node,
		ctx.getNodeParameter('lineItems', itemIndex),
		'Line Items',
		itemIndex,
		{
			what: 'line item',
			example: '[{"productId": "123", "quantity": 1, "price": 9.5}]',
			fields: Object.keys(LINE_ITEM_FIELDS),
		},
	);
	return entries.map(({ entry, where }) => {
		const item: IDataObject = {};
		for (const [key, raw] of Object.entries(entry)) {
			if (raw === undefined || raw === null || raw === '') continue;
			const sentAs = LINE_ITEM_FIELDS[key];
			const field = `${where}.${key}`;
			let text: string;
			if (key === 'quantity') text = figure(ctx, raw, field, itemIndex, true);
			else if (key === 'price') text = figure(ctx, raw, field, itemIndex);
			else if (key === 'giftCard' || key === 'taxable')
				text = String(requireBoolean(node, raw, field, itemIndex)); // the reference types them as text
			else text = requireText(node, raw, field, itemIndex);
			if (item[sentAs] !== undefined && item[sentAs] !== text) {
				throw inputError(
					node,
					where,
					itemIndex,
					`it gives ${sentAs} twice, with different values (productId and variantId are sent as customProductId and customVariantId)`,
				);
			}
			item[sentAs] = text;
		}
		return item;
	});
}

/**
 * The cart (OrderCartRequest) from Line Items and the Additional Fields, and the tags when the operation takes
 * them. Unset fields are not sent.
 */
export function readCart(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): { cart: IDataObject; tags?: string[] } {
	const node = ctx.getNode();
	const cart: IDataObject = { lineItems: readLineItems(ctx, itemIndex) };
	const currency = fields.currency;
	if (currency !== undefined && currency !== null && currency !== '')
		cart.shopCurrency = requireCurrency(node, currency, 'Currency', itemIndex);
	for (const [name, { label, sentAs }] of Object.entries(CART_TEXTS)) {
		const value = fields[name];
		if (value === undefined || value === null || value === '') continue;
		cart[sentAs] = requireText(node, value, label, itemIndex);
	}
	for (const [name, { label, sentAs }] of Object.entries(CART_FIGURES)) {
		const value = fields[name];
		if (value === undefined || value === null || value === '') continue;
		cart[sentAs] = figure(ctx, value, label, itemIndex);
	}
	if (fields.tags === undefined) return { cart };
	return { cart, tags: stringList(node, fields.tags, 'Tags', itemIndex) };
}

export const CART_FIELD_NAMES = [
	'currency',
	...Object.keys(CART_TEXTS),
	...Object.keys(CART_FIGURES),
];

/**
 * Order > Create shows both versions' fields (the credential decides which are read): a field of the other
 * version left at its default is ignored, one that was filled in is refused rather than dropped.
 */
export function refuseOtherVersionField(
	ctx: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
	version: string,
	instead: string,
): void {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const unset = ['', undefined, null, LINE_ITEMS_DEFAULT, ITEMS_DEFAULT];
	if (unset.includes(value as string)) return;
	throw inputError(
		ctx.getNode(),
		label,
		itemIndex,
		`${version} does not use it (use ${instead} instead); nothing was sent`,
	);
}
