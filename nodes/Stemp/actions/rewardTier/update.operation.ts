import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import {
	nameField,
	optionalTierFields,
	pointsRequiredField,
	readRewardTierId,
	readUpdateFields,
	rewardTierField,
	tierPath,
} from './common';

const properties: INodeProperties[] = [
	...rewardTierField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change; only these are sent, the others keep their value',
		options: [...optionalTierFields, nameField, pointsRequiredField].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return {
		rewardTierId: readRewardTierId(this, itemIndex),
		body: readUpdateFields(this, itemIndex),
	};
}

/** `PATCH points-rewards/{id}` with the fields to change: the same change twice is harmless, so it is retried. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { rewardTierId: string; body: IDataObject },
	itemIndex: number,
) {
	return asJsonObject(
		await api.request({
			method: 'PATCH',
			path: tierPath(input.rewardTierId),
			body: input.body,
			idempotent: true,
			itemIndex,
		}),
	);
}

export const declaration = defineOperation({
	resource: 'rewardTier',
	operation: 'update',
	name: 'Update',
	description:
		"Change a reward tier's name, points required, description, external ID or sort order; fields left out keep their value",
	action: 'Update a reward tier',
	properties,
	prepare,
	execute,
	subjectOf: (input: { rewardTierId: string }) => input.rewardTierId,
});
