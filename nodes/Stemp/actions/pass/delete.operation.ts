import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { stempPath } from '../../transport';
import { deleteRecord, passOf, readWalletPassId, walletPassIdProperties } from '../fields';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting a wallet pass revokes it: the card stops working in the wallet and its stamps and points are gone. It cannot be undone, and the node does not ask before it runs.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	...walletPassIdProperties(),
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { walletPassId: readWalletPassId(this, itemIndex) };
}

/**
 * `DELETE walletpasses/{id}` (204). Deleting twice leaves the same state, so a failure midway is retried; a retry
 * that gets stemp's own "no such pass" means the first attempt went through. Any other 404 (or one to the first
 * attempt) is an error.
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string },
	itemIndex: number,
) {
	return {
		walletPassId: input.walletPassId,
		deleted: true,
		...(await deleteRecord(
			api,
			stempPath('walletpasses', input.walletPassId),
			'WALLET_PASS',
			itemIndex,
		)),
	};
}

export const declaration = defineOperation({
	resource: 'pass',
	operation: 'delete',
	name: 'Delete',
	description:
		'Delete (revoke) a wallet pass by its ID: it stops working in the wallet, and its stamps and points are gone',
	action: 'Delete a wallet pass',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
