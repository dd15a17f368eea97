import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { byNodeVersion } from '../../../core/locator';
import { defineOperation } from '../../../core/registry';
import { usersPath } from '../../transport';
import { readUserId, userIdField, userLocator, userOf } from './common';

const properties: INodeProperties[] = [
	{
		displayName:
			"Deleting a user also revokes all of the user's wallet passes: their stamp cards stop working. It cannot be undone, and the node does not ask before it runs.",
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	...byNodeVersion(userIdField, userLocator),
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { userId: readUserId(this, itemIndex) };
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { userId: string },
	itemIndex: number,
) {
	const response = await api.request({
		method: 'DELETE',
		path: usersPath(input.userId),
		idempotent: true,
		// A retry that finds the user gone means the first attempt went through.
		alreadyDoneStatus: 404,
		itemIndex,
	});
	return { userId: input.userId, deleted: true, ...asJsonObject(response ?? {}) };
}

export const declaration = defineOperation({
	resource: 'user',
	operation: 'delete',
	name: 'Delete',
	description:
		"Permanently delete a stemp user found by user ID or external ID. This revokes all the user's wallet passes, so their stamp cards stop working.",
	action: 'Delete a user',
	properties,
	prepare,
	execute,
	subjectOf: userOf,
});
