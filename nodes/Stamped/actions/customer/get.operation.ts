import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { notTheRecordAsked, sameKey } from '../../../core/match';
import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { customerPath } from '../../transport';
import { requireCustomer } from '../../transport/v3';
import { byNodeVersion } from '../../../core/locator';
import { customerLocator, customerOf, emailField, readEmail } from '../email';

const properties: INodeProperties[] = [...byNodeVersion(emailField, customerLocator)];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { email: readEmail(this, itemIndex) };
}

/**
 * v2 reads `/customers/{email}`: the record as it arrived, when it is the customer asked (its e-mail address
 * the one asked, apart from letter case); another customer, or no customer, is "not found".
 */
async function executeV2(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { email: string },
	itemIndex: number,
) {
	const body = await api.request({
		method: 'GET',
		path: customerPath(input.email),
		idempotent: true,
		itemIndex,
	});
	if (!sameKey(input.email, body, 'email')) {
		const lookup = { by: 'email', value: input.email, key: 'email' };
		throw notTheRecordAsked(api, 'customer', lookup, body, itemIndex, false);
	}
	return asJsonObject(body);
}

/** v3 looks the e-mail up (exact match): the record as it arrived. */
async function executeV3(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { email: string },
	itemIndex: number,
) {
	return (await requireCustomer(api, 'email', input.email, itemIndex)).record;
}

export const declaration = defineOperation({
	resource: 'customer',
	operation: 'get',
	name: 'Get',
	description: 'Get a customer by e-mail address',
	action: 'Get a customer',
	properties,
	versions: {
		v2: { prepare, execute: executeV2, subjectOf: customerOf },
		v3: { prepare, execute: executeV3, subjectOf: customerOf },
	},
});
