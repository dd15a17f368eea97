import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { inputError } from '../../../core/validation';
import { stempPath } from '../../transport';
import { readCollection, readInteger, readText } from '../fields';
import { readTemplate, templateField, templateOf } from './common';

const LABEL_LENGTH = 50;
const NUMBERS = [
	['minimumRedemptionPoints', 'Minimum Redemption Points'],
	['pointsExpiryDays', 'Points Expiry Days'],
	['pointsPerUnit', 'Points per Unit'],
] as const;
const LABELS = [
	['pointsLabel', 'Points Label'],
	['unitLabel', 'Unit Label'],
] as const;

const properties: INodeProperties[] = [
	...templateField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The settings to change; only these are sent, the others keep their value',
		options: [
			{
				displayName: 'Minimum Redemption Points',
				name: 'minimumRedemptionPoints',
				type: 'number',
				default: 100,
				typeOptions: { minValue: 1, numberPrecision: 0 },
				description: 'The fewest points a customer can redeem at once',
			},
			{
				displayName: 'Points Expiry Days',
				name: 'pointsExpiryDays',
				type: 'number',
				default: 365,
				typeOptions: { minValue: 1, numberPrecision: 0 },
				description: 'How many days points last',
			},
			{
				displayName: 'Points Label',
				name: 'pointsLabel',
				type: 'string',
				default: '',
				placeholder: 'Beans',
				description: 'What the card calls points, 1 to 50 characters',
			},
			{
				displayName: 'Points per Unit',
				name: 'pointsPerUnit',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1, numberPrecision: 0 },
				description: 'Points earned per unit spent (e.g. 1 per euro)',
			},
			{
				displayName: 'Unit Label',
				name: 'unitLabel',
				type: 'string',
				default: '',
				placeholder: 'EUR',
				description: 'What a unit spent is called, 1 to 50 characters',
			},
		],
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	const fields = readCollection(this, 'updateFields', 'Update Fields', itemIndex, [
		...NUMBERS.map(([name]) => name),
		...LABELS.map(([name]) => name),
	]);
	const body: IDataObject = {};
	for (const [name, label] of NUMBERS)
		if (fields[name] !== undefined && fields[name] !== '')
			body[name] = readInteger(this, fields[name], label, itemIndex, { min: 1 });
	for (const [name, label] of LABELS) {
		const text = readText(this, fields[name], label, itemIndex, { max: LABEL_LENGTH });
		if (text !== undefined) body[name] = text;
	}
	if (Object.keys(body).length === 0)
		throw inputError(
			this.getNode(),
			'Update Fields',
			itemIndex,
			'nothing to change; add at least one field with a value',
		);
	return { ...readTemplate(this, itemIndex), body };
}

/** `PATCH templates/{id}/points-config` with the settings to change: harmless twice, so retried. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { templateId: string; body: IDataObject },
	itemIndex: number,
) {
	return asJsonObject(
		await api.request({
			method: 'PATCH',
			path: stempPath('templates', input.templateId, 'points-config'),
			body: input.body,
			idempotent: true,
			itemIndex,
		}),
	);
}

export const declaration = defineOperation({
	resource: 'template',
	operation: 'updatePointsConfig',
	name: 'Update Points Config',
	description:
		"Change a points card template's points per unit spent, labels, minimum points to redeem or how long points last; settings left out keep their value",
	action: "Update a template's points configuration",
	properties,
	prepare,
	execute,
	subjectOf: templateOf,
});
