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
	return await getTemplatePart(api, input.templateId, '', itemIndex);
}

export const declaration = defineOperation({
	resource: 'template',
	operation: 'get',
	name: 'Get',
	description:
		'Get a pass template by its ID: its name, design, features (stamps, points) and state',
	action: 'Get a template',
	properties: templateProperties,
	prepare,
	execute,
	subjectOf: templateOf,
});
