import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readWholeList } from '../../transport';
import { passOf, readCollection, readStatusFilter, readWalletPassId } from '../fields';
import { pointsPassField, pointsPath } from './common';

const STATUSES = ['PENDING', 'COMPLETED', 'CANCELLED'] as const;

const properties: INodeProperties[] = [
	...pointsPassField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only the redemptions that match the filter added',
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'PENDING',
				options: [
					{ name: 'Pending', value: 'PENDING', description: 'Redeemed, not yet handed out' },
					{ name: 'Completed', value: 'COMPLETED', description: 'The reward was handed out' },
					{ name: 'Cancelled', value: 'CANCELLED', description: 'Cancelled; the points went back' },
				],
				description: 'Only the redemptions in this state',
			},
		],
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	const filters = readCollection(this, 'filters', 'Filters', itemIndex, ['status']);
	const status = readStatusFilter(this, filters.status, itemIndex, STATUSES);
	return { walletPassId: readWalletPassId(this, itemIndex), qs: status ? { status } : {} };
}

/** One output item per redemption of the card. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string; qs: IDataObject },
	itemIndex: number,
) {
	return await readWholeList(api, pointsPath(input.walletPassId, 'redemptions'), itemIndex, {
		qs: input.qs,
	});
}

export const declaration = defineOperation({
	resource: 'points',
	operation: 'getRedemptions',
	name: 'Get Redemptions',
	description:
		"List a card's redemptions (reward tier, points, pending, completed or cancelled), e.g. the pending ones to hand out at the till; one output item per redemption",
	action: 'Get redemptions',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
