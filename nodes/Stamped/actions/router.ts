import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation } from '../../core/operation';
import { requireOperation } from '../../core/registry';
import { openStampedApi, STAMPED_CREDENTIAL } from '../transport';
import { otherVersionError, profileOf } from '../transport/version';
import { stampedRegistry } from './registry';
import { operationMeant } from './versions';

/**
 * The credential alone decides which API is called: it is read once here, and the operation runs what it
 * declares for that version (or is refused, before any request, when that version lacks it). A shop that moves
 * to Loyalty 2.0 swaps the credential and its workflows keep working.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const credentials = await this.getCredentials(STAMPED_CREDENTIAL);
	const { version } = profileOf(credentials);
	const operation = requireOperation(this, stampedRegistry, {
		version,
		operationMeant: (resource, given) => operationMeant(this, stampedRegistry, resource, given),
		offeredElsewhere: (title, offeredBy) =>
			otherVersionError(this.getNode(), {
				what: `"${title}" is offered`,
				offeredBy,
				actual: version,
				instead: `pick an operation that Stamped API ${version} offers (each operation's description says which versions offer it)`,
			}),
	});
	return [await runOperation(this, operation, async () => await openStampedApi(this, credentials))];
}
