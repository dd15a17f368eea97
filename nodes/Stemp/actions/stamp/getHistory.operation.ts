import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../core/descriptions';
import { collectSequentialPages, MAX_PAGE_SIZE, readPage } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireBoolean, requireInteger } from '../../../core/validation';
import { stampsPath } from '../../transport';
import { passOf, readWalletPassId, walletPassIdField } from './common';

const properties: INodeProperties[] = [walletPassIdField, ...returnAllOrLimit()];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	const returnAll = requireBoolean(
		this.getNode(),
		this.getNodeParameter('returnAll', itemIndex, false),
		'Return All',
		itemIndex,
	);
	return {
		walletPassId: readWalletPassId(this, itemIndex),
		returnAll,
		limit: returnAll
			? 0
			: requireInteger(
					this.getNode(),
					this.getNodeParameter('limit', itemIndex, 50),
					'Limit',
					itemIndex,
					{ min: 1 },
				),
	};
}

/** One output item per history entry, newest first as stemp lists them. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string; returnAll: boolean; limit: number },
	itemIndex: number,
) {
	return await collectSequentialPages(input, MAX_PAGE_SIZE, async (page, size) =>
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

export const declaration = defineOperation({
	resource: 'stamp',
	operation: 'getHistory',
	name: 'Get History',
	description: 'List the stamps added, removed, set and reset on a card, newest first',
	action: 'Get stamp history',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
