import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readWanted, returnAllOrLimit } from '../../../core/descriptions';
import type { Wanted } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readWholeList } from '../../transport';
import { readCollection, readFlag, readText } from '../fields';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only the passes that match every filter added',
		options: [
			{
				displayName: 'Installed Only',
				name: 'installedOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to list only passes installed in Apple or Google Wallet',
			},
			{
				displayName: 'Template ID',
				name: 'templateId',
				type: 'string',
				default: '',
				placeholder: 'tpl_abc123',
				description: 'Only the passes of this template',
			},
			{
				displayName: 'User ID',
				name: 'userId',
				type: 'string',
				default: '',
				placeholder: 'usr_abc123',
				description: "Only the passes of this user (stemp's user ID)",
			},
		],
	},
];

const FILTERS = ['installedOnly', 'templateId', 'userId'] as const;

function prepare(this: IExecuteFunctions, itemIndex: number) {
	const filters = readCollection(this, 'filters', 'Filters', itemIndex, FILTERS);
	const qs: IDataObject = {};
	for (const [name, label] of [
		['templateId', 'Template ID'],
		['userId', 'User ID'],
	] as const) {
		const value = readText(this, filters[name], label, itemIndex, { max: 255 });
		if (value !== undefined) qs[name] = value;
	}
	if (readFlag(this, filters.installedOnly, 'Installed Only', itemIndex, false))
		qs.status = 'INSTALLED';
	return { ...readWanted(this, itemIndex), qs };
}

/**
 * One output item per pass, each with its customer (ID, e-mail, name) and template. stemp answers the whole list
 * at once (`{passes: [...]}`); a Limit keeps the first passes.
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: Wanted & { qs: IDataObject },
	itemIndex: number,
) {
	const passes = await readWholeList(api, '/walletpasses', itemIndex, {
		qs: input.qs,
		key: 'passes',
	});
	return input.returnAll ? passes : passes.slice(0, input.limit);
}

export const declaration = defineOperation({
	resource: 'pass',
	operation: 'getAll',
	name: 'Get Many',
	description:
		"List the organization's wallet passes with their customers' e-mail addresses, optionally only a template's, a user's or the installed ones; one output item per pass",
	action: 'Get many wallet passes',
	properties,
	prepare,
	execute,
});
