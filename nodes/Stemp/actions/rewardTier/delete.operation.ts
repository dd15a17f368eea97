import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { deleteRecord } from '../fields';
import { readRewardTierId, rewardTierField, tierPath } from './common';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting a reward tier takes the reward off the card for every customer. It cannot be undone, and the node does not ask before it runs.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	...rewardTierField,
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { rewardTierId: readRewardTierId(this, itemIndex) };
}

/**
 * `DELETE points-rewards/{id}` (204), retried after a failure midway; a retry that gets stemp's own "no such tier"
 * means the first attempt went through.
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { rewardTierId: string },
	itemIndex: number,
) {
	return {
		rewardTierId: input.rewardTierId,
		deleted: true,
		...(await deleteRecord(api, tierPath(input.rewardTierId), 'REWARD_TIER', itemIndex)),
	};
}

export const declaration = defineOperation({
	resource: 'rewardTier',
	operation: 'delete',
	name: 'Delete',
	description: 'Delete a reward tier from its points card template',
	action: 'Delete a reward tier',
	properties,
	prepare,
	execute,
	subjectOf: (input: { rewardTierId: string }) => input.rewardTierId,
});
