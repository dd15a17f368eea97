import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { inputError } from '../../../core/validation';
import { stempPath } from '../../transport';
import { readCollection, readFlag, readInteger, readText } from '../fields';
import { getTemplatePart, readTemplate, templateField, templateOf } from './common';

/** The file's limits on a stamp configuration. */
const LIMITS = { maxStamps: 1000, rewardName: 255, rewardDescription: 512 } as const;
const FIELDS = ['autoResetOnComplete', 'maxStamps', 'rewardDescription', 'rewardName'] as const;

const properties: INodeProperties[] = [
	...templateField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The settings to change; the others keep their value',
		options: [
			{
				displayName: 'Auto Reset on Complete',
				name: 'autoResetOnComplete',
				type: 'boolean',
				default: true,
				description: 'Whether a full card starts over at zero stamps by itself',
			},
			{
				displayName: 'Card Size',
				name: 'maxStamps',
				type: 'number',
				default: 10,
				typeOptions: { minValue: 1, maxValue: LIMITS.maxStamps, numberPrecision: 0 },
				description:
					'Stamps that fill the card, 1 to 1,000 (note: Stamp > Set can set at most 10 stamps, a limit of the API)',
			},
			{
				displayName: 'Reward Description',
				name: 'rewardDescription',
				type: 'string',
				default: '',
				description: 'More about the reward, at most 512 characters',
			},
			{
				displayName: 'Reward Name',
				name: 'rewardName',
				type: 'string',
				default: '',
				placeholder: 'Free coffee',
				description: 'What a full card earns, at most 255 characters',
			},
		],
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	const fields = readCollection(this, 'updateFields', 'Update Fields', itemIndex, FIELDS);
	const changes: IDataObject = {};
	if (fields.maxStamps !== undefined && fields.maxStamps !== '')
		changes.maxStamps = readInteger(this, fields.maxStamps, 'Card Size', itemIndex, {
			min: 1,
			max: LIMITS.maxStamps,
		});
	if (fields.autoResetOnComplete !== undefined)
		changes.autoResetOnComplete = readFlag(
			this,
			fields.autoResetOnComplete,
			'Auto Reset on Complete',
			itemIndex,
			true,
		);
	for (const [name, label] of [
		['rewardName', 'Reward Name'],
		['rewardDescription', 'Reward Description'],
	] as const) {
		const text = readText(this, fields[name], label, itemIndex, { max: LIMITS[name] });
		if (text !== undefined) changes[name] = text;
	}
	if (Object.keys(changes).length === 0)
		throw inputError(
			this.getNode(),
			'Update Fields',
			itemIndex,
			'nothing to change; add at least one field with a value',
		);
	return { ...readTemplate(this, itemIndex), changes };
}

/**
 * `PUT templates/{id}/stamp-config` replaces the whole configuration, so the current one is read first and the
 * changes laid over it: settings left out keep their value. The PUT carries the whole state, so sending it twice
 * is harmless and a failure is retried.
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { templateId: string; changes: IDataObject },
	itemIndex: number,
) {
	const current = await getTemplatePart(api, input.templateId, 'stamp-config', itemIndex);
	const body: IDataObject = {};
	for (const field of FIELDS) {
		const value = input.changes[field] ?? current[field];
		if (value !== undefined && value !== null) body[field] = value;
	}
	return asJsonObject(
		await api.request({
			method: 'PUT',
			path: stempPath('templates', input.templateId, 'stamp-config'),
			body,
			idempotent: true,
			itemIndex,
		}),
	);
}

export const declaration = defineOperation({
	resource: 'template',
	operation: 'updateStampConfig',
	name: 'Update Stamp Config',
	description:
		"Change a stamp card template's card size, reward name and description, or whether a full card starts over; settings left out keep their value",
	action: "Update a template's stamp configuration",
	properties,
	prepare,
	execute,
	subjectOf: templateOf,
});
