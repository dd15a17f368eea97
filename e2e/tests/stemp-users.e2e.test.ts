/**
 * The stemp node's User resource inside the current n8n 2.x, headlessly through `n8n execute` against the
 * sandbox: one workflow runs every user operation, and the "new shop customer → stemp user" example runs as
 * imported from its file.
 */
import { SANDBOX_STEMP_USERS } from '../../test/fake-api/sandbox';
import { STEMP_TOKEN } from '../../test/fake-api/stemp';
import { loadExample } from '../src/examples';
import { CURRENT_N8N } from '../src/install';
import { nodeOutput } from '../src/n8n';
import { routes } from './support/expectations';
import { executeOk, useInstance } from './support/lifecycle';
import type { NodeSpec } from './support/workflows';
import { lineWorkflow, stemp } from './support/workflows';

const user = (
	name: string,
	parameters: Record<string, unknown>,
	executeOnce = false,
): NodeSpec => ({
	...stemp(name, { resource: 'user', ...parameters }),
	executeOnce,
});

const SAM = {
	email: 'sam@example.com',
	name: 'Sam Lee',
	phone: '+15550102001',
	externalId: 'shopify-2001',
};

/** Create, find by external ID, update by stemp's ID, find by that ID, list, delete: each sees the one before. */
const stempUsersEveryOperation = lineWorkflow(
	'e2eStempUsersAllOps',
	'e2e: stemp users, every operation',
	[
		user('Create user', {
			operation: 'create',
			email: SAM.email,
			additionalFields: {
				name: SAM.name,
				phone: SAM.phone,
				externalId: SAM.externalId,
				metadata: '{"source": "e2e"}',
			},
		}),
		user('Get by external ID', { operation: 'get', userId: SAM.externalId }),
		user('Update user', {
			operation: 'update',
			userId: "={{ $('Create user').item.json.id }}",
			updateFields: { name: 'Samuel Lee', metadata: '{"source": "e2e", "visits": 1}' },
		}),
		user('Get by stemp ID', { operation: 'get', userId: '={{ $json.id }}' }),
		user('List users', { operation: 'getAll', returnAll: true }),
		user('Delete user', { operation: 'delete', userId: SAM.externalId }, true),
	],
);

const newCustomer = loadExample('new-customer-stemp-user.json');

const instance = useInstance({
	dist: CURRENT_N8N,
	name: 'e2e-stemp-users',
	workflows: [stempUsersEveryOperation, newCustomer],
});

test('the stemp node runs every user operation in n8n', async () => {
	const execution = await executeOk(instance, stempUsersEveryOperation.id);
	expect(execution.data.resultData.error).toBeUndefined();
	const output = (node: string) => nodeOutput(execution, node);

	const [created] = output('Create user');
	// Plain key/value metadata (stemp's documentation) is stored as the user's private metadata (its OpenAPI file).
	expect(created).toMatchObject({
		object: 'user',
		...SAM,
		metadata: { private: { source: 'e2e' } },
	});
	expect(String(created.id)).toMatch(/^usr_/);
	expect(output('Get by external ID')).toEqual([
		expect.objectContaining({ id: created.id, ...SAM }),
	]);
	expect(output('Update user')).toEqual([
		expect.objectContaining({
			id: created.id,
			name: 'Samuel Lee',
			phone: SAM.phone,
			metadata: { private: { source: 'e2e', visits: 1 } },
		}),
	]);
	expect(output('Get by stemp ID')).toEqual([
		expect.objectContaining({ id: created.id, name: 'Samuel Lee' }),
	]);
	// The sandbox's users (the owners of its passes), then the new one.
	expect(output('List users').map((entry) => entry.externalId)).toEqual([
		...SANDBOX_STEMP_USERS.map((entry) => entry.externalId),
		SAM.externalId,
	]);
	expect(output('Delete user')).toEqual([{ userId: SAM.externalId, deleted: true }]);

	const log = await instance.sandbox.log();
	expect(routes(log)).toEqual([
		'POST /users',
		`GET /users/${SAM.externalId}`,
		`PATCH /users/${String(created.id)}`,
		`GET /users/${String(created.id)}`,
		'GET /users',
		`DELETE /users/${SAM.externalId}`,
	]);
	expect(log[0].body).toEqual({ ...SAM, metadata: { private: { source: 'e2e' } } });
	expect(log[2].body).toEqual({
		name: 'Samuel Lee',
		metadata: { private: { source: 'e2e', visits: 1 } },
	});
	expect(log[4].query).toEqual({ page: '0', size: '100' });
	expect(
		log.every(
			(entry) => entry.headers.authorization === `Bearer ${STEMP_TOKEN}` && entry.status < 300,
		),
	).toBe(true);
});

test('example: new shop customer → stemp user', async () => {
	const execution = await executeOk(instance, newCustomer.id);

	expect(nodeOutput(execution, 'Create stemp user')).toEqual([
		expect.objectContaining({
			object: 'user',
			...SAM,
			metadata: { private: { source: 'web shop', newsletter: true } },
		}),
	]);
	const log = await instance.sandbox.log();
	expect(routes(log)).toEqual(['POST /users']);
	expect(log[0].body).toEqual({
		...SAM,
		metadata: { private: { source: 'web shop', newsletter: true } },
	});
	expect(await instance.sandbox.contractViolations()).toEqual([]);
});
