import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as stamp from './actions/stamp/Stamp.resource';
import { stempCredentialTestMethods } from './transport';

export class Stemp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'stemp',
		name: 'stemp',
		icon: { light: 'file:stemp.svg', dark: 'file:stemp.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Add, remove, set and read stamps on stemp digital stamp cards held in Apple and Google Wallet passes',
		defaults: { name: 'stemp' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stempApi', required: true, testedBy: 'testStempCredential' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				description: 'What the operation works on',
				options: [{ name: 'Stamp', value: 'stamp', description: 'The stamps on the card of one wallet pass' }],
				default: 'stamp',
			},
			...stamp.description,
		],
	};

	methods = stempCredentialTestMethods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
