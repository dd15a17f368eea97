import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError, requireNumber, requireText } from '../../core/validation';

/**
 * The products of an order as Stamped's store plugins send them in `itemsList` (review requests, and the
 * order of the loyalty program): the fields both plugins send, plus `productSKU` (both), `productBarcode`
 * (Magento) and `productTags` (WooCommerce).
 */
const PRODUCT_FIELDS = [
	'productBarcode',
	'productBrand',
	'productDescription',
	'productId',
	'productImageUrl',
	'productPrice',
	'productSKU',
	'productTags',
	'productTitle',
	'productType',
	'productUrl',
];

export const ITEMS_DEFAULT = '[{"productId": "", "productTitle": ""}]';

/** The Items parameter, its description starting with what the products are. */
export function itemsProperty(description: string): INodeProperties {
	return {
		displayName: 'Items',
		name: 'items',
		type: 'json',
		required: true,
		default: ITEMS_DEFAULT,
		description: `${description}: a JSON array of objects with productId (required), productTitle, productUrl, productImageUrl, productPrice, productSKU, productBarcode, productTags (text, or a list of texts), productBrand, productType, productDescription. An expression may give the array directly.`,
		hint: 'E.g. {{ $json.line_items.map(item => ({ productId: item.product_id, productTitle: item.title, productSKU: item.sku })) }}',
	};
}

/** Tags as the WooCommerce plugin sends them: one text, a list joined with ", ". */
function tagsText(value: unknown, field: string, ctx: IExecuteFunctions, itemIndex: number) {
	const node = ctx.getNode();
	if (!Array.isArray(value)) return requireText(node, value, field, itemIndex);
	return value
		.map((tag, position) => requireText(node, tag, `${field}[${position}]`, itemIndex))
		.join(', ');
}

/** The Items parameter of an item, checked: a non-empty array of products, each with a productId. */
export function readItems(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const node = ctx.getNode();
	let value = ctx.getNodeParameter('items', itemIndex) as unknown;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			throw inputError(
				node,
				'Items',
				itemIndex,
				'it is not valid JSON (expected an array such as [{"productId": "123"}])',
			);
		}
	}
	if (!Array.isArray(value) || value.length === 0) {
		throw inputError(
			node,
			'Items',
			itemIndex,
			'it must be a non-empty array of products, each an object with a productId',
		);
	}
	return value.map((entry, position) => {
		const where = `Items[${position}]`;
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
			throw inputError(node, where, itemIndex, 'each product must be an object with a productId');
		}
		const product = entry as IDataObject;
		const unknown = Object.keys(product).filter((key) => !PRODUCT_FIELDS.includes(key));
		if (unknown.length > 0) {
			throw inputError(
				node,
				where,
				itemIndex,
				`Stamped does not read ${unknown.map((key) => `"${key}"`).join(', ')} (it reads ${PRODUCT_FIELDS.join(', ')})`,
			);
		}
		const checked: IDataObject = {};
		// Every other field is text: an object or a list there would reach Stamped as JSON it cannot read.
		for (const [key, value] of Object.entries(product)) {
			if (key === 'productPrice' || value === undefined || value === null || value === '') continue;
			checked[key] =
				key === 'productTags'
					? tagsText(value, `${where}.${key}`, ctx, itemIndex)
					: requireText(node, value, `${where}.${key}`, itemIndex);
		}
		checked.productId = requireText(node, product.productId, `${where}.productId`, itemIndex);
		if (product.productPrice !== undefined)
			checked.productPrice = requireNumber(
				node,
				product.productPrice,
				`${where}.productPrice`,
				itemIndex,
				{ min: 0 },
			);
		return checked;
	});
}

/** Text up to `max` characters, for the buyer's details (phone, locale, customer id). */
export function shortText(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	max: number,
): string {
	const text = requireText(ctx.getNode(), value, field, itemIndex);
	if (text.length > max)
		throw inputError(ctx.getNode(), field, itemIndex, `it is longer than ${max} characters`);
	return text;
}

/** A phone number as a shop keeps it: digits with +, spaces, dots, dashes and brackets. */
export function phoneNumber(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const phone = shortText(ctx, value, 'Phone', itemIndex, 40);
	if (!/^\+?[0-9 ().\-/]{3,}$/.test(phone) || !/[0-9]/.test(phone))
		throw inputError(ctx.getNode(), 'Phone', itemIndex, `"${phone}" is not a phone number`);
	return phone;
}

/** A language or locale code, e.g. "en", "de-DE", "pt_BR" (the WooCommerce plugin sends the language). */
export function localeCode(ctx: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const locale = shortText(ctx, value, 'Locale', itemIndex, 20);
	if (!/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(locale))
		throw inputError(
			ctx.getNode(),
			'Locale',
			itemIndex,
			`"${locale}" is not a language code such as "en" or "de-DE"`,
		);
	return locale;
}
