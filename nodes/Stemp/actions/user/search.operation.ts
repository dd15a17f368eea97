import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readWanted, returnAllOrLimit } from '../../../core/descriptions';
import type { Wanted } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readStempList, usersPath } from '../../transport';
import { readText } from '../fields';

/** stemp's limit on what can be searched for is not published; the field's own is generous and keeps URLs sane. */
const MAX_QUERY_LENGTH = 254;

const properties: INodeProperties[] = [
	{
		displayName: 'Search',
		name: 'query',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'jane@example.com',
		description:
			"What to look for in the users' e-mail addresses, names and external IDs, e.g. an e-mail address or part of a name",
	},
	...returnAllOrLimit(),
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	const query = readText(this, this.getNodeParameter('query', itemIndex), 'Search', itemIndex, {
		max: MAX_QUERY_LENGTH,
		required: true,
	})!;
	return { query, ...readWanted(this, itemIndex) };
}

/** One output item per user found (stemp's ID, e-mail, name, external ID), over stemp's pages. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: Wanted & { query: string },
	itemIndex: number,
) {
	return await readStempList(api, `${usersPath()}/search`, input, itemIndex, { q: input.query });
}

export const declaration = defineOperation({
	resource: 'user',
	operation: 'search',
	name: 'Search',
	description:
		'Find stemp users whose e-mail address, name or external ID contains the text searched for, e.g. find the user with the e-mail address from a shop order; one output item per user',
	action: 'Search users',
	properties,
	prepare,
	execute,
});
