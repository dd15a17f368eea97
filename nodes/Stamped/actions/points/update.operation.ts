import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asJsonObject } from '../../../core/paging';
import type { ApiClient } from '../../../core/request';
import { requireInteger, requireOneOf } from '../../../core/validation';
import { emailField, readEmail } from '../customer/common';

const ACTIONS = ['add', 'subtract', 'set'] as const;
type PointsAction = (typeof ACTIONS)[number];

const properties: INodeProperties[] = [
	emailField,
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		options: [
			{ name: 'Add', value: 'add', description: "Add points to the customer's balance", action: 'Add points' },
			{ name: 'Subtract', value: 'subtract', description: "Take points off the customer's balance", action: 'Subtract points' },
			{ name: 'Set', value: 'set', description: 'Overwrite the balance with an exact number of points', action: 'Set points' },
		],
		default: 'add',
		description: 'How the points change the balance',
	},
	{
		displayName:
			'Set overwrites the balance: the points the customer had before are gone. It is safe to run twice, so it is retried after server errors.',
		name: 'setNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { action: ['set'] } },
	},
	{
		displayName:
			'Adding or subtracting changes the balance every time it runs. After a server error or a timeout it is not retried, so points are never applied twice; check the balance before running it again.',
		name: 'addSubtractNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { action: ['add', 'subtract'] } },
	},
	{
		displayName: 'Points',
		name: 'points',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'How many points, a whole number of 0 or more',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['points'], operation: ['update'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	return {
		email: readEmail(this, itemIndex),
		action: requireOneOf<PointsAction>(node, this.getNodeParameter('action', itemIndex), 'Action', itemIndex, ACTIONS),
		points: requireInteger(node, this.getNodeParameter('points', itemIndex), 'Points', itemIndex, { min: 0 }),
	};
}

export async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { email: string; action: PointsAction; points: number },
	itemIndex: number,
) {
	const response = await api.request({
		method: 'POST',
		path: '/customers/points',
		body: input,
		// Only `set` gives the same result when applied twice.
		idempotent: input.action === 'set',
		itemIndex,
	});
	return asJsonObject(response);
}
