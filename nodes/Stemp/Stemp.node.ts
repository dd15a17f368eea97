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
			'Issue stemp wallet passes (stamp and points cards in Apple and Google Wallet), add stamps and points, redeem rewards, push messages to passes, and manage users and templates',
		defaults: { name: 'stemp' },
		usableAsTool: true,
		builderHint: {
			searchHint:
				'stemp stamp and points cards on Apple and Google Wallet passes. Usually follows a shop trigger (a new customer: issue a wallet pass; a paid order: add points or a stamp) or a stemp Trigger (a card completed: claim the reward, push a message); also reads balances, history, templates and reward tiers.',
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
		// The pickers of node version 2 (resource locators): users, wallet passes, templates, reward tiers.
		listSearch: stempListSearch,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
