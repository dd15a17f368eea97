import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readWanted, returnAllOrLimit } from '../../core/descriptions';
import type { Wanted } from '../../core/paging';
import { requireInteger } from '../../core/validation';
import { DEFAULT_CONCURRENCY } from '../transport/lists';

const MAX_CONCURRENCY = 10;

/**
 * Return All, Limit and the Concurrency option of a Stamped list operation. v2 pages tell the total, so the pages
 * after the first are fetched side by side; v3 pages only say whether more follow, so the next pages are asked
 * for ahead and taken in order (see the paging engine's `pagesAhead`).
 */
export function listProperties(): INodeProperties[] {
	return [
		...returnAllOrLimit(),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			description: 'How the list is read',
			options: [
				{
					displayName: 'Concurrency',
					name: 'concurrency',
					type: 'number',
					default: DEFAULT_CONCURRENCY,
					typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
					description:
						'How many pages of 100 to ask Stamped for at once: on API v2 once the first page has told the total, on API v3 the next pages ahead while Stamped says more follow. Lowered automatically when Stamped answers 429 (too many requests).',
				},
			],
		},
	];
}

export interface ListInput extends Wanted {
	concurrency: number;
}

export function readListInput(ctx: IExecuteFunctions, itemIndex: number): ListInput {
	const node = ctx.getNode();
	const options = ctx.getNodeParameter('options', itemIndex, {}) as { concurrency?: unknown };
	return {
		...readWanted(ctx, itemIndex),
		concurrency:
			options.concurrency === undefined
				? DEFAULT_CONCURRENCY
				: requireInteger(node, options.concurrency, 'Concurrency', itemIndex, {
						min: 1,
						max: MAX_CONCURRENCY,
					}),
	};
}

/** `prepare` of a list operation that reads nothing but Return All, Limit and Options > Concurrency. */
export function prepareListInput(this: IExecuteFunctions, itemIndex: number): ListInput {
	return readListInput(this, itemIndex);
}
