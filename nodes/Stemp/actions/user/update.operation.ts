import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeKey, keyText, sameKey } from '../../../core/match';
import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { byNodeVersion } from '../../../core/locator';
import { defineOperation } from '../../../core/registry';
import { inputError } from '../../../core/validation';
import { usersPath } from '../../transport';
import {
	emailUserField,
	optionalUserFields,
	readUserFields,
	readUserId,
	userIdField,
	userLocator,
	userOf,
} from './common';

const properties: INodeProperties[] = [
	...byNodeVersion(userIdField, userLocator),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'The fields to change; only these are sent, and fields left out or empty keep their value in stemp',
		options: [emailUserField, ...optionalUserFields],
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	const userId = readUserId(this, itemIndex);
	const body = readUserFields(
		this,
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	if (Object.keys(body).length === 0) {
		throw inputError(
			this.getNode(),
			'Update Fields',
			itemIndex,
			'nothing to change; add at least one field with a value',
		);
	}
	return { userId, body };
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { userId: string; body: IDataObject },
	itemIndex: number,
) {
	// stemp changes only the fields sent, so sending the same change again is harmless.
	const user = await api.request({
		method: 'PATCH',
		path: usersPath(input.userId),
		body: input.body,
		idempotent: true,
		itemIndex,
	});
	// stemp answers the user it changed: one that is plainly another user (neither its ID nor its external ID is
	// the one asked, and the change did not set a new external ID) is said, not output as this user's.
	const named = keyText(user, 'id') !== undefined || keyText(user, 'externalId') !== undefined;
	const isAsked = sameKey(input.userId, user, 'id') || sameKey(input.userId, user, 'externalId');
	if (named && !isAsked && input.body.externalId === undefined) {
		throw new NodeOperationError(
			api.node,
			`stemp applied the change for "${input.userId}" to another user (${describeKey(user, 'id')}, ${describeKey(user, 'externalId')})`,
			{
				itemIndex,
				description: `The user stemp answered is not the one asked: its ID or external ID must be exactly "${input.userId}". Check both users in stemp before running this item again.`,
			},
		);
	}
	return asJsonObject(user);
}

export const declaration = defineOperation({
	resource: 'user',
	operation: 'update',
	name: 'Update',
	description:
		'Change the e-mail, name, phone, external ID or metadata of a stemp user found by user ID or external ID; fields left out keep their value',
	action: 'Update a user',
	properties,
	prepare,
	execute,
	subjectOf: userOf,
});
