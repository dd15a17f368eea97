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
	return await getTemplatePart(api, input.templateId, 'pass-statistics', itemIndex);
}

export const declaration = defineOperation({
	resource: 'template',
	operation: 'getStatistics',
	name: 'Get Statistics',
	description:
		'Count the passes issued from a template, in all and installed in Apple and Google Wallet',
	action: "Get a template's pass statistics",
	properties: templateProperties,
	prepare,
	execute,
	subjectOf: templateOf,
});
