import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readWholeList, stempPath } from '../../transport';
import { passOf, readWalletPassId, walletPassIdProperties } from '../fields';

const properties: INodeProperties[] = [
	...walletPassIdProperties('The wallet pass whose stamp-card rewards to list'),
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { walletPassId: readWalletPassId(this, itemIndex) };
}

/** One output item per reward the card earned (pending, claimed or expired). */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string },
	itemIndex: number,
) {
	return await readWholeList(
		api,
		stempPath('walletpasses', input.walletPassId, 'rewards'),
		itemIndex,
	);
}

export const declaration = defineOperation({
	resource: 'reward',
	operation: 'getAll',
	name: 'Get Many',
	description:
		'List the rewards a stamp card earned each time it was completed (reward name, status pending, claimed or expired), e.g. to find the pending one to claim; one output item per reward',
	action: "Get a pass's rewards",
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
