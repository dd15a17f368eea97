import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { stempPath } from '../../transport';
import { passOf, readWalletPassId, walletPassIdProperties } from '../fields';

const properties: INodeProperties[] = [...walletPassIdProperties()];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { walletPassId: readWalletPassId(this, itemIndex) };
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string },
	itemIndex: number,
) {
	return asJsonObject(
		await api.request({
			method: 'GET',
			path: stempPath('walletpasses', input.walletPassId),
			idempotent: true,
			itemIndex,
		}),
	);
}

export const declaration = defineOperation({
	resource: 'pass',
	operation: 'get',
	name: 'Get',
	description:
		'Get a wallet pass by its ID: its customer (ID, e-mail, name), template, stamp or points state, QR code value and where it is installed (Apple or Google Wallet)',
	action: 'Get a wallet pass',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
