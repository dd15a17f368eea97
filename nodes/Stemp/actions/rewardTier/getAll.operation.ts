import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readWholeList } from '../../transport';
import { readTemplateId, templateIdProperties } from '../fields';
import { tiersPath } from './common';

const properties: INodeProperties[] = [
	...templateIdProperties('The points card template whose reward tiers to list'),
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { templateId: readTemplateId(this, itemIndex) };
}

/** One output item per tier, in the template's order. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { templateId: string },
	itemIndex: number,
) {
	return await readWholeList(api, tiersPath(input.templateId), itemIndex);
}

export const declaration = defineOperation({
	resource: 'rewardTier',
	operation: 'getAll',
	name: 'Get Many',
	description:
		"List a points card template's reward tiers (name, points required), e.g. to tell which reward a balance reaches; one output item per tier",
	action: "Get a template's reward tiers",
	properties,
	prepare,
	execute,
});
