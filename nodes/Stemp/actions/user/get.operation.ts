import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { userId: string },
	itemIndex: number,
) {
	return asJsonObject(
		await api.request({
			method: 'GET',
			path: usersPath(input.userId),
			idempotent: true,
			itemIndex,
		}),
	);
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
