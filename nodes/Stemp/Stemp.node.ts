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
import { stempListSearch } from './methods/listSearch';
import { stempCredentialTestMethods } from './transport';

export class Stemp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'stemp',
		name: 'stemp',
		icon: { light: 'file:stemp.svg', dark: 'file:stemp.dark.svg' },
		group: ['transform'],
		// Version 2 shows resource locators (pick from a list, or type) where version 1 has plain fields.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Add, remove, set and read stamps on stemp digital stamp cards held in Apple and Google Wallet passes, and manage the users the passes belong to',
		defaults: { name: 'stemp' },
		usableAsTool: true,
		builderHint: {
			searchHint:
				'stemp digital stamp cards in Apple and Google Wallet. Usually follows a stemp Trigger (a pass scanned, a card completed) or a shop order to add a stamp to a wallet pass; read or reset the card, or create and update the user the passes belong to.',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-stamped-stemp.stempTrigger',
					relationHint: 'Starts the workflow when a pass is scanned or a card completes',
				},
			],
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stempApi', required: true, testedBy: 'testStempCredential' }],
		properties: [...registryProperties(stempRegistry)],
	};

	methods = {
		...stempCredentialTestMethods,
		// The User picker of node version 2 (a resource locator).
		listSearch: stempListSearch,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
