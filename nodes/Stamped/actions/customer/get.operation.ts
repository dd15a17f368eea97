import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { apiVersionOf, customerPath } from '../../transport';
import { requireCustomer } from '../../transport/v3';
import { byNodeVersion } from '../../../core/locator';
import { customerLocator, customerOf, emailField, readEmail } from '../email';

const properties: INodeProperties[] = [...byNodeVersion(emailField, customerLocator)];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { email: readEmail(this, itemIndex) };
}

/** v2 reads `/customers/{email}`; v3 looks the e-mail up (exact match). Either way the record as it arrived. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { email: string },
	itemIndex: number,
) {
	if (apiVersionOf(api) === 'v3')
		return (await requireCustomer(api, 'email', input.email, itemIndex)).record;
	return asJsonObject(
		await api.request({
			method: 'GET',
			path: customerPath(input.email),
			idempotent: true,
			itemIndex,
		}),
	);
}

export const declaration = defineOperation({
	resource: 'customer',
	operation: 'get',
	versions: ['v2', 'v3'],
	name: 'Get',
	description: 'Get a customer by e-mail address',
	action: 'Get a customer',
	properties,
	prepare,
	execute,
	subjectOf: customerOf,
});
