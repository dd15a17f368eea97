import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { passOf, readInteger, readWalletPassId } from '../fields';
import { pointsPassField, pointsPath } from './common';

const properties: INodeProperties[] = [
	...pointsPassField,
	{
		displayName: 'This overwrites the balance, whatever the card showed before.',
		name: 'setNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Points',
		name: 'points',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'The exact balance the card should show, a whole number of 0 or more',
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

/** `POST walletpasses/{id}/points/set`: the same balance set twice is the same balance, so a failure is retried. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string; points: number },
	itemIndex: number,
) {
	return asJsonObject(
		await api.request({
			method: 'POST',
			path: pointsPath(input.walletPassId, 'set'),
			body: { points: input.points },
			idempotent: true,
			itemIndex,
		}),
	);
}

export const declaration = defineOperation({
	resource: 'points',
	operation: 'set',
	name: 'Set',
	description:
		'Set the exact points balance of a card, e.g. when moving customers from another system',
	action: 'Set the points balance',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
