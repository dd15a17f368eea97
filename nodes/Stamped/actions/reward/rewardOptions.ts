import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiVersionOf, openStampedApi } from '../../transport';
import { readRewards } from '../../transport/v3';

/** How many reward records the dropdown reads at most (10 pages), so that it opens quickly on a busy shop. */
const REWARD_OPTIONS_SCAN = 1000;

/**
 * The Reward dropdown of Reward > Redeem: each reward ID found in the shop's rewards list, once, named by its
 * title. A failed load throws the client's NodeApiError, so the dropdown shows Stamped's own (redacted) message.
 */
export async function getRewards(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const api = await openStampedApi(this);
	if (apiVersionOf(api) !== 'v3') {
		throw new NodeOperationError(
			this.getNode(),
			'Rewards are listed by Stamped API v3 only, but the selected credential is for Stamped API v2',
			{
				description: 'Select a Stamped API v3 credential, or enter the reward ID as an expression.',
			},
		);
	}
	const options: INodePropertyOptions[] = [];
	for (const reward of await readRewards(api, { returnAll: false, limit: REWARD_OPTIONS_SCAN })) {
		const id = reward.rewardId;
		if ((typeof id !== 'string' || id === '') && typeof id !== 'number') continue;
		const value = String(id);
		if (options.some((option) => option.value === value)) continue;
		const title =
			typeof reward.title === 'string' && reward.title.trim() ? reward.title.trim() : value;
		options.push({ name: title === value ? value : `${title} (${value})`, value });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
