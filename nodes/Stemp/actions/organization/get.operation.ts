import type { IExecuteFunctions } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';

function prepare(this: IExecuteFunctions) {
	return {};
}

async function execute(this: IExecuteFunctions, api: ApiClient, _input: object, itemIndex: number) {
	return asJsonObject(
		await api.request({ method: 'GET', path: '/organization', idempotent: true, itemIndex }),
	);
}

export const declaration = defineOperation({
	resource: 'organization',
	operation: 'get',
	name: 'Get',
	description:
		'Get the stemp organization the API token belongs to: its ID, name, slug and default template',
	action: 'Get the organization',
	properties: [],
	prepare,
	execute,
});
