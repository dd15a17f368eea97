import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { notTheRecordAsked, sameKey } from '../../../core/match';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { byNodeVersion } from '../../../core/locator';
import { describeAnswer } from '../../../core/operation';
import { reviewRecord } from './getAll.operation';
import { readReviewId, reviewIdField, reviewLocator } from './reviewId';

const properties: INodeProperties[] = [...byNodeVersion(reviewIdField, reviewLocator)];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { reviewId: readReviewId(this, itemIndex) };
}

/** `GET /dashboard/reviews/{reviewId}`: the review as Get Many outputs it (its fields at the top). */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { reviewId: string },
	itemIndex: number,
) {
	const answer = await api.request({
		method: 'GET',
		path: `/dashboard/reviews/${encodeURIComponent(input.reviewId)}`,
		idempotent: true,
		itemIndex,
	});
	if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
		throw new NodeOperationError(
			api.node,
			`Stamped answered review ${input.reviewId} with something unexpected`,
			{ itemIndex, description: `Expected the review, got ${describeAnswer(answer)}.` },
		);
	}
	const review = reviewRecord(answer as never);
	// Another review (its id not exactly the one asked) is "not found", never output as this one.
	const key = review.id !== undefined ? 'id' : 'reviewId';
	if (!sameKey(input.reviewId, review, key)) {
		const lookup = { by: 'ID', value: input.reviewId, key };
		throw notTheRecordAsked(api, 'review', lookup, review, itemIndex, false);
	}
	return review;
}

export const declaration = defineOperation({
	resource: 'review',
	operation: 'get',
	name: 'Get',
	description: "Get one review by its ID, with its rating, text, state and the shop's reply",
	action: 'Get a review',
	properties,
	versions: {
		v2: { prepare, execute },
	},
});
