import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { stampsPath } from '../../transport';
import { passOf, readWalletPassId, stampStateOrSummary, walletPassIdField } from './common';

const properties: INodeProperties[] = [
	...walletPassIdField,
	{
		displayName: 'This sets the card back to zero stamps.',
		name: 'resetNotice',
		type: 'notice',
		default: '',
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { walletPassId: readWalletPassId(this, itemIndex) };
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string },
	itemIndex: number,
) {
	const response = await api.request({
		method: 'POST',
		path: stampsPath(input.walletPassId, 'reset'),
		idempotent: true,
		itemIndex,
	});
	return stampStateOrSummary(response, input.walletPassId, 'reset');
}

export const declaration = defineOperation({
	resource: 'stamp',
	operation: 'reset',
	name: 'Reset',
	description: 'Set a card back to zero stamps',
	action: 'Reset stamps',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
