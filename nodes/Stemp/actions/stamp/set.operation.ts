import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireInteger } from '../../../core/validation';
import { stampsPath } from '../../transport';
import { passOf, readWalletPassId, stampStateOrSummary, walletPassIdField } from './common';

const MAX_STAMPS = 10;

const properties: INodeProperties[] = [
	...walletPassIdField,
	{
		displayName: 'This overwrites the current stamp count, whatever the card showed before.',
		name: 'setNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Stamps',
		name: 'stamps',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, maxValue: MAX_STAMPS, numberPrecision: 0 },
		description:
			'The exact number of stamps the card should show, a whole number from 0 to 10 (and at most the card size)',
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return {
		walletPassId: readWalletPassId(this, itemIndex),
		stamps: requireInteger(
			this.getNode(),
			this.getNodeParameter('stamps', itemIndex),
			'Stamps',
			itemIndex,
			{
				min: 0,
				max: MAX_STAMPS,
			},
		),
	};
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string; stamps: number },
	itemIndex: number,
) {
	const response = await api.request({
		method: 'POST',
		path: stampsPath(input.walletPassId, 'set'),
		body: { stamps: input.stamps },
		idempotent: true,
		itemIndex,
	});
	return stampStateOrSummary(response, input.walletPassId, 'set');
}

export const declaration = defineOperation({
	resource: 'stamp',
	operation: 'set',
	name: 'Set',
	description: 'Set the exact number of stamps on a card (0 to 10)',
	action: 'Set the stamp count',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
