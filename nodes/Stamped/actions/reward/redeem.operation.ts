import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { requireInteger, requirePathSegment } from '../../../core/validation';
import { customerActionPath, requireCustomer } from '../../transport/v3';
import { emailField, readEmail } from '../customer/common';

const properties: INodeProperties[] = [
	emailField,
	{
		displayName:
			'Every run redeems the reward again and spends points. After a server error or a timeout it is not retried, so a reward is never redeemed twice; check the customer\'s rewards before running it again.',
		name: 'redeemNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Reward ID',
		name: 'rewardId',
		type: 'string',
		required: true,
		default: '',
		description: 'The ID of the API reward rule in your Stamped loyalty program',
	},
	{
		displayName: 'Points',
		name: 'points',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description:
			'How many points to spend, for rewards whose value depends on the points used. 0 sends none, and the reward costs what its rule says.',
	},
];

export const description = updateDisplayOptions(
	{ show: { apiVersion: ['v3'], resource: ['reward'], operation: ['redeem'] } },
	properties,
);

interface RedeemInput {
	email: string;
	rewardId: string;
	points?: number;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): RedeemInput {
	const node = this.getNode();
	const points = requireInteger(node, this.getNodeParameter('points', itemIndex, 0), 'Points', itemIndex, { min: 0 });
	return {
		email: readEmail(this, itemIndex),
		rewardId: requirePathSegment(node, this.getNodeParameter('rewardId', itemIndex), 'Reward ID', itemIndex),
		...(points > 0 ? { points } : {}),
	};
}

/** `redeem-reward/{rewardId}` on the customer found by e-mail; the points go in the query, as text. */
export async function execute(this: IExecuteFunctions, api: ApiClient, input: RedeemInput, itemIndex: number) {
	const { customerId } = await requireCustomer(api, 'email', input.email, itemIndex);
	const qs: IDataObject = input.points !== undefined ? { points: String(input.points) } : {};
	const response = await api.request({
		method: 'POST',
		path: customerActionPath(api, customerId, 'redeem-reward', input.rewardId),
		qs,
		idempotent: false,
		itemIndex,
	});
	return { email: input.email, ...asJsonObject(response) };
}

export { customerOf as subjectOf } from '../customer/common';
