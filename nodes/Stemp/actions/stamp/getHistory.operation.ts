import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../core/descriptions';
import { collectSequentialPages, readPage } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { requireBoolean, requireInteger } from '../../../core/validation';
import { stampsPath } from '../../transport';
import { readWalletPassId, walletPassIdField } from './common';

/** The largest page stemp serves. */
const PAGE_SIZE = 100;

const show = { resource: ['stamp'], operation: ['getHistory'] };

export const description: INodeProperties[] = [
	{ ...walletPassIdField, displayOptions: { show } },
	...returnAllOrLimit(show),
];

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const returnAll = requireBoolean(this.getNode(), this.getNodeParameter('returnAll', itemIndex, false), 'Return All', itemIndex);
	return {
		walletPassId: readWalletPassId(this, itemIndex),
		returnAll,
		limit: returnAll
			? 0
			: requireInteger(this.getNode(), this.getNodeParameter('limit', itemIndex, 50), 'Limit', itemIndex, { min: 1 }),
	};
}

/** One output item per history entry, newest first as stemp lists them. */
export async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string; returnAll: boolean; limit: number },
	itemIndex: number,
) {
	return await collectSequentialPages(input, PAGE_SIZE, async (page, size) =>
		readPage(
			await api.request({
				method: 'GET',
				path: stampsPath(input.walletPassId, 'history'),
				qs: { page, size },
				idempotent: true,
				itemIndex,
			}),
		),
	);
}

export { passOf as subjectOf } from './common';
