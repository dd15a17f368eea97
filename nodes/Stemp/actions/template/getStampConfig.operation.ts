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
	return await getTemplatePart(api, input.templateId, 'stamp-config', itemIndex);
}

export const declaration = defineOperation({
	resource: 'template',
	operation: 'getStampConfig',
	name: 'Get Stamp Config',
	description:
		'Get the stamp card configuration of a template: card size (stamps to fill it), reward name and description, and whether a full card starts over',
	action: "Get a template's stamp configuration",
	properties: templateProperties,
	prepare,
	execute,
	subjectOf: templateOf,
});
