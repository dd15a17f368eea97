import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { stampsPath } from '../../transport';
import { readWalletPassId, stampStateOrSummary, walletPassIdField } from './common';

const properties: INodeProperties[] = [
	walletPassIdField,
	{
		displayName: 'This sets the card back to zero stamps.',
		name: 'resetNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['stamp'], operation: ['reset'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { walletPassId: readWalletPassId(this, itemIndex) };
}

export async function execute(this: IExecuteFunctions, api: ApiClient, input: { walletPassId: string }, itemIndex: number) {
	const response = await api.request({
		method: 'POST',
		path: stampsPath(input.walletPassId, 'reset'),
		idempotent: true,
		itemIndex,
	});
	return stampStateOrSummary(response, input.walletPassId, 'reset');
}

export { passOf as subjectOf } from './common';
