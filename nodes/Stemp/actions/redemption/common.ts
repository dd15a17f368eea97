import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import type { OperationDeclaration } from '../../../core/registry';
import { defineOperation } from '../../../core/registry';
import { stempPath } from '../../transport';
import { plainIdField, readId, sendOnce } from '../fields';

export const redemptionIdField: INodeProperties = plainIdField(
	'redemptionId',
	'Redemption ID',
	'rdm_abc123',
	'The redemption to settle, as Points > Redeem or Points > Get Redemptions output it (its ID)',
	'Usually an expression from the previous node, e.g. {{ $json.id }}',
);

export function readRedemptionId(ctx: IExecuteFunctions, itemIndex: number) {
	return { redemptionId: readId(ctx, 'redemptionId', 'Redemption ID', itemIndex) };
}

export const redemptionOf = (input: { redemptionId: string }) => input.redemptionId;

/**
 * `POST points-redemptions/{id}/complete|cancel`: sent once, never again after a failure the server may have
 * acted on (a cancel gives the points back: done twice by a server that does not refuse the second, the card would
 * be credited twice).
 */
export async function settle(
	api: ApiClient,
	redemptionId: string,
	action: 'complete' | 'cancel',
	itemIndex: number,
): Promise<IDataObject> {
	return await sendOnce(
		api,
		{ method: 'POST', path: stempPath('points-redemptions', redemptionId, action), itemIndex },
		"Check the redemption's status with Points > Get Redemptions before running this item again: it may have been settled.",
	);
}

/** Points Redemption > Complete or Cancel: the redemption ID, a notice, and `settle`. */
export function settleOperation(
	action: 'complete' | 'cancel',
	presentation: { name: string; description: string; action: string; notice: string },
): OperationDeclaration {
	const { notice, ...shown } = presentation;
	return defineOperation({
		resource: 'redemption',
		operation: action,
		...shown,
		properties: [
			{ displayName: notice, name: `${action}Notice`, type: 'notice', default: '' },
			redemptionIdField,
		],
		prepare(this: IExecuteFunctions, itemIndex: number) {
			return readRedemptionId(this, itemIndex);
		},
		async execute(
			this: IExecuteFunctions,
			api: ApiClient,
			input: { redemptionId: string },
			itemIndex: number,
		) {
			return await settle(api, input.redemptionId, action, itemIndex);
		},
		subjectOf: redemptionOf,
	});
}
