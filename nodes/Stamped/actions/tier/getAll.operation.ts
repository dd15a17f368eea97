import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readPage } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';

export const description: INodeProperties[] = [];

export function prepare(this: IExecuteFunctions) {
	return {};
}

/** One output item per tier (`{tiers: [...]}`; a bare list or another envelope is read too). */
export async function execute(this: IExecuteFunctions, api: ApiClient, _input: IDataObject, itemIndex: number) {
	const body = await api.request<IDataObject>({ method: 'GET', path: '/loyalty/tiers', idempotent: true, itemIndex });
	return Array.isArray(body?.tiers) ? (body.tiers as IDataObject[]) : readPage(body).records;
}
