import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { stempPath } from '../../transport';
import { plainIdField, readId, sendOnce } from '../fields';

const properties: INodeProperties[] = [
	{
		displayName:
			'This queues the event to be delivered again. If the request fails midway it is not sent again, so the endpoint does not get the event an extra time.',
		name: 'retryNotice',
		type: 'notice',
		default: '',
	},
	plainIdField(
		'eventId',
		'Event ID',
		'obx_abc123',
		'The outbox event to deliver again, as Webhook Delivery > Get Many outputs it (its ID)',
		'Usually an expression from the previous node, e.g. {{ $json.id }}',
	),
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { eventId: readId(this, 'eventId', 'Event ID', itemIndex) };
}

/** `POST webhooks/outbox/{id}/retry`, sent once; outputs stemp's answer with the event ID. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { eventId: string },
	itemIndex: number,
) {
	return {
		eventId: input.eventId,
		...(await sendOnce(
			api,
			{ method: 'POST', path: stempPath('webhooks', 'outbox', input.eventId, 'retry'), itemIndex },
			"The retry may have been queued: check the event's status with Webhook Delivery > Get Many before running this item again.",
		)),
	};
}

export const declaration = defineOperation({
	resource: 'webhookDelivery',
	operation: 'retry',
	name: 'Retry',
	description:
		"Queue a failed webhook event of stemp's outbox to be delivered again to its endpoint. Never sent twice.",
	action: 'Retry a webhook delivery',
	properties,
	prepare,
	execute,
	subjectOf: (input: { eventId: string }) => input.eventId,
});
