import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../../core/validation';
import { stempPath } from '../../transport';
import { readCollection, readId, readInteger, readText, rewardTierIdProperties } from '../fields';

/** The file's limits on a reward tier's fields. */
export const TIER_LIMITS = { name: 255, description: 512, externalId: 255 } as const;

export const rewardTierField = rewardTierIdProperties('The reward tier to use');

export const readRewardTierId = (ctx: IExecuteFunctions, itemIndex: number) =>
	readId(ctx, 'rewardTierId', 'Reward Tier ID', itemIndex);

export const tiersPath = (templateId: string) =>
	stempPath('templates', templateId, 'points-rewards');

export const tierPath = (rewardTierId: string) => stempPath('points-rewards', rewardTierId);

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'Free coffee',
	description: 'What the customer gets, as the card shows it, 1 to 255 characters',
};

export const pointsRequiredField: INodeProperties = {
	displayName: 'Points Required',
	name: 'pointsRequired',
	type: 'number',
	default: 100,
	typeOptions: { minValue: 1, numberPrecision: 0 },
	description: 'How many points the reward costs, a whole number of at least 1',
};

/** The optional fields of a tier, sorted by name (Create's Additional Fields and Update's Update Fields). */
export const optionalTierFields: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'More about the reward, at most 512 characters',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		placeholder: 'coffee-free',
		description:
			'Your own ID for the tier, at most 255 characters. With it, Create never creates the tier twice: after a failure midway it looks for the tier by this ID first.',
	},
	{
		displayName: 'Sort Order',
		name: 'sortOrder',
		type: 'number',
		default: 0,
		typeOptions: { numberPrecision: 0 },
		description: 'Where the tier shows among the others (lower first)',
	},
];

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

/** A tier's fields from a collection (and the name and points, for Create), checked against the file's limits. */
export function readTierFields(
	ctx: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const body: IDataObject = {};
	if (isSet(fields.name))
		body.name = readText(ctx, fields.name, 'Name', itemIndex, {
			max: TIER_LIMITS.name,
			required: true,
		});
	if (isSet(fields.pointsRequired))
		body.pointsRequired = readInteger(ctx, fields.pointsRequired, 'Points Required', itemIndex, {
			min: 1,
		});
	const description = readText(ctx, fields.description, 'Description', itemIndex, {
		max: TIER_LIMITS.description,
	});
	if (description !== undefined) body.description = description;
	const externalId = readText(ctx, fields.externalId, 'External ID', itemIndex, {
		max: TIER_LIMITS.externalId,
	});
	if (externalId !== undefined) body.externalId = externalId;
	if (isSet(fields.sortOrder))
		body.sortOrder = readInteger(ctx, fields.sortOrder, 'Sort Order', itemIndex, {
			min: -(2 ** 31),
		});
	return body;
}

export function readUpdateFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = readCollection(ctx, 'updateFields', 'Update Fields', itemIndex, [
		'name',
		'pointsRequired',
		'description',
		'externalId',
		'sortOrder',
	]);
	const body = readTierFields(ctx, fields, itemIndex);
	if (Object.keys(body).length === 0)
		throw inputError(
			ctx.getNode(),
			'Update Fields',
			itemIndex,
			'nothing to change; add at least one field with a value',
		);
	return body;
}
