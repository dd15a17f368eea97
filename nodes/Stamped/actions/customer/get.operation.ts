import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { apiVersionOf, customerPath } from '../../transport';
import { requireCustomer } from '../../transport/v3';
import { emailField, readEmail } from './common';

const properties: INodeProperties[] = [emailField];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { email: readEmail(this, itemIndex) };
}

/** v2 reads `/customers/{email}`; v3 looks the e-mail up (exact match). Either way the record as it arrived. */
export async function execute(this: IExecuteFunctions, api: ApiClient, input: { email: string }, itemIndex: number) {
	if (apiVersionOf(api) === 'v3') return (await requireCustomer(api, 'email', input.email, itemIndex)).record;
	return asJsonObject(await api.request({ method: 'GET', path: customerPath(input.email), idempotent: true, itemIndex }));
}

export { customerOf as subjectOf } from './common';
