import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	inputError,
	requireBoolean,
	requireRecordList,
	requireText,
	stringList,
} from '../../../core/validation';
import { readFields } from '../merchantRecord';
import { figure } from '../order/cart';

/**
 * A product as Stamped's v3 reference takes it (ProductRequest): the shop's own id as `customProductId`, the
 * description as `htmlProductDescription`, an image URL as `images[].urlSrc`, variants with every figure and
 * flag as text ("24.00", "true"), as the reference types them.
 */

export const productIdProperty: INodeProperties = {
	displayName: 'Product ID',
	name: 'productId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'sku-123',
	description:
		"Your shop's own ID of the product, sent as customProductId. Orders name their products by it, and Upsert finds the product by it.",
};

export const titleProperty: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'Espresso Beans',
	description: "The product's name",
};

/** The optional product fields (Additional Fields of Create and Upsert; with Product ID and Title, Update's fields). */
export const productFieldOptions: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: "The product's description; HTML is kept (sent as htmlProductDescription)",
	},
	{
		displayName: 'Handle',
		name: 'handle',
		type: 'string',
		default: '',
		placeholder: 'espresso-beans',
		description: "The product's URL handle in the shop",
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		placeholder: 'https://shop.example.com/images/beans.jpg',
		description: "The product's main image",
	},
	{
		displayName: 'Published Scope',
		name: 'publishedScope',
		type: 'string',
		default: '',
		placeholder: 'web',
		description: 'Where the product is published, e.g. web or global',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'string',
		default: '',
		placeholder: 'active',
		description: "The product's status, e.g. active, draft or archived",
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' },
		default: [],
		description: 'Tags for the product. From an expression, a list or comma-separated text.',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'string',
		default: '',
		placeholder: 'Coffee',
		description: 'The product type',
	},
	{
		displayName: 'Variants',
		name: 'variants',
		type: 'json',
		default: '[{"variantId": "", "title": "", "price": 0, "sku": ""}]',
		description:
			"The product's variants: a JSON array of objects with variantId (your shop's ID, sent as customVariantId), title, price, sku, barcode, position, weight, weightUnit, inventoryQuantity, taxable, requiresShipping",
	},
	{
		displayName: 'Vendor',
		name: 'vendor',
		type: 'string',
		default: '',
		placeholder: 'Roastery',
		description: "The product's brand or maker",
	},
];

/** The plain text fields, and the ProductRequest field each is sent as. */
const TEXT_FIELDS: Record<string, { label: string; sentAs: string }> = {
	title: { label: 'Title', sentAs: 'title' },
	description: { label: 'Description', sentAs: 'htmlProductDescription' },
	vendor: { label: 'Vendor', sentAs: 'vendor' },
	type: { label: 'Type', sentAs: 'type' },
	handle: { label: 'Handle', sentAs: 'handle' },
	status: { label: 'Status', sentAs: 'status' },
	publishedScope: { label: 'Published Scope', sentAs: 'publishedScope' },
};

export const PRODUCT_FIELD_NAMES = productFieldOptions.map((option) => option.name);

/** A variant's fields as the node takes them: the reference's own, and `variantId` for customVariantId. */
const VARIANT_FIELDS: Record<string, 'text' | 'money' | 'whole' | 'flag' | 'number'> = {
	variantId: 'text',
	customVariantId: 'text',
	title: 'text',
	sku: 'text',
	barcode: 'text',
	weightUnit: 'text',
	price: 'money',
	weight: 'number',
	position: 'whole',
	inventoryQuantity: 'whole',
	taxable: 'flag',
	requiresShipping: 'flag',
};

function readVariants(ctx: IExecuteFunctions, value: unknown, itemIndex: number): IDataObject[] {
	const node = ctx.getNode();
	const entries = requireRecordList(node, value, 'Variants', itemIndex, {
		what: 'variant',
		example: '[{"variantId": "v1", "price": 24}]',
		fields: Object.keys(VARIANT_FIELDS),
	});
	return entries.map(({ entry, where }) => {
		const variant: IDataObject = {};
		for (const [key, raw] of Object.entries(entry)) {
			if (raw === undefined || raw === null || raw === '') continue;
			const field = `${where}.${key}`;
			const kind = VARIANT_FIELDS[key];
			const sentAs = key === 'variantId' ? 'customVariantId' : key;
			const text =
				kind === 'text'
					? requireText(node, raw, field, itemIndex)
					: kind === 'flag'
						? String(requireBoolean(node, raw, field, itemIndex))
						: figure(ctx, raw, field, itemIndex, kind === 'whole');
			if (variant[sentAs] !== undefined && variant[sentAs] !== text)
				throw inputError(node, where, itemIndex, `it gives ${sentAs} twice, with different values`);
			variant[sentAs] = text;
		}
		return variant;
	});
}

/**
 * The ProductRequest fields from a set of the node's product fields (`productId`, `title` and the options
 * above); unset fields are not sent.
 */
export function productBody(
	ctx: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const node = ctx.getNode();
	const set = (name: string) =>
		fields[name] !== undefined && fields[name] !== null && fields[name] !== '';
	const body: IDataObject = {};
	if (set('productId'))
		body.customProductId = requireText(node, fields.productId, 'Product ID', itemIndex);
	for (const [name, { label, sentAs }] of Object.entries(TEXT_FIELDS))
		if (set(name)) body[sentAs] = requireText(node, fields[name], label, itemIndex);
	if (fields.tags !== undefined) body.tags = stringList(node, fields.tags, 'Tags', itemIndex);
	if (set('imageUrl')) {
		const url = requireText(node, fields.imageUrl, 'Image URL', itemIndex);
		if (!/^https?:\/\/\S+$/i.test(url))
			throw inputError(node, 'Image URL', itemIndex, `"${url}" is not an http(s) URL`);
		body.images = [{ urlSrc: url, position: '1' }];
	}
	if (set('variants')) body.variants = readVariants(ctx, fields.variants, itemIndex);
	return body;
}

/** Create's and Upsert's parameters: Product ID, Title, Additional Fields. */
export const createProperties: INodeProperties[] = [
	productIdProperty,
	titleProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: "More of the product's details; fields not set are not sent",
		options: productFieldOptions,
	},
];

export interface ProductInput {
	/** The ProductRequest, `customProductId` and `title` always set. */
	body: IDataObject;
}

export function readProductInput(ctx: IExecuteFunctions, itemIndex: number): ProductInput {
	const node = ctx.getNode();
	const fields = readFields(
		ctx,
		'additionalFields',
		'Additional Fields',
		itemIndex,
		PRODUCT_FIELD_NAMES,
	);
	return {
		body: {
			customProductId: requireText(
				node,
				ctx.getNodeParameter('productId', itemIndex),
				'Product ID',
				itemIndex,
			),
			title: requireText(node, ctx.getNodeParameter('title', itemIndex), 'Title', itemIndex),
			...productBody(ctx, fields, itemIndex),
		},
	};
}

/** Items for the same product run one after another; others at once (see Operation.subjectOf). */
export const productOf = (input: ProductInput) => String(input.body.customProductId);
