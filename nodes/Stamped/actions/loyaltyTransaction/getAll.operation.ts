import type { IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../core/descriptions';
import type { Wanted } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { loyaltyPath, readV3List } from '../../transport/v3';
import { readWanted } from '../listOptions';

export const description = returnAllOrLimit({ resource: ['loyaltyTransaction'], operation: ['getAll'] }).map((property) => ({
	...property,
	displayOptions: { show: { ...property.displayOptions?.show, apiVersion: ['v3'] } },
}));

export function prepare(this: IExecuteFunctions, itemIndex: number): Wanted {
	return readWanted(this, itemIndex);
}

/** One output item per activity of the program's points ledger (`GET /loyalty/shops/{shopId}/activities`). */
export async function execute(this: IExecuteFunctions, api: ApiClient, input: Wanted, itemIndex: number) {
	return await readV3List(api, {
		path: loyaltyPath(api, '/activities'),
		wanted: input,
		identify: (activity) => activity.activityId,
		itemIndex,
	});
}
