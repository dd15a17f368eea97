import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { mayHaveBeenApplied } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readWholeList } from '../../transport';
import {
	readCollection,
	readInteger,
	readTemplateId,
	readText,
	templateIdProperties,
	withNote,
} from '../fields';
import {
	nameField,
	optionalTierFields,
	pointsRequiredField,
	readTierFields,
	TIER_LIMITS,
	tiersPath,
} from './common';

const properties: INodeProperties[] = [
	...templateIdProperties('The points card template to add the reward tier to'),
	{ ...nameField, required: true },
	{ ...pointsRequiredField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'More about the tier; fields left empty are not sent',
		options: optionalTierFields,
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	const fields = readCollection(this, 'additionalFields', 'Additional Fields', itemIndex, [
		'description',
		'externalId',
		'sortOrder',
	]);
	const body: IDataObject = {
		name: readText(this, this.getNodeParameter('name', itemIndex), 'Name', itemIndex, {
			max: TIER_LIMITS.name,
			required: true,
		}),
		pointsRequired: readInteger(
			this,
			this.getNodeParameter('pointsRequired', itemIndex),
			'Points Required',
			itemIndex,
			{ min: 1 },
		),
		...readTierFields(this, fields, itemIndex),
	};
	return { templateId: readTemplateId(this, itemIndex), body };
}

/**
 * `POST templates/{id}/points-rewards`. Sent once. After a failure the server may have acted on, a tier with an
 * External ID is looked for among the template's tiers by that ID: found, it is output; absent, the create is
 * sent once more. Without an External ID it is not sent again, and the error says to check the tiers.
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { templateId: string; body: IDataObject },
	itemIndex: number,
) {
	const send = async () =>
		asJsonObject(
			await api.request({
				method: 'POST',
				path: tiersPath(input.templateId),
				body: input.body,
				idempotent: false,
				itemIndex,
			}),
		);
	let failure: unknown;
	try {
		return await send();
	} catch (error) {
		failure = error;
	}
	if (!mayHaveBeenApplied(failure)) throw failure;
	const externalId = input.body.externalId as string | undefined;
	const check = `check the template's tiers (Reward Tier > Get Many) before running this item again`;
	if (externalId === undefined)
		throw withNote(
			failure,
			`The tier may have been created: ${check}. Give tiers an External ID to have the node check for you.`,
		);
	const firstError = (failure as Error).message;
	let found: IDataObject[];
	try {
		found = (await readWholeList(api, tiersPath(input.templateId), itemIndex)).filter(
			(tier) => tier.externalId === externalId,
		);
	} catch (error) {
		throw withNote(
			failure,
			`Looking for the tier by its External ID afterwards failed too (${(error as Error).message}), so whether it was created is unknown: ${check}.`,
		);
	}
	if (found.length === 1) {
		return {
			...found[0],
			resolvedByLookup: true,
			resolution: `The create failed without a clear answer (${firstError}); a tier with the External ID "${externalId}" was found, so the first attempt had created it and it was not sent again.`,
		};
	}
	if (found.length > 1)
		throw withNote(
			failure,
			`The template has ${found.length} tiers with the External ID "${externalId}": ${check}.`,
		);
	try {
		return {
			...(await send()),
			resolvedByLookup: false,
			resolution: `The create failed without a clear answer (${firstError}); no tier with the External ID "${externalId}" existed afterwards, so it was sent once more and created.`,
		};
	} catch (error) {
		throw withNote(
			error,
			`This was the second attempt: the first failed (${firstError}) and no tier with the External ID "${externalId}" existed afterwards. It is not sent a third time: ${check}.`,
		);
	}
}

export const declaration = defineOperation({
	resource: 'rewardTier',
	operation: 'create',
	name: 'Create',
	description:
		'Add a reward tier to a points card template: a reward with the points it costs (e.g. a free coffee for 100 points), with an optional description, your own external ID and sort order',
	action: 'Create a reward tier',
	properties,
	prepare,
	execute,
	subjectOf: (input: { templateId: string }) => input.templateId,
});
