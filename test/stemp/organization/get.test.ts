/** Organization > Get: `GET organization`, which organization the token belongs to. */
import { api, stemp, useStempApi } from '../support';

useStempApi();

test('outputs the organization', async () => {
	const { items, error } = await stemp({ resource: 'organization', operation: 'get' });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({
		id: 'org_sandbox',
		object: 'organization',
		name: 'Sandbox Coffee & Bakery',
	});
	expect(api.requests()).toMatchObject([{ method: 'GET', path: '/organization' }]);
});

test('a wrong token: 401 with the hint, the token nowhere', async () => {
	const { error } = await stemp(
		{ resource: 'organization', operation: 'get' },
		{ token: 'wrong-token-1111' },
	);
	expect(error?.httpCode).toBe('401');
	expect(error?.description).toContain('Check the API Token');
});

test('an answer echoing the token carries [redacted] instead', async () => {
	api.hostile = { echoCredentials: true };
	const { items } = await stemp({ resource: 'organization', operation: 'get' });
	expect(JSON.stringify(items[0].json)).toContain('Bearer [redacted]');
});
