import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Wanted } from './paging';
import { requireBoolean, requireInteger } from './validation';

/**
 * The Return All / Limit pair every list operation offers, as n8n's own nodes do. The registry adds the
 * resource and operation display options.
 */
export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** What the Return All / Limit pair asks for: everything, or a Limit of 1 or more. */
export function readWanted(ctx: IExecuteFunctions, itemIndex: number): Wanted {
	const returnAll = requireBoolean(
		ctx.getNode(),
		ctx.getNodeParameter('returnAll', itemIndex, false),
		'Return All',
		itemIndex,
	);
	return {
		returnAll,
		limit: returnAll
			? 0
			: requireInteger(
					ctx.getNode(),
					ctx.getNodeParameter('limit', itemIndex, 50),
					'Limit',
					itemIndex,
					{ min: 1 },
				),
	};
}
