import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { customerPath } from '../../transport';
import { customerRecordPath, requireCustomer } from '../../transport/v3';
import { byNodeVersion } from '../../../core/locator';
import { customerLocator, customerOf, emailField, readEmail } from '../email';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting a customer is permanent: Stamped removes the customer together with all loyalty data (points, tier, history). It cannot be undone.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	...byNodeVersion(emailField, customerLocator),
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { email: readEmail(this, itemIndex) };
}

async function executeV2(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { email: string },
	itemIndex: number,
) {
	const response = await api.request({
		method: 'DELETE',
		path: customerPath(input.email),
		idempotent: true,
		// A retried delete that finds the customer gone means the first attempt went through.
		alreadyDoneStatus: 404,
		itemIndex,
	});
	return { email: input.email, deleted: true, ...asJsonObject(response ?? {}) };
}

/** v3 deletes by Stamped's customer ID, found by e-mail first; it answers {softDelete}. */
async function executeV3(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { email: string },
	itemIndex: number,
) {
	const { customerId } = await requireCustomer(api, 'email', input.email, itemIndex);
	const response = await api.request({
		method: 'DELETE',
		path: customerRecordPath(api, customerId),
		idempotent: true,
		alreadyDoneStatus: 404,
		itemIndex,
	});
	return { email: input.email, customerId, deleted: true, ...asJsonObject(response ?? {}) };
}

export const declaration = defineOperation({
	resource: 'customer',
	operation: 'delete',
	name: 'Delete',
	description: 'Permanently delete a customer and all their loyalty data',
	action: 'Delete a customer',
	properties,
	versions: {
		v2: { prepare, execute: executeV2, subjectOf: customerOf },
		v3: { prepare, execute: executeV3, subjectOf: customerOf },
	},
});
