/**
 * A workflow saved on node version 1 (plain fields) and the same workflow on version 2 (resource locators, as
 * the editor saves them) run in the current n8n 2.x with `n8n execute`: the sandbox receives the same requests
 * and every node outputs the same.
 */
import { CURRENT_N8N } from '../src/install';
import type { Execution } from '../src/n8n';
import { nodeOutput } from '../src/n8n';
import { executeOk, useInstance } from './support/lifecycle';
import type { NodeSpec } from './support/workflows';
import { lineWorkflow, stamped, stampedV3, stemp } from './support/workflows';

const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

/** The same nodes on one node version: `plain` values on 1, the locator of `mode` on 2. */
function nodesOn(typeVersion: 1 | 2): NodeSpec[] {
	const pick = (mode: string, value: string) => (typeVersion === 1 ? value : locator(mode, value));
	const on = (node: NodeSpec): NodeSpec => ({ ...node, typeVersion, executeOnce: true });
	return [
		on(
			stamped('Get customer', {
				resource: 'customer',
				operation: 'get',
				email: pick('list', 'jane@example.com'),
			}),
		),
		on(
			stamped('Reply to review', {
				resource: 'review',
				operation: 'reply',
				reviewId: pick('list', 'rev_1003'),
				reply: 'Thank you, Ahmed!',
			}),
		),
		on(
			stampedV3('Get v3 customer', {
				resource: 'customer',
				operation: 'get',
				email: pick('email', 'maria@example.com'),
			}),
		),
		on(
			stemp('Get user', {
				resource: 'user',
				operation: 'get',
				userId: pick('externalId', 'shopify-1002'),
			}),
		),
	];
}

const version1 = lineWorkflow('e2eNodeVersion1', 'e2e: saved on node version 1', nodesOn(1));
const version2 = lineWorkflow('e2eNodeVersion2', 'e2e: the same on node version 2', nodesOn(2));

const instance = useInstance({
	dist: CURRENT_N8N,
	name: 'e2e-node-versions',
	workflows: [version1, version2],
});

const NODES = ['Get customer', 'Reply to review', 'Get v3 customer', 'Get user'];

async function run(workflowId: string) {
	await instance.sandbox.reset();
	const execution: Execution = await executeOk(instance, workflowId);
	const log = await instance.sandbox.log();
	return {
		// The sandbox stamps its stemp users with the time it was reset; everything else must match.
		outputs: NODES.map((node) =>
			nodeOutput(execution, node).map(({ createdAt: _c, updatedAt: _u, ...rest }) => rest),
		),
		sent: log.map(({ method, path, query, body }) => ({ method, path, query, body })),
	};
}

test('version 1 and version 2 of the same workflow send the same requests and output the same', async () => {
	const one = await run(version1.id);
	const two = await run(version2.id);
	expect(one.sent.map((request) => `${request.method} ${request.path}`)).toEqual([
		expect.stringMatching(/^GET \/.*\/customers\/jane(@|%40)example\.com$/),
		expect.stringMatching(/^POST \/.*\/dashboard\/reviews\/rev_1003\/reply$/),
		expect.stringMatching(/^GET \/.*\/customers\/lookup$/),
		expect.stringMatching(/^GET \/(.*\/)?users\/shopify-1002$/),
	]);
	expect(two.sent).toEqual(one.sent);
	expect(two.outputs).toEqual(one.outputs);
	expect(one.outputs.every((items) => items.length === 1)).toBe(true);
});
