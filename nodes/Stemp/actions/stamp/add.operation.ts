import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readIdempotencyKey, textWithKey } from '../../../core/idempotency';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { optionalMaxLength } from '../../../core/validation';
import { stampsPath } from '../../transport';
import { addToHistory, stempKeyOptions } from '../ledgers';
import { passOf, readWalletPassId, stampStateOrSummary, walletPassIdField } from './common';

const MAX_NOTE_LENGTH = 512;

const properties: INodeProperties[] = [
	...walletPassIdField,
	{
		displayName:
			'This adds a stamp every time it runs. If the request fails midway it is not retried, so one stamp is never added twice; check the card before running it again. To make a retried workflow safe too, set Options > Idempotency Key (e.g. the order ID).',
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
	stempKeyOptions('stamps'),
];

interface AddInput {
	walletPassId: string;
	note?: string;
	idempotencyKey?: string;
}

function prepare(this: IExecuteFunctions, itemIndex: number): AddInput {
	const idempotencyKey = readIdempotencyKey(this, itemIndex);
	const note = textWithKey(
		this.getNode(),
		optionalMaxLength(
			this.getNode(),
			this.getNodeParameter('note', itemIndex, ''),
			'Note',
			itemIndex,
			MAX_NOTE_LENGTH,
		),
		idempotencyKey,
		{ field: 'Note', max: MAX_NOTE_LENGTH, itemIndex },
	);
	return {
		walletPassId: readWalletPassId(this, itemIndex),
		...(note !== undefined ? { note } : {}),
		...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
	};
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: AddInput,
	itemIndex: number,
) {
	const add = async () =>
		stampStateOrSummary(
			await api.request({
				method: 'POST',
				path: stampsPath(input.walletPassId, 'add'),
				body: input.note === undefined ? {} : { note: input.note },
				idempotent: false,
				itemIndex,
			}),
			input.walletPassId,
			'add',
		);
	// A stamp not added outputs the card as it is now.
	const current = async () =>
		stampStateOrSummary(
			await api.request({
				method: 'GET',
				path: stampsPath(input.walletPassId),
				idempotent: true,
				itemIndex,
			}),
			input.walletPassId,
			'get',
		);
	return await addToHistory(api, 'stamps', input, itemIndex, add, current);
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
