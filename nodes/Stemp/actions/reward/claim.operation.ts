import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { stempPath } from '../../transport';
import { plainIdField, readId, sendOnce } from '../fields';

const properties: INodeProperties[] = [
	{
		displayName:
			'This claims the reward. If the request fails midway it is not sent again, so a reward is never handed out twice.',
		name: 'claimNotice',
		type: 'notice',
		default: '',
	},
	plainIdField(
		'rewardId',
		'Reward ID',
		'srw_abc123',
		'The stamp-card reward to claim, as Reward > Get Many or the Stamp Reward Triggered event output it (its ID)',
		'Usually an expression from the previous node, e.g. {{ $json.reward.id }}',
	),
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { rewardId: readId(this, 'rewardId', 'Reward ID', itemIndex) };
}

/** `POST rewards/{id}/claim`, never sent twice; outputs the claimed reward. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { rewardId: string },
	itemIndex: number,
) {
	return await sendOnce(
		api,
		{ method: 'POST', path: stempPath('rewards', input.rewardId, 'claim'), itemIndex },
		"Check the reward's status with Reward > Get Many before running this item again: it may have been claimed.",
	);
}

export const declaration = defineOperation({
	resource: 'reward',
	operation: 'claim',
	name: 'Claim',
	description:
		'Mark a pending stamp-card reward as claimed (handed out to the customer); outputs the reward. Never sent twice.',
	action: 'Claim a reward',
	properties,
	prepare,
	execute,
	subjectOf: (input: { rewardId: string }) => input.rewardId,
});
