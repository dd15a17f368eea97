import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readPage } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';

const properties: INodeProperties[] = [];

function prepare(this: IExecuteFunctions) {
	return {};
}

/** One output item per tier (`{tiers: [...]}`; a bare list or another envelope is read too). */
async function execute(this: IExecuteFunctions, api: ApiClient, _input: IDataObject, itemIndex: number) {
	const body = await api.request<IDataObject>({ method: 'GET', path: '/loyalty/tiers', idempotent: true, itemIndex });
	return Array.isArray(body?.tiers) ? (body.tiers as IDataObject[]) : readPage(body).records;
}

export const declaration = defineOperation({
	resource: 'tier',
	operation: 'getAll',
	versions: ['v2'],
	name: 'Get Many',
	description: 'List the tiers of the loyalty program with the points each needs (read-only)',
	action: 'Get many tiers',
	properties,
	prepare,
	execute,
});
