import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { PICKER_PAGE_SIZE } from '../../core/locator';
import type { ApiClient } from '../../core/request';
import { openStampedApi, STAMPED_CREDENTIAL } from '../transport';
import { readRewards, readTiers } from '../transport/lists';
import type { OtherVersion, StampedVersion } from '../transport/version';
import { requireVersion } from '../transport/version';

/** How many reward records the Reward dropdown reads at most (10 pages), so that it opens quickly on a busy shop. */
const REWARD_OPTIONS_SCAN = 1000;

/**
 * A dropdown filled from a list only `version` has. Like the router, it reads the credential's version once:
 * another version is refused (see `otherVersionError`) before any request. A failed load throws the client's
 * NodeApiError, so the dropdown shows Stamped's own (redacted) message.
 */
function dropdownOn(
	version: StampedVersion,
	refusal: Pick<OtherVersion, 'what' | 'instead'>,
	load: (api: ApiClient) => Promise<INodePropertyOptions[]>,
) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const credentials = await this.getCredentials(STAMPED_CREDENTIAL);
		requireVersion(this.getNode(), credentials, version, refusal);
		// One dropdown shows at most a picker page, whatever the shop holds: the rest is typed as an expression.
		return (await load(await openStampedApi(this, credentials))).slice(0, PICKER_PAGE_SIZE);
	};
}

/** The Tier dropdown of Customer > Create or Update: the shop's tier names, each with the points it needs. */
const getTierNames = dropdownOn(
	'v2',
	{
		what: 'Tiers are listed, and stored on the customer,',
		instead: 'use Tier > Set to move a customer to a tier',
	},
	async (api) => {
		const options: INodePropertyOptions[] = [];
		for (const tier of await readTiers(api)) {
			const name = typeof tier.name === 'string' ? tier.name.trim() : '';
			if (!name || options.some((option) => option.value === name)) continue;
			const points = tier.minPoints ?? tier.points;
			options.push({
				name,
				value: name,
				...(points !== undefined ? { description: `From ${String(points)} points` } : {}),
			});
		}
		return options;
	},
);

/** The Reward dropdown of Reward > Redeem: each reward ID found in the shop's rewards list, once, named by its title. */
const getRewards = dropdownOn(
	'v3',
	{ what: 'Rewards are listed', instead: 'enter the reward ID as an expression' },
	async (api) => {
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
	},
);

// Dropdowns filled from the shop; their fields stay plain text, so expressions and other values still work.
export const loadOptions = { getRewards, getTierNames };
