import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readWanted, returnAllOrLimit } from '../../../core/descriptions';
import type { Wanted } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readStempList } from '../../transport';
import { passOf, readWalletPassId } from '../fields';
import { pointsPassField, pointsPath } from './common';

const properties: INodeProperties[] = [...pointsPassField, ...returnAllOrLimit()];

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
	return await readStempList(api, pointsPath(input.walletPassId, 'history'), input, itemIndex);
}

export const declaration = defineOperation({
	resource: 'points',
	operation: 'getHistory',
	name: 'Get History',
	description:
		"List the points added, removed, redeemed, set and expired on a card, newest first, each with the balance before and after, the purchase's value and the note",
	action: 'Get points history',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
