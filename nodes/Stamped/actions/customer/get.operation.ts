import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asJsonObject } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { customerPath } from '../../transport';
import { emailField, readEmail } from './common';

const properties: INodeProperties[] = [emailField];

export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { email: readEmail(this, itemIndex) };
}

export async function execute(this: IExecuteFunctions, api: ApiClient, input: { email: string }, itemIndex: number) {
	return asJsonObject(await api.request({ method: 'GET', path: customerPath(input.email), idempotent: true, itemIndex }));
}
