import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeKey, sameKey } from '../../../core/match';
import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { byNodeVersion } from '../../../core/locator';
import { defineOperation } from '../../../core/registry';
import { usersPath } from '../../transport';
import { readUserId, userIdField, userLocator, userOf } from './common';

const properties: INodeProperties[] = [...byNodeVersion(userIdField, userLocator)];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { userId: readUserId(this, itemIndex) };
}

/**
 * `GET /users/{id}`, which stemp resolves by its own user ID or by the external ID. The answer is the user asked
 * only when its `id` or its `externalId` is exactly the value asked (see `sameKey`): a server that resolves
 * loosely (letter case, spaces, a prefix) answers another user, which is "not found" rather than output.
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { userId: string },
	itemIndex: number,
) {
	const user = await api.request({
		method: 'GET',
		path: usersPath(input.userId),
		idempotent: true,
		itemIndex,
	});
	if (!sameKey(input.userId, user, 'id') && !sameKey(input.userId, user, 'externalId')) {
		throw new NodeOperationError(api.node, `stemp found no user with the ID "${input.userId}"`, {
			itemIndex,
			description: `Its answer is not that user: its ${describeKey(user, 'id')} and ${describeKey(user, 'externalId')}, where one must be exactly "${input.userId}" (same letters and case, no spaces, no prefix).`,
		});
	}
	return asJsonObject(user);
}

export const declaration = defineOperation({
	resource: 'user',
	operation: 'get',
	name: 'Get',
	description:
		"Find one stemp user by stemp's user ID (usr_…) or by your own external ID, e.g. find the stemp user with the shop's customer ID 1001",
	action: 'Get a user',
	properties,
	prepare,
	execute,
	subjectOf: userOf,
});
