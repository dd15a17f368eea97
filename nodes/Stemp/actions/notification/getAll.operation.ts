import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readWanted, returnAllOrLimit } from '../../../core/descriptions';
import type { Wanted } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readStempList, stempPath } from '../../transport';
import { readTemplateId, templateIdProperties } from '../fields';

const properties: INodeProperties[] = [
	...templateIdProperties('The template whose push messages to list'),
	...returnAllOrLimit(),
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { templateId: readTemplateId(this, itemIndex), ...readWanted(this, itemIndex) };
}

/** One output item per message pushed to the template's passes (to all of them or to one), over stemp's pages. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: Wanted & { templateId: string },
	itemIndex: number,
) {
	return await readStempList(
		api,
		stempPath('templates', input.templateId, 'notifications'),
		input,
		itemIndex,
	);
}

export const declaration = defineOperation({
	resource: 'notification',
	operation: 'getAll',
	name: 'Get Many',
	description:
		"List the push messages sent to a template's passes, newest first, with how many passes got each on Apple and Google Wallet; one output item per message",
	action: 'Get many push messages',
	properties,
	prepare,
	execute,
});
