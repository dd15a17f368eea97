import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { passOf, readCollection, readInteger, readText, readWalletPassId } from '../fields';
import { pointsPassField, sendPointsWriteOnce } from './common';

const MAX_NOTE_LENGTH = 512;

const properties: INodeProperties[] = [
	...pointsPassField,
	{
		displayName:
			'This adds points every time it runs. If the request fails midway it is not sent again, so points are never credited twice; check the card before running it again.',
		name: 'addNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Points',
		name: 'points',
		type: 'number',
		required: true,
		default: 1,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: 'How many points to add, a whole number of at least 1',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'What the points were for; fields left empty are not sent',
		options: [
			{
				displayName: 'Monetary Value',
				name: 'monetaryValue',
				type: 'number',
				default: 0,
				typeOptions: { numberPrecision: 0 },
				description:
					"The purchase's value, a whole number in the smallest unit of the currency (e.g. cents: 1250 for 12.50 €); stemp adds it to the card's lifetime value",
			},
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				default: '',
				placeholder: 'Order #1042',
				description: 'Text stored with the points in the card history, at most 512 characters',
			},
		],
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	const fields = readCollection(this, 'additionalFields', 'Additional Fields', itemIndex, [
		'monetaryValue',
		'note',
	]);
	const body: IDataObject = {
		points: readInteger(this, this.getNodeParameter('points', itemIndex), 'Points', itemIndex, {
			min: 1,
		}),
	};
	if (fields.monetaryValue !== undefined && fields.monetaryValue !== '')
		body.monetaryValue = readInteger(this, fields.monetaryValue, 'Monetary Value', itemIndex, {
			min: -Number.MAX_SAFE_INTEGER,
			max: Number.MAX_SAFE_INTEGER,
		});
	const note = readText(this, fields.note, 'Note', itemIndex, { max: MAX_NOTE_LENGTH });
	if (note !== undefined) body.note = note;
	return { walletPassId: readWalletPassId(this, itemIndex), body };
}

/** `POST walletpasses/{id}/points/add`, never sent twice; outputs the card's new balance. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string; body: IDataObject },
	itemIndex: number,
) {
	return await sendPointsWriteOnce(api, input.walletPassId, 'add', input.body, itemIndex);
}

export const declaration = defineOperation({
	resource: 'points',
	operation: 'add',
	name: 'Add',
	description:
		"Add points to a points card, e.g. one point per euro of a paid order, with the purchase's value and a note for the history; outputs the new balance. Never applied twice.",
	action: 'Add points',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
