import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LocatorDefinition } from '../../../core/locator';
import { listMode, readLocatorParameter, textMode } from '../../../core/locator';
import { requirePathSegment } from '../../../core/validation';

/** The Review ID of the review operations that act on one review (node version 1 shows it as it is). */
export const reviewIdField: INodeProperties = {
	displayName: 'Review ID',
	name: 'reviewId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '12345678',
	description: "The review's ID in Stamped, as Get Many outputs it",
	hint: 'Usually an expression from the previous node, e.g. {{ $json.id }}',
};

/** The Review picker of node version 2: recent reviews (Stamped's own search), or an ID typed. */
export const reviewLocator: LocatorDefinition = {
	description:
		"The review: pick one of the shop's recent reviews (type to search their text) or enter its ID",
	modes: [listMode('searchReviews', 'Select a review...'), textMode('id', 'By ID', '12345678')],
};

/** The review ID on every node version, checked as a safe path segment. */
export function readReviewId(ctx: IExecuteFunctions, itemIndex: number): string {
	return requirePathSegment(
		ctx.getNode(),
		readLocatorParameter(ctx, 'reviewId', itemIndex).value,
		'Review ID',
		itemIndex,
	);
}
