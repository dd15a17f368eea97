import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { stampsPath } from '../../transport';
import { readWalletPassId, walletPassIdField } from './common';

const properties: INodeProperties[] = [walletPassIdField];

export const description = updateDisplayOptions({ show: { resource: ['stamp'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { walletPassId: readWalletPassId(this, itemIndex) };
}

export async function execute(this: IExecuteFunctions, api: ApiClient, input: { walletPassId: string }, itemIndex: number) {
	return asJsonObject(await api.request({ method: 'GET', path: stampsPath(input.walletPassId), idempotent: true, itemIndex }));
}

export { passOf as subjectOf } from './common';
