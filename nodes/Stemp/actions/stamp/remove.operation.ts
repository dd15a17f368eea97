import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { stampsPath } from '../../transport';
import { passOf, readWalletPassId, stampStateOrSummary, walletPassIdField } from './common';

const properties: INodeProperties[] = [
	...walletPassIdField,
	{
		displayName:
			'This removes one stamp every time it runs. If the request fails midway it is not retried, so one stamp is never removed twice.',
		name: 'removeNotice',
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
		path: stampsPath(input.walletPassId, 'remove'),
		idempotent: false,
		itemIndex,
	});
	return stampStateOrSummary(response, input.walletPassId, 'remove');
}

export const declaration = defineOperation({
	resource: 'stamp',
	operation: 'remove',
	name: 'Remove',
	description: 'Remove one stamp from a card',
	action: 'Remove a stamp',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
