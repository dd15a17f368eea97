/** Webhook Delivery > Retry: `POST webhooks/outbox/{eventId}/retry`, never sent twice (the endpoint would get the event again). */
import { api, stemp, useStempApi } from '../support';

useStempApi();

let eventId: string;
beforeEach(() => {
	eventId = api.stemp.addOutboxEvent({ eventType: 'pass.created', status: 'FAILED' }).id;
});

const retry = (id = eventId) =>
	stemp({ resource: 'webhookDelivery', operation: 'retry', eventId: id });

test('queues the failed event again', async () => {
	const { items, error } = await retry();
	expect(error).toBeUndefined();
	expect(items[0].json).toEqual({ eventId, success: true, message: 'Event queued for retry' });
	expect(api.requests()).toMatchObject([
		{ method: 'POST', path: `/webhooks/outbox/${eventId}/retry` },
	]);
	expect(api.stemp.outbox[0]).toMatchObject({ status: 'PENDING', retryCount: 1 });
});

test('a 5xx after applying is not re-sent', async () => {
	api.inject({ vendor: 'stemp', path: '/retry', kind: 500, phase: 'after', times: 1 });
	const { error } = await retry();
	expect(error?.description).toContain('Not retried');
	expect(api.requests()).toHaveLength(1);
	expect(api.stemp.outbox[0].retryCount).toBe(1);
});

test("an unknown event: stemp's 404 with the hint", async () => {
	const { error } = await retry('obx_nope');
	expect(error?.message).toBe('Event not found (eventId: obx_nope)');
	expect(error?.description).toContain('Check the Event ID');
});
