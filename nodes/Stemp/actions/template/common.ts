import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import type { OperationDeclaration } from '../../../core/registry';
import { defineOperation } from '../../../core/registry';
import { stempPath } from '../../transport';
import { readTemplateId, templateIdProperties } from '../fields';

export const templateField = templateIdProperties();

export const readTemplate = (ctx: IExecuteFunctions, itemIndex: number) => ({
	templateId: readTemplateId(ctx, itemIndex),
});

export const templateOf = (input: { templateId: string }) => input.templateId;

/** `GET templates/{id}[/part]`: one record, retried like every read. */
export async function getTemplatePart(
	api: ApiClient,
	templateId: string,
	part: '' | 'pass-statistics' | 'stamp-config' | 'points-config',
	itemIndex: number,
): Promise<IDataObject> {
	return asJsonObject(
		await api.request({
			method: 'GET',
			path: part ? stempPath('templates', templateId, part) : stempPath('templates', templateId),
			idempotent: true,
			itemIndex,
		}),
	);
}

export const templateProperties: INodeProperties[] = [...templateField];

/** A read of one template, or of one of its parts (`GET templates/{id}[/part]`), as one operation. */
export function templateRead(
	operation: string,
	part: '' | 'pass-statistics' | 'stamp-config' | 'points-config',
	presentation: { name: string; description: string; action: string },
): OperationDeclaration {
	return defineOperation({
		resource: 'template',
		operation,
		...presentation,
		properties: templateProperties,
		prepare(this: IExecuteFunctions, itemIndex: number) {
			return readTemplate(this, itemIndex);
		},
		async execute(
			this: IExecuteFunctions,
			api: ApiClient,
			input: { templateId: string },
			itemIndex: number,
		) {
			return await getTemplatePart(api, input.templateId, part, itemIndex);
		},
		subjectOf: templateOf,
	});
}
