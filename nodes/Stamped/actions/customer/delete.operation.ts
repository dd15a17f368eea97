import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asJsonObject } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { customerPath } from '../../transport';
import { emailField, readEmail } from './common';

const properties: INodeProperties[] = [
	{
		displayName:
			'Deleting a customer is permanent: Stamped removes the customer together with all loyalty data (points, tier, history). It cannot be undone.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	emailField,
];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['delete'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { email: readEmail(this, itemIndex) };
}

export async function execute(this: IExecuteFunctions, api: ApiClient, input: { email: string }, itemIndex: number) {
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
