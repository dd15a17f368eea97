import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation } from '../../core/operation';
import { requireOperation } from '../../core/registry';
import { openStampedApi, STAMPED_CREDENTIAL } from '../transport';
import { versionOf } from '../transport/version';
import { stampedRegistry } from './registry';

/**
 * The credential alone decides which API is called: it is read once here, and the operation runs what it
 * declares for that version (or is refused, before any request, when that version lacks it). A shop that moves
 * to Loyalty 2.0 swaps the credential and its workflows keep working.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const credentials = await this.getCredentials(STAMPED_CREDENTIAL);
	const operation = requireOperation(this, stampedRegistry, versionOf(credentials));
	return [await runOperation(this, operation, async () => await openStampedApi(this, credentials))];
}
