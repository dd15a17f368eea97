import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { registryProperties } from '../core/registry';
import { stempRegistry } from './actions/registry';
import { router } from './actions/router';
import { stempCredentialTestMethods } from './transport';

export class Stemp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'stemp',
		name: 'stemp',
		icon: { light: 'file:stemp.svg', dark: 'file:stemp.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Add, remove, set and read stamps on stemp digital stamp cards held in Apple and Google Wallet passes, and manage the users the passes belong to',
		defaults: { name: 'stemp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stempApi', required: true, testedBy: 'testStempCredential' }],
		properties: [...registryProperties(stempRegistry)],
	};

	methods = stempCredentialTestMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
