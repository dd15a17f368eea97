import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readPage } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { apiVersionOf, openStampedApi } from '../../transport';

/** The program's tiers (`GET /{storeHash}/loyalty/tiers` on API v2): `{tiers: [...]}`, a bare list or another envelope. */
export async function readTiers(api: ApiClient, itemIndex?: number): Promise<IDataObject[]> {
	const body = await api.request<IDataObject>({
		method: 'GET',
		path: '/loyalty/tiers',
		idempotent: true,
		itemIndex,
	});
	return Array.isArray(body?.tiers) ? (body.tiers as IDataObject[]) : readPage(body).records;
}

/**
 * The Tier dropdown of Customer > Create or Update: the shop's tier names, each with the points it needs. A
 * failed load throws the client's NodeApiError, so the dropdown shows Stamped's own (redacted) message.
 */
export async function getTierNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const api = await openStampedApi(this);
	if (apiVersionOf(api) !== 'v2') {
		throw new NodeOperationError(
			this.getNode(),
			'Stamped API v3 has no list of tiers, and its customers do not store a tier',
			{
				description:
					'The Tier field is for Stamped API v2 credentials. With a v3 credential, use Tier > Set to move a customer to a tier.',
			},
		);
	}
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
}
