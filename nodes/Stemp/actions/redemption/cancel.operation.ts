import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readRedemptionId, redemptionIdField, redemptionOf, settle } from './common';

const properties: INodeProperties[] = [
	{
		displayName:
			'This cancels the redemption and gives its points back. If the request fails midway it is not sent again, so points are never given back twice.',
		name: 'cancelNotice',
		type: 'notice',
		default: '',
	},
	redemptionIdField,
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return readRedemptionId(this, itemIndex);
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { redemptionId: string },
	itemIndex: number,
) {
	return await settle(api, input.redemptionId, 'cancel', itemIndex);
}

export const declaration = defineOperation({
	resource: 'redemption',
	operation: 'cancel',
	name: 'Cancel',
	description:
		'Cancel a pending redemption: stemp gives its points back to the card; outputs the redemption. Never sent twice.',
	action: 'Cancel a redemption',
	properties,
	prepare,
	execute,
	subjectOf: redemptionOf,
});
