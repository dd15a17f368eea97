import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readRedemptionId, redemptionIdField, redemptionOf, settle } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'This settles the redemption. If the request fails midway it is not sent again.',
		name: 'completeNotice',
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
	return await settle(api, input.redemptionId, 'complete', itemIndex);
}

export const declaration = defineOperation({
	resource: 'redemption',
	operation: 'complete',
	name: 'Complete',
	description:
		'Mark a pending redemption as handed out (the customer got the reward at the till); outputs the redemption. Never sent twice.',
	action: 'Complete a redemption',
	properties,
	prepare,
	execute,
	subjectOf: redemptionOf,
});
