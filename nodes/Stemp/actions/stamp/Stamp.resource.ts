import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as get from './get.operation';
import * as getHistory from './getHistory.operation';
import * as remove from './remove.operation';
import * as reset from './reset.operation';
import * as set from './set.operation';

export { add, get, getHistory, remove, reset, set };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		description: 'What to do with the stamp card',
		displayOptions: { show: { resource: ['stamp'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Add one stamp to a card',
				action: 'Add a stamp',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get a card's current stamps, card size and completions",
				action: 'Get stamp state',
			},
			{
				name: 'Get History',
				value: 'getHistory',
				description: 'List the stamps added, removed, set and reset on a card, newest first',
				action: 'Get stamp history',
			},
			{
				name: 'Remove',
				value: 'remove',
				description: 'Remove one stamp from a card',
				action: 'Remove a stamp',
			},
			{
				name: 'Reset',
				value: 'reset',
				description: 'Set a card back to zero stamps',
				action: 'Reset stamps',
			},
			{
				name: 'Set',
				value: 'set',
				description: 'Set the exact number of stamps on a card (0 to 10)',
				action: 'Set the stamp count',
			},
		],
		default: 'add',
	},
	...add.description,
	...get.description,
	...getHistory.description,
	...remove.description,
	...reset.description,
	...set.description,
];
