import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import {
	inputError,
	optionalBoolean,
	requireEmail,
	requireInteger,
	requireIsoDate,
	requireOneOf,
	requireText,
	toNumber,
} from '../../../core/validation';
import { readStampedList } from '../../transport/lists';
import type { ListInput } from '../returnAllLimitConcurrency';
import { listProperties, readListInput } from '../returnAllLimitConcurrency';

/** Review states Stamped shows on the site: 1 published, 6 featured. */
const PUBLISHED_STATES = [1, 6];

/**
 * The dashboard list's `state` filter, and the `reviewState` numbers a review in that state may carry, as far
 * as they are known (1 published, 6 featured; the numbers of the others are not documented). A review whose
 * number contradicts the filter shows that Stamped ignored it: the list then fails rather than mislead.
 */
const STATES: Record<string, (reviewState: number) => boolean> = {
	featured: (state) => state === 6,
	pending: (state) => !PUBLISHED_STATES.includes(state),
	published: (state) => PUBLISHED_STATES.includes(state),
	unpublished: (state) => !PUBLISHED_STATES.includes(state),
};

const properties: INodeProperties[] = [
	...listProperties(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Which reviews to return. Filters combine: a review must match all of them.',
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description:
					"Only reviews written by the customer with this e-mail address, across all products. Cannot be combined with the other filters (Stamped lists a customer's reviews on its own).",
			},
			{
				displayName: 'From Date',
				name: 'dateFrom',
				type: 'dateTime',
				default: '',
				description: 'Only reviews written on or after this day (YYYY-MM-DD)',
			},
			{
				displayName: 'Minimum Rating',
				name: 'minRating',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1, maxValue: 5, numberPrecision: 0 },
				description: 'Only reviews with at least this many stars (1 to 5)',
			},
			{
				displayName: 'Product ID',
				name: 'productId',
				type: 'string',
				default: '',
				description: "Only reviews of this product (the product's ID in your store)",
			},
			{
				displayName: 'Rating',
				name: 'rating',
				type: 'number',
				default: 5,
				typeOptions: { minValue: 1, maxValue: 5, numberPrecision: 0 },
				description:
					'Only reviews with exactly this many stars (1 to 5), e.g. 1 for one-star reviews',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'late delivery',
				description: "Only reviews whose text matches these words (Stamped's own search)",
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				default: 'published',
				options: [
					{
						name: 'Featured',
						value: 'featured',
						description: 'Published reviews the shop marked as featured',
					},
					{
						name: 'Pending',
						value: 'pending',
						description: 'Reviews waiting for moderation',
					},
					{
						name: 'Published',
						value: 'published',
						description: 'Reviews shown on the site',
					},
					{
						name: 'Unpublished',
						value: 'unpublished',
						description: 'Reviews hidden from the site',
					},
				],
				description:
					"Only reviews in this state, as the Stamped dashboard's review list filters them",
			},
			{
				displayName: 'To Date',
				name: 'dateTo',
				type: 'dateTime',
				default: '',
				description: 'Only reviews written on or before this day (YYYY-MM-DD)',
			},
			{
				displayName: 'Without Reply',
				name: 'withoutReply',
				type: 'boolean',
				default: false,
				description:
					'Whether to return only reviews the shop has not replied to yet. Checked by the node: it reads every review matching the other filters, then keeps the unanswered ones.',
			},
		],
	},
];

interface ReviewListInput extends ListInput {
	/** Set for the e-mail list (`GET /reviews?email=`); the other filters then are absent. */
	email?: string;
	/** The dashboard list's query (filters sent to Stamped). */
	query: IDataObject;
	withoutReply: boolean;
}

function prepare(this: IExecuteFunctions, itemIndex: number): ReviewListInput {
	const node = this.getNode();
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const given = (name: string) =>
		filters[name] !== undefined && filters[name] !== '' && filters[name] !== null;
	const query: IDataObject = {};
	if (given('productId'))
		query.productId = requireText(node, filters.productId, 'Product ID', itemIndex);
	if (given('rating'))
		query.rating = requireInteger(node, filters.rating, 'Rating', itemIndex, { min: 1, max: 5 });
	if (given('minRating'))
		query.minRating = requireInteger(node, filters.minRating, 'Minimum Rating', itemIndex, {
			min: 1,
			max: 5,
		});
	if (given('dateFrom'))
		query.dateFrom = requireIsoDate(node, filters.dateFrom, 'From Date', itemIndex);
	if (given('dateTo')) query.dateTo = requireIsoDate(node, filters.dateTo, 'To Date', itemIndex);
	if (given('search')) query.search = requireText(node, filters.search, 'Search', itemIndex);
	if (given('state'))
		query.state = requireOneOf(node, filters.state, 'State', itemIndex, Object.keys(STATES));
	if (query.dateFrom && query.dateTo && String(query.dateFrom) > String(query.dateTo)) {
		throw inputError(
			node,
			'To Date',
			itemIndex,
			`${String(query.dateTo)} is before the From Date ${String(query.dateFrom)}`,
		);
	}
	if (
		query.rating !== undefined &&
		query.minRating !== undefined &&
		Number(query.rating) < Number(query.minRating)
	) {
		throw inputError(
			node,
			'Rating',
			itemIndex,
			`${String(query.rating)} stars is below the Minimum Rating ${String(query.minRating)}: no review can match`,
		);
	}
	const withoutReply = optionalBoolean(
		node,
		filters.withoutReply,
		'Without Reply',
		itemIndex,
		false,
	);
	const list = readListInput(this, itemIndex);
	if (!given('email')) return { ...list, query, withoutReply };

	const email = requireEmail(node, filters.email, 'Email', itemIndex);
	// Stamped lists a customer's reviews on their own endpoint, which takes no other filter.
	if (Object.keys(query).length > 0 || withoutReply) {
		throw inputError(
			node,
			'Email',
			itemIndex,
			"it cannot be combined with other filters. Use Email alone (then filter with n8n's Filter node), or remove it and use Search",
		);
	}
	return { ...list, email, query, withoutReply };
}

/** A dashboard entry, `{review, customer}` or a bare review, as one record: the review's fields at the top. */
export function reviewRecord(entry: IDataObject): IDataObject {
	const nested =
		entry.review !== null && typeof entry.review === 'object' && !Array.isArray(entry.review);
	const review: IDataObject = nested ? { ...(entry.review as IDataObject) } : { ...entry };
	const rating = toNumber(review.rating);
	if (rating !== undefined) review.rating = rating;
	const state = toNumber(review.reviewState);
	if (state !== undefined) review.published = PUBLISHED_STATES.includes(state);
	if (nested && entry.customer !== undefined && entry.customer !== null)
		review.customer = entry.customer;
	return review;
}

/** Whether the shop has replied: Stamped sends an empty reply (or none) when it has not. */
function isAnswered(review: IDataObject): boolean {
	return typeof review.reply === 'string'
		? review.reply.trim() !== ''
		: review.reply !== undefined && review.reply !== null;
}

const reviewKey = (review: IDataObject) =>
	String(review.id ?? review.reviewId ?? JSON.stringify(review));

/**
 * One output item per review. With no filter or Email alone, Stamped's review list (`GET /reviews`) is read as
 * before; any other filter reads the dashboard list, which filters on Stamped's side.
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: ReviewListInput,
	itemIndex: number,
) {
	if (Object.keys(input.query).length === 0 && !input.withoutReply) {
		const records = await readStampedList(api, {
			path: '/reviews',
			qs: input.email ? { email: input.email } : undefined,
			wanted: input,
			concurrency: input.concurrency,
			key: reviewKey,
			itemIndex,
		});
		return records.map(reviewRecord);
	}
	// Without Reply is checked here, so the whole filtered list is read before the Limit applies.
	const records = await readStampedList(api, {
		path: '/dashboard/reviews',
		qs: input.query,
		wanted: input.withoutReply ? { returnAll: true, limit: 0 } : input,
		concurrency: input.concurrency,
		key: reviewKey,
		itemIndex,
		pageSizeParameter: 'take',
		recordsKey: 'results',
		toRecord: reviewRecord,
		what: 'reviews',
	});
	const state = input.query.state;
	if (typeof state === 'string') {
		const contradicting = records.find((review) => {
			const number = toNumber(review.reviewState);
			return number !== undefined && !STATES[state](number);
		});
		if (contradicting) {
			throw new NodeOperationError(
				api.node,
				`Stamped answered the "${state}" reviews with a review in another state`,
				{
					itemIndex,
					description: `Review ${String(contradicting.id ?? '')} has reviewState ${String(contradicting.reviewState)}, which is not ${state}: Stamped seems to have ignored the State filter. Nothing was output.`,
				},
			);
		}
	}
	if (!input.withoutReply) return records;
	const unanswered = records.filter((review) => !isAnswered(review));
	return input.returnAll ? unanswered : unanswered.slice(0, input.limit);
}

export const declaration = defineOperation({
	resource: 'review',
	operation: 'getAll',
	name: 'Get Many',
	description:
		'List product reviews, filtered by product, rating, date, text, state or whether the shop has replied; or all reviews of one customer by e-mail',
	action: 'Get many reviews',
	properties,
	versions: { v2: { prepare, execute } },
});
