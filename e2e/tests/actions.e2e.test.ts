/**
 * Both action nodes inside the current n8n 2.x: one workflow per node runs every operation, headlessly through
 * n8n's CLI (`n8n execute`), against the sandbox. Asserts on the items every node output and on the requests the
 * sandbox received.
 */
import { CURRENT_N8N } from '../src/install';
import type { Instance } from '../src/instance';
import { prepareInstance } from '../src/instance';
import { expectStampedEveryOperation, expectStempEveryOperation } from './support/expectations';
import { stampedEveryOperation, stempEveryOperation } from './support/workflows';

let instance: Instance;

beforeAll(async () => {
	instance = await prepareInstance({ dist: CURRENT_N8N, name: 'e2e-actions', workflows: [stampedEveryOperation, stempEveryOperation] });
});

afterAll(async () => {
	await instance?.stop();
});

beforeEach(async () => {
	await instance.sandbox.reset();
});

test('the Stamped node runs every operation in n8n', async () => {
	const { ok, execution, output } = await instance.n8n.execute(stampedEveryOperation.id);
	expect({ ok, output: ok ? '' : output }).toEqual({ ok: true, output: '' });
	expectStampedEveryOperation(execution!, await instance.sandbox.log());
});

test('the stemp node runs every operation in n8n', async () => {
	const { ok, execution, output } = await instance.n8n.execute(stempEveryOperation.id);
	expect({ ok, output: ok ? '' : output }).toEqual({ ok: true, output: '' });
	expectStempEveryOperation(execution!, await instance.sandbox.log());
});
