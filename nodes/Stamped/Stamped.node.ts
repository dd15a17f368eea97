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
import { apiVersionProperty, legacyCarriers } from './actions/versions';
import { stampedListSearch } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';
import { stampedCredentialTestMethods } from './transport';

export class Stamped implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stamped',
		name: 'stamped',
		icon: { light: 'file:stamped.svg', dark: 'file:stamped.dark.svg' },
		group: ['transform'],
		// Version 2 shows resource locators (pick from a list, or type) where version 1 has plain fields.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage Stamped.io loyalty customers, points, transactions, tiers, rewards and coupons; list, answer and import product reviews, and ask buyers for reviews',
		defaults: { name: 'Stamped' },
		usableAsTool: true,
		builderHint: {
			searchHint:
				'Stamped.io loyalty and reviews for online shops. Usually follows a shop trigger or node (an order or customer) to create or update the customer, award points or ask for a review; after a Stamped Trigger or Stamped Polling Trigger it replies to reviews. Customers are identified by e-mail address.',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-stamped-stemp.stampedTrigger',
					relationHint: 'Starts the workflow on a new review or loyalty event (webhook)',
				},
				{
					nodeType: 'n8n-nodes-stamped-stemp.stampedPollingTrigger',
					relationHint: 'Starts the workflow on new reviews or ledger entries (polling)',
				},
			],
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stampedApi', required: true, testedBy: 'testStampedCredential' }],
		properties: [
			apiVersionProperty,
			...registryProperties(stampedRegistry),
			...legacyCarriers(stampedRegistry),
		],
	};

	methods = {
		...stampedCredentialTestMethods,
		loadOptions,
		// The pickers of node version 2 (resource locators).
		listSearch: stampedListSearch,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
