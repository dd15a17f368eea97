/**
 * The oldest n8n the package supports (e2e/n8n1/package.json; the README's Compatibility says why no older one):
 * the package loads in it, on the machine's Node 20, and both action nodes run their every-operation workflows
 * with the same expectations as in n8n 2.x.
 */
import { LEGACY_N8N, n8nVersion } from '../src/install';
import { expectStampedEveryOperation, expectStempEveryOperation } from './support/expectations';
import { executeOk, useInstance } from './support/lifecycle';
import { stampedEveryOperation, stempEveryOperation } from './support/workflows';

const instance = useInstance({
	dist: LEGACY_N8N,
	name: 'e2e-smoke',
	workflows: [stampedEveryOperation, stempEveryOperation],
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
