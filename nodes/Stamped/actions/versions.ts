import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { StampedVersion } from '../transport/version';

/**
 * The node's own API Version. n8n's display options cannot see credential values, so the node needs this to
 * show each version's operations only. It filters what the editor shows and nothing else: the credential's
 * API Version decides what is called. Its default keeps workflows saved before v3 existed on v2.
 */
export const apiVersionProperty: INodeProperties = {
	displayName: 'API Version',
	name: 'apiVersion',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'V2',
			value: 'v2',
			description: 'Stamped API v2, authenticated with the public and private key',
		},
		{
			name: 'V3 (Loyalty 2.0)',
			value: 'v3',
			description: "Stamped API v3, for shops on Stamped's current loyalty product",
		},
	],
	default: 'v2',
	description:
		"Which operations the editor shows. The selected credential decides which API is called: an operation both versions offer runs on the credential's version.",
};

/** When the node is set to another version than its credential, the run says which one it used. */
export function noteVersionDifference(
	ctx: IExecuteFunctions,
	credentialVersion: StampedVersion,
): void {
	const nodeVersion = ctx.getNodeParameter('apiVersion', 0, 'v2') === 'v3' ? 'v3' : 'v2';
	if (nodeVersion === credentialVersion) return;
	const message = `This node is set to Stamped API ${nodeVersion}, but its credential is for API ${credentialVersion}: the operation ran on API ${credentialVersion}. Set "API Version" to ${credentialVersion} to see that version's operations and options.`;
	ctx.logger.info(message);
	ctx.addExecutionHints?.({ message, type: 'info', location: 'outputPane' });
}
