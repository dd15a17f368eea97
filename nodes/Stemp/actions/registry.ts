import type { NodeRegistry } from '../../core/registry';
import { operationsOf } from '../../core/registry';
import * as operations from './operations';

/** The stemp node's resources and operations: the one source its description and router read. */
export const stempRegistry: NodeRegistry = {
	resources: [
		{
			value: 'stamp',
			label: 'Stamp',
			description: 'The stamps on the card of one wallet pass',
			defaultOperation: 'add',
		},
		{
			value: 'user',
			label: 'User',
			description:
				"The customers wallet passes belong to, found by stemp's user ID or your own external ID",
			defaultOperation: 'create',
		},
	],
	// Saved stamp workflows rely on it.
	defaultResource: 'stamp',
	operations: operationsOf(operations),
};
