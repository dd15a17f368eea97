/** Webhook Delivery > Get Many: `GET webhooks/outbox?status`, a plain array answered whole. */
import { api, stemp, useStempApi } from '../support';

useStempApi();

beforeEach(() => {
	api.stemp.addOutboxEvent({ eventType: 'stamp.created' });
	api.stemp.addOutboxEvent({
		eventType: 'pass.created',
		status: 'FAILED',
		httpStatus: 500,
		lastError: 'HTTP 500',
	});
});

test('every event of the outbox', async () => {
	const { items } = await stemp({ resource: 'webhookDelivery', operation: 'getAll' });
	expect(items.map((item) => [item.json.eventType, item.json.status])).toEqual([
		['stamp.created', 'DELIVERED'],
		['pass.created', 'FAILED'],
	]);
	expect(api.requests()).toMatchObject([{ method: 'GET', path: '/webhooks/outbox', query: {} }]);
});

test('the status filter', async () => {
	const { items } = await stemp({
		resource: 'webhookDelivery',
		operation: 'getAll',
		filters: { status: 'FAILED' },
	});
	expect(items.map((item) => item.json.eventType)).toEqual(['pass.created']);
	expect(api.requests()[0].query).toEqual({ status: 'FAILED' });
});

test('a status stemp does not list is refused before sending', async () => {
	const { error } = await stemp({
		resource: 'webhookDelivery',
		operation: 'getAll',
		filters: { status: 'LOST' },
	});
	expect(error?.message).toBe(
		'Invalid "Status" in item 0: "LOST" is not one of PENDING, DELIVERED, FAILED',
	);
	expect(api.requests()).toHaveLength(0);
});
