import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { byNodeVersion } from '../../../core/locator';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readWholeList, usersPath } from '../../transport';
import { readUserId, userIdField, userLocator, userOf } from './common';

const properties: INodeProperties[] = [...byNodeVersion(userIdField, userLocator)];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { userId: readUserId(this, itemIndex) };
}

/** One output item per wallet pass of the user: its template, stamp or points state and installations. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { userId: string },
	itemIndex: number,
) {
	return await readWholeList(api, `${usersPath(input.userId)}/passes`, itemIndex, {
		key: 'passes',
	});
}

export const declaration = defineOperation({
	resource: 'user',
	operation: 'getPasses',
	name: 'Get Passes',
	description:
		"List the wallet passes of a stemp user found by user ID or external ID, with each pass's template, stamps or points and where it is installed; one output item per pass",
	action: "Get a user's passes",
	properties,
	prepare,
	execute,
	subjectOf: userOf,
});
