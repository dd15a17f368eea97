import type { IExecuteFunctions } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';

function prepare(this: IExecuteFunctions) {
	return {};
}

async function execute(this: IExecuteFunctions, api: ApiClient, _input: object, itemIndex: number) {
	return asJsonObject(
		await api.request({
			method: 'GET',
			path: '/webhooks/outbox/stats',
			idempotent: true,
			itemIndex,
		}),
	);
}

export const declaration = defineOperation({
	resource: 'webhookDelivery',
	operation: 'getStats',
	name: 'Get Stats',
	description:
		"Count the webhook events in stemp's outbox: in all, pending, delivered and failed, e.g. to alert when deliveries fail",
	action: 'Get webhook delivery statistics',
	properties: [],
	prepare,
	execute,
});
