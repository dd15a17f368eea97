import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { getTemplatePart, readTemplate, templateOf, templateProperties } from './common';

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return readTemplate(this, itemIndex);
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { templateId: string },
	itemIndex: number,
) {
	return await getTemplatePart(api, input.templateId, 'points-config', itemIndex);
}

export const declaration = defineOperation({
	resource: 'template',
	operation: 'getPointsConfig',
	name: 'Get Points Config',
	description:
		'Get the points card configuration of a template: points per unit spent, unit and points labels, minimum points to redeem and how long points last',
	action: "Get a template's points configuration",
	properties: templateProperties,
	prepare,
	execute,
	subjectOf: templateOf,
});
