import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { registryProperties } from '../core/registry';
import { stampedRegistry } from './actions/registry';
import { router } from './actions/router';
import { apiVersionProperty } from './actions/versions';
import { loadOptions } from './methods/loadOptions';
import { stampedCredentialTestMethods } from './transport';

export class Stamped implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stamped',
		name: 'stamped',
		icon: { light: 'file:stamped.svg', dark: 'file:stamped.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Stamped.io loyalty customers, points, transactions, tiers, rewards and coupons; list, answer and import product reviews, and ask buyers for reviews',
		defaults: { name: 'Stamped' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stampedApi', required: true, testedBy: 'testStampedCredential' }],
		properties: [apiVersionProperty, ...registryProperties(stampedRegistry)],
	};

	methods = {
		...stampedCredentialTestMethods,
		loadOptions,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
