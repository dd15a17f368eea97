import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { passOf, readId, readWalletPassId, rewardTierIdProperties } from '../fields';
import { pointsPassField, sendPointsWriteOnce } from './common';

const properties: INodeProperties[] = [
	...pointsPassField,
	{
		displayName:
			'This redeems points every time it runs. If the request fails midway it is not sent again, so a reward is never redeemed twice.',
		name: 'redeemNotice',
		type: 'notice',
		default: '',
	},
	...rewardTierIdProperties(
		"The reward tier of the card's template to redeem the points for; its points are taken off the card",
	),
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return {
		walletPassId: readWalletPassId(this, itemIndex),
		rewardTierId: readId(this, 'rewardTierId', 'Reward Tier ID', itemIndex),
	};
}

/** `POST walletpasses/{id}/points/redeem`, never sent twice; outputs the redemption (pending until completed). */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string; rewardTierId: string },
	itemIndex: number,
) {
	return await sendPointsWriteOnce(
		api,
		input.walletPassId,
		'redeem',
		{ rewardTierId: input.rewardTierId },
		itemIndex,
	);
}

export const declaration = defineOperation({
	resource: 'points',
	operation: 'redeem',
	name: 'Redeem',
	description:
		"Redeem a card's points for a reward tier (e.g. a free coffee for 100 points): the tier's points are taken off and a pending redemption is output, to complete or cancel later. Never applied twice.",
	action: 'Redeem points',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
