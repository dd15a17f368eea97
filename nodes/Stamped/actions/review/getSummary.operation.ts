import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { notTheRecordAsked, sameKey } from '../../../core/match';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireText, toNumber } from '../../../core/validation';
import { describeAnswer } from '../../../core/operation';
import { isMissingRoute } from '../../transport/evidence';

const properties: INodeProperties[] = [
	{
		displayName: 'Product ID',
		name: 'productId',
		type: 'string',
		required: true,
		default: '',
		description: "The product's ID in your store",
		hint: 'Usually an expression from the previous node, e.g. {{ $json.id }}',
	},
];

/** Where the figures may sit: at the top, or under one of these keys (either spelling of the endpoint). */
const WRAPPERS = ['richsnippet', 'richSnippet', 'RichSnippet', 'data', 'result'];
const AVERAGE_KEYS = ['reviewsAverage', 'averageRating', 'rating', 'average', 'ratingValue'];
const COUNT_KEYS = ['reviewsCount', 'reviewCount', 'count', 'total', 'ratingCount'];

function figures(answer: IDataObject): { average?: number; count?: number } {
	for (const candidate of [answer, ...WRAPPERS.map((key) => answer[key])]) {
		if (!candidate || typeof candidate !== 'object' || Array.isArray(candidate)) continue;
		const record = candidate as IDataObject;
		const first = (keys: string[]) =>
			keys.map((key) => toNumber(record[key])).find((value) => value !== undefined);
		const average = first(AVERAGE_KEYS);
		const count = first(COUNT_KEYS);
		if (average !== undefined || count !== undefined) return { average, count };
	}
	return {};
}

const bodyOf = (error: unknown) =>
	(error as { errorResponse?: { body?: unknown } }).errorResponse?.body;

/**
 * `GET /richsnippet?productId=`, as Stamped's Magento plugin sends it on v2. The WooCommerce plugin spells it
 * `richSnippet`: when the first spelling is answered as an unknown address, the other is read instead.
 */
async function readSnippet(api: ApiClient, productId: string, itemIndex: number) {
	const read = async (path: string) =>
		await api.request({ method: 'GET', path, qs: { productId }, idempotent: true, itemIndex });
	let failure: unknown;
	try {
		return await read('/richsnippet');
	} catch (error) {
		failure = error;
	}
	const routeMissing =
		failure instanceof NodeApiError &&
		failure.httpCode === '404' &&
		isMissingRoute(bodyOf(failure));
	if (!routeMissing) throw failure;
	return await read('/richSnippet');
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { productId: string },
	itemIndex: number,
) {
	const answer = await readSnippet(api, input.productId, itemIndex);
	const record =
		answer !== null && typeof answer === 'object' && !Array.isArray(answer)
			? (answer as IDataObject)
			: undefined;
	// An answer naming another product (its productId not exactly the one asked) is not this product's summary.
	if (record?.productId !== undefined && !sameKey(input.productId, record, 'productId')) {
		const lookup = { by: 'ID', value: input.productId, key: 'productId' };
		throw notTheRecordAsked(api, 'product', lookup, record, itemIndex, false);
	}
	const { average, count } = record ? figures(record) : {};
	if (average === undefined && count === undefined) {
		throw new NodeOperationError(
			api.node,
			`Stamped answered the rating summary of product ${input.productId} without a rating or a review count`,
			{
				itemIndex,
				description: `Expected reviewsAverage and reviewsCount, got ${describeAnswer(answer)}.`,
			},
		);
	}
	return {
		productId: input.productId,
		averageRating: average ?? null,
		reviewCount: count ?? null,
		response: record!,
	};
}

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return {
		productId: requireText(
			this.getNode(),
			this.getNodeParameter('productId', itemIndex),
			'Product ID',
			itemIndex,
		),
	};
}

export const declaration = defineOperation({
	resource: 'review',
	operation: 'getSummary',
	name: 'Get Summary',
	description: "Get a product's average rating and review count, as Stamped shows them in the shop",
	action: 'Get the rating summary of a product',
	properties,
	versions: {
		v2: { prepare, execute },
	},
});
