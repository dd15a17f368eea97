import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import {
	optionalMaxLength,
	requireBoolean,
	requireEmail,
	requireInteger,
	requireText,
} from '../../../core/validation';
import { reviews3Api } from '../../transport';
import { MAX_REPLY_LENGTH } from './reply.operation';

const MAX_TITLE_LENGTH = 200;
const MAX_AUTHOR_LENGTH = 100;

const properties: INodeProperties[] = [
	{
		displayName:
			'Every run creates a new review. After a server error or a timeout it is not sent again, so a review is never created twice. It takes no Idempotency Key: the key would have to be written into the review, which shoppers read.',
		name: 'createReviewNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Product ID',
		name: 'productId',
		type: 'string',
		required: true,
		default: '',
		description: "The reviewed product's ID in your store",
	},
	{
		displayName: 'Rating',
		name: 'rating',
		type: 'number',
		required: true,
		default: 5,
		typeOptions: { minValue: 1, maxValue: 5, numberPrecision: 0 },
		description: 'Stars given, a whole number from 1 to 5',
	},
	{
		displayName: 'Author',
		name: 'author',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Jane D.',
		description: "The reviewer's name as shown with the review",
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: "The reviewer's e-mail address (not shown on the site)",
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: `The review's headline, at most ${MAX_TITLE_LENGTH} characters`,
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: `The review's text, at most ${MAX_REPLY_LENGTH} characters`,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Details of the product and the reviewer',
		options: [
			{
				displayName: 'Location',
				name: 'location',
				type: 'string',
				default: '',
				placeholder: 'Berlin, Germany',
				description: 'Where the reviewer lives, as shown with the review',
			},
			{
				displayName: 'Product Image URL',
				name: 'productImageUrl',
				type: 'string',
				default: '',
				description: "The product's image",
			},
			{
				displayName: 'Product Name',
				name: 'productName',
				type: 'string',
				default: '',
				description: "The product's name, for a product Stamped does not know yet",
			},
			{
				displayName: 'Product SKU',
				name: 'productSku',
				type: 'string',
				default: '',
				description: "The product's SKU",
			},
			{
				displayName: 'Product URL',
				name: 'productUrl',
				type: 'string',
				default: '',
				description: "The product's page in your store",
			},
			{
				displayName: 'Recommends Product',
				name: 'recommend',
				type: 'boolean',
				default: true,
				description: 'Whether the reviewer recommends the product',
			},
		],
	},
];

/** The additional fields and the form field each is sent as. */
const FORM_FIELDS: Record<string, string> = {
	location: 'location',
	productImageUrl: 'productImageUrl',
	productName: 'productName',
	productSku: 'productSKU',
	productUrl: 'productUrl',
};

function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const text = (name: string, field: string, max: number) => {
		const value = requireText(node, this.getNodeParameter(name, itemIndex), field, itemIndex);
		return optionalMaxLength(node, value, field, itemIndex, max) ?? value;
	};
	const form: IDataObject = {
		productId: requireText(
			node,
			this.getNodeParameter('productId', itemIndex),
			'Product ID',
			itemIndex,
		),
		author: text('author', 'Author', MAX_AUTHOR_LENGTH),
		email: requireEmail(node, this.getNodeParameter('email', itemIndex), 'Email', itemIndex),
		reviewRating: requireInteger(
			node,
			this.getNodeParameter('rating', itemIndex),
			'Rating',
			itemIndex,
			{ min: 1, max: 5 },
		),
		reviewMessage: text('body', 'Body', MAX_REPLY_LENGTH),
		reviewSource: 'api',
	};
	const title = optionalMaxLength(
		node,
		this.getNodeParameter('title', itemIndex, ''),
		'Title',
		itemIndex,
		MAX_TITLE_LENGTH,
	);
	if (title !== undefined) form.reviewTitle = title.trim();
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	for (const [name, formName] of Object.entries(FORM_FIELDS)) {
		if (fields[name] !== undefined && fields[name] !== '')
			form[formName] = requireText(node, fields[name], name, itemIndex);
	}
	if (fields.recommend !== undefined)
		form.reviewRecommendProduct = requireBoolean(
			node,
			fields.recommend,
			'Recommends Product',
			itemIndex,
		)
			? 'true'
			: 'false';
	return form;
}

/**
 * Sent to `/api/reviews3` beside the v2 API, authenticated by the public key and store hash in the query (the
 * client masks the answer, in case Stamped echoes the key).
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	form: IDataObject,
	itemIndex: number,
) {
	const answer = await reviews3Api(api).request({
		method: 'POST',
		path: '/reviews3',
		qs: {
			apiKey: String(api.credentials.publicKey ?? ''),
			sId: String(api.credentials.storeHash ?? ''),
		},
		form,
		idempotent: false,
		itemIndex,
	});
	return asJsonObject(answer);
}

export const declaration = defineOperation({
	resource: 'review',
	operation: 'create',
	name: 'Create',
	description:
		'Add a review to a product, e.g. one collected elsewhere or imported from another platform',
	action: 'Create a review',
	properties,
	versions: { v2: { prepare, execute } },
});
