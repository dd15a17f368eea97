/** Push Notification > Get Many: `GET templates/{id}/notifications?page&size`, the file's PagedModel. */
import { STAMP_TEMPLATE_ID } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

const getAll = (parameters: Record<string, unknown> = {}) =>
	stemp({
		resource: 'notification',
		operation: 'getAll',
		templateId: STAMP_TEMPLATE_ID,
		returnAll: true,
		...parameters,
	});

test('every message of the template, newest first, over the pages', async () => {
	api.stemp.seedNotifications(STAMP_TEMPLATE_ID, 130);
	const { items, error } = await getAll();
	expect(error).toBeUndefined();
	expect(items).toHaveLength(130);
	expect(items[0].json).toMatchObject({
		messageBody: 'Seeded message 129',
		targetScope: 'TEMPLATE',
	});
	expect(api.requests().map((request) => request.query)).toEqual([
		{ page: '0', size: '100' },
		{ page: '1', size: '100' },
	]);
});

test('a Limit', async () => {
	api.stemp.seedNotifications(STAMP_TEMPLATE_ID, 30);
	const { items } = await getAll({ returnAll: false, limit: 3 });
	expect(items).toHaveLength(3);
});

test('a server that lies about the total fails loudly', async () => {
	api.stemp.seedNotifications(STAMP_TEMPLATE_ID, 10);
	api.hostile = { listTotal: 11 };
	const { error } = await getAll();
	expect(error?.message).toMatch(/got 10 records of the 11 the API reported/);
});
