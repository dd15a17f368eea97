/**
 * Both action nodes inside the current n8n 2.x: one workflow per node runs every operation, headlessly through
 * n8n's CLI (`n8n execute`), against the sandbox. Asserts on the items every node output and on the requests the
 * sandbox received.
 */
import { CURRENT_N8N } from '../src/install';
import { nodeOutput } from '../src/n8n';
import { sandboxCredentialRef } from '../src/sandbox';
import {
	expectStampedEveryOperation,
	expectStampedV3EveryOperation,
	expectStempEveryOperation,
	expectStempPublishedApi,
} from './support/expectations';
import { executeOk, useInstance } from './support/lifecycle';
import type { NodeSpec } from './support/workflows';
import {
	lineWorkflow,
	NEW_CUSTOMER,
	stampedEveryOperation,
	stampedV3EveryOperation,
	stempEveryOperation,
	stempPublishedApi,
} from './support/workflows';

/**
 * A workflow saved before the shop moved to Loyalty 2.0: its Stamped nodes say nothing of the API version (so
 * v2, the default), and only the credential was swapped for the v3 one.
 */
const savedOnV2 = (name: string, parameters: Record<string, unknown>): NodeSpec => ({
	name,
	type: 'n8n-nodes-stamped-stemp.stamped',
	parameters,
	credentials: { stampedApi: sandboxCredentialRef('stampedApiV3') },
});
const savedOnV2RunOnV3 = lineWorkflow(
	'e2eStampedSavedOnV2',
	'e2e: Stamped nodes saved on v2, run with a v3 credential',
	[
		savedOnV2('Create customer', {
			resource: 'customer',
			operation: 'upsert',
			email: NEW_CUSTOMER,
			additionalFields: { firstName: 'Sam' },
		}),
		savedOnV2('Get customer', { resource: 'customer', operation: 'get', email: NEW_CUSTOMER }),
		savedOnV2('Add points', {
			resource: 'points',
			operation: 'update',
			email: NEW_CUSTOMER,
			action: 'add',
			points: 40,
		}),
		savedOnV2('Subtract points', {
			resource: 'points',
			operation: 'update',
			email: NEW_CUSTOMER,
			action: 'subtract',
			points: 10,
		}),
		savedOnV2('Set points', {
			resource: 'points',
			operation: 'update',
			email: NEW_CUSTOMER,
			action: 'set',
			points: 100,
		}),
		savedOnV2('Record transaction', {
			resource: 'loyaltyTransaction',
			operation: 'create',
			email: NEW_CUSTOMER,
			type: 'custom',
			points: 5,
			additionalFields: { note: 'Welcome' },
		}),
		{
			...savedOnV2('List customers', {
				resource: 'customer',
				operation: 'getAll',
				returnAll: true,
			}),
			executeOnce: true,
		},
		{
			...savedOnV2('Delete customer', {
				resource: 'customer',
				operation: 'delete',
				email: NEW_CUSTOMER,
			}),
			executeOnce: true,
		},
	],
);

const instance = useInstance({
	dist: CURRENT_N8N,
	name: 'e2e-actions',
	workflows: [
		stampedEveryOperation,
		stampedV3EveryOperation,
		stempEveryOperation,
		stempPublishedApi,
		savedOnV2RunOnV3,
	],
});

test('the Stamped node runs every operation in n8n', async () => {
	const execution = await executeOk(instance, stampedEveryOperation.id);
	expectStampedEveryOperation(execution, await instance.sandbox.log());
});

test('the Stamped node runs every operation of API v3 (Loyalty 2.0) in n8n', async () => {
	const execution = await executeOk(instance, stampedV3EveryOperation.id);
	expectStampedV3EveryOperation(execution, await instance.sandbox.log());
});

test('the stemp node runs every operation in n8n', async () => {
	const execution = await executeOk(instance, stempEveryOperation.id);
	expectStempEveryOperation(execution, await instance.sandbox.log());
});

test("the stemp node runs every operation of stemp's published API in n8n (node version 2), each request within stemp's OpenAPI file", async () => {
	const execution = await executeOk(instance, stempPublishedApi.id);
	expectStempPublishedApi(execution, await instance.sandbox.log());
	expect(await instance.sandbox.contractViolations()).toEqual([]);
});

test('Stamped nodes saved on v2 run every shared operation on the v3 API when the credential is v3, with nothing to keep in step', async () => {
	const execution = await executeOk(instance, savedOnV2RunOnV3.id);
	const log = await instance.sandbox.log();
	// Every request went to the v3 API, with v3's key header and no Basic authentication.
	expect(log.length).toBeGreaterThan(0);
	expect(
		log.every((entry) => entry.vendor === 'stampedV3' && entry.headers.authorization === undefined),
	).toBe(true);
	const balances = ['Add points', 'Subtract points', 'Set points'].map(
		(node) => nodeOutput(execution, node)[0].pointsAfter,
	);
	expect(balances).toEqual([40, 30, 100]);
	expect(nodeOutput(execution, 'List customers').map((customer) => customer.email)).toContain(
		NEW_CUSTOMER,
	);
	expect(nodeOutput(execution, 'Delete customer')).toEqual([
		expect.objectContaining({ email: NEW_CUSTOMER, deleted: true }),
	]);
	const hints = (node: string) =>
		(execution.data.resultData.runData[node]?.[0] as { hints?: Array<{ message: string }> })
			?.hints ?? [];
	// The credential alone decides: the node's saved API Version is no second switch, so there is no hint about it.
	for (const node of ['Get customer', 'Set points', 'Delete customer']) {
		expect(hints(node).map((hint) => hint.message)).toEqual([]);
	}
});
