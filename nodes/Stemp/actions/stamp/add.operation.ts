import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { optionalMaxLength } from '../../../core/validation';
import { stampsPath } from '../../transport';
import { passOf, readWalletPassId, stampStateOrSummary, walletPassIdField } from './common';

const MAX_NOTE_LENGTH = 512;

const properties: INodeProperties[] = [
	...walletPassIdField,
	{
		displayName:
			'This adds a stamp every time it runs. If the request fails midway it is not retried, so one stamp is never added twice; check the card before running it again.',
		name: 'addNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		default: '',
		placeholder: 'Purchase at Main St. location',
		description: 'Optional text stored with the stamp in its history, at most 512 characters',
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return {
		walletPassId: readWalletPassId(this, itemIndex),
		note: optionalMaxLength(
			this.getNode(),
			this.getNodeParameter('note', itemIndex, ''),
			'Note',
			itemIndex,
			MAX_NOTE_LENGTH,
		),
	};
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string; note?: string },
	itemIndex: number,
) {
	const response = await api.request({
		method: 'POST',
		path: stampsPath(input.walletPassId, 'add'),
		body: input.note === undefined ? {} : { note: input.note },
		idempotent: false,
		itemIndex,
	});
	return stampStateOrSummary(response, input.walletPassId, 'add');
}

export const declaration = defineOperation({
	resource: 'stamp',
	operation: 'add',
	name: 'Add',
	description: 'Add one stamp to a card',
	action: 'Add a stamp',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
