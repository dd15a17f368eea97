/**
 * Both action nodes inside the current n8n 2.x: one workflow per node runs every operation, headlessly through
 * n8n's CLI (`n8n execute`), against the sandbox. Asserts on the items every node output and on the requests the
 * sandbox received.
 */
import { CURRENT_N8N } from '../src/install';
import { expectStampedEveryOperation, expectStampedV3EveryOperation, expectStempEveryOperation } from './support/expectations';
import { executeOk, useInstance } from './support/lifecycle';
import { stampedEveryOperation, stampedV3EveryOperation, stempEveryOperation } from './support/workflows';

const instance = useInstance({ dist: CURRENT_N8N, name: 'e2e-actions', workflows: [stampedEveryOperation, stampedV3EveryOperation, stempEveryOperation] });

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
