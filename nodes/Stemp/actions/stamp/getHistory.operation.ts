import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readWanted, returnAllOrLimit } from '../../../core/descriptions';
import type { Wanted } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readStempList, stampsPath } from '../../transport';
import { passOf, readWalletPassId, walletPassIdField } from './common';

const properties: INodeProperties[] = [...walletPassIdField, ...returnAllOrLimit()];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { walletPassId: readWalletPassId(this, itemIndex), ...readWanted(this, itemIndex) };
}

/** One output item per history entry, newest first as stemp lists them. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: Wanted & { walletPassId: string },
	itemIndex: number,
) {
	return await readStempList(api, stampsPath(input.walletPassId, 'history'), input, itemIndex);
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
