import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation } from '../../core/operation';
import { requireOperation } from '../../core/registry';
import { openStampedApi, STAMPED_CREDENTIAL } from '../transport';
import { versionOf } from '../transport/version';
import { stampedRegistry } from './registry';
import { noteVersionDifference } from './versions';

/**
 * The credential decides which API is called: an operation both versions offer runs on the credential's
 * version whatever the node's API Version says (which only filters what the editor shows), so a shop that moves
 * to Loyalty 2.0 swaps the credential and its workflows keep working.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const credentials = await this.getCredentials(STAMPED_CREDENTIAL);
	const version = versionOf(credentials);
	const operation = requireOperation(this, stampedRegistry, version);
	noteVersionDifference(this, version);
	return [
		await runOperation(
			this,
			operation,
			async () => await openStampedApi(this, credentials),
			version,
		),
	];
}
