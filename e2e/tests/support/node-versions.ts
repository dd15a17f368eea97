/**
 * One workflow saved on node version 1 (plain fields) and the same on version 2 (resource locators, as the
 * editor saves them), for the node-version e2e test and the n8n 1.x smoke test.
 */
import type { Execution } from '../../src/n8n';
import { nodeOutput } from '../../src/n8n';
import type { InstanceHandle } from './lifecycle';
import { executeOk } from './lifecycle';
import type { NodeSpec } from './workflows';
import { lineWorkflow, stamped, stampedV3, stemp } from './workflows';

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

export const version1 = lineWorkflow('e2eNodeVersion1', 'e2e: saved on node version 1', nodesOn(1));
export const version2 = lineWorkflow(
	'e2eNodeVersion2',
	'e2e: the same on node version 2',
	nodesOn(2),
);

export const NODES = ['Get customer', 'Reply to review', 'Get v3 customer', 'Get user'];

/** Runs one of the two on a fresh sandbox: each node's output and the requests the sandbox received. */
export async function runVersion(instance: InstanceHandle, workflowId: string) {
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
