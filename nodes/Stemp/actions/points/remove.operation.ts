import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { passOf, readInteger, readWalletPassId } from '../fields';
import { pointsPassField, sendPointsWriteOnce } from './common';

const properties: INodeProperties[] = [
	...pointsPassField,
	{
		displayName:
			'This removes points every time it runs. If the request fails midway it is not sent again, so points are never taken twice.',
		name: 'removeNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Points',
		name: 'points',
		type: 'number',
		required: true,
		default: 1,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'How many points to take off the card, a whole number of 0 or more',
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return {
		walletPassId: readWalletPassId(this, itemIndex),
		points: readInteger(this, this.getNodeParameter('points', itemIndex), 'Points', itemIndex, {
			min: 0,
		}),
	};
}

/** `POST walletpasses/{id}/points/remove`, never sent twice; outputs the card's new balance. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string; points: number },
	itemIndex: number,
) {
	return await sendPointsWriteOnce(
		api,
		input.walletPassId,
		'remove',
		{ points: input.points },
		itemIndex,
	);
}

export const declaration = defineOperation({
	resource: 'points',
	operation: 'remove',
	name: 'Remove',
	description:
		'Take points off a points card, e.g. after a refund; outputs the new balance. Never applied twice.',
	action: 'Remove points',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
