/** Webhook Delivery > Get Stats: `GET webhooks/outbox/stats`. */
import { api, stemp, useStempApi } from '../support';

useStempApi();

test('counts the outbox by status', async () => {
	api.stemp.addOutboxEvent({ eventType: 'stamp.created' });
	api.stemp.addOutboxEvent({ eventType: 'stamp.created', status: 'FAILED' });
	const { items, error } = await stemp({ resource: 'webhookDelivery', operation: 'getStats' });
	expect(error).toBeUndefined();
	expect(items).toEqual([
		{ json: { total: 2, pending: 0, delivered: 1, failed: 1 }, pairedItem: { item: 0 } },
	]);
	expect(api.requests()).toMatchObject([{ method: 'GET', path: '/webhooks/outbox/stats' }]);
});

test('one answer per input item, each paired', async () => {
	const { items } = await stemp(
		{ resource: 'webhookDelivery', operation: 'getStats' },
		{ input: [{}, {}] },
	);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});
