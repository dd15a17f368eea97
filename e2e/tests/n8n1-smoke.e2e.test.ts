/**
 * The oldest n8n the package supports (e2e/n8n1/package.json; the README's Compatibility says why no older one):
 * the package loads in it, on the machine's Node 20, and both action nodes run their every-operation workflows
 * with the same expectations as in n8n 2.x.
 */
import { LEGACY_N8N, n8nVersion } from '../src/install';
import { expectStampedEveryOperation, expectStempEveryOperation } from './support/expectations';
import { executeOk, useInstance } from './support/lifecycle';
import { runVersion, version1, version2 } from './support/node-versions';
import { stampedEveryOperation, stempEveryOperation } from './support/workflows';

const instance = useInstance({
	dist: LEGACY_N8N,
	name: 'e2e-smoke',
	workflows: [stampedEveryOperation, stempEveryOperation, version1, version2],
});

test('the installed n8n is the oldest supported, 1.85', () => {
	expect(n8nVersion(LEGACY_N8N)).toMatch(/^1\.85\./);
});

test.each([
	{ workflow: stampedEveryOperation, expectations: expectStampedEveryOperation },
	{ workflow: stempEveryOperation, expectations: expectStempEveryOperation },
])('n8n 1.x runs "$workflow.name"', async ({ workflow, expectations }) => {
	expectations(await executeOk(instance, workflow.id), await instance.sandbox.log());
});

test('n8n 1.x runs node version 2 (resource locators) to the same requests as version 1', async () => {
	const one = await runVersion(instance, version1.id);
	const two = await runVersion(instance, version2.id);
	expect(one.sent).toHaveLength(4);
	expect(two.sent).toEqual(one.sent);
	expect(two.outputs).toEqual(one.outputs);
});
