import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireInteger, requirePathSegment } from '../../../core/validation';
import { customerActionPath, requireCustomer } from '../../transport/v3';
import type { LocatorDefinition } from '../../../core/locator';
import { byNodeVersion, listMode, readLocatorParameter, textMode } from '../../../core/locator';
import { customerLocator, customerOf, emailField, readEmail } from '../email';

const rewardField: INodeProperties = {
	displayName: 'Reward Name or ID',
	name: 'rewardId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getRewards' },
	required: true,
	default: '',
	description:
		'The ID of the API reward rule in your Stamped loyalty program. The list shows the rewards found in your shop\'s rewards list; a reward not listed there can be entered as an expression. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** The Reward picker of node version 2: the rewards in the shop's rewards report, or an ID typed. */
const rewardLocator: LocatorDefinition = {
	description:
		"The API reward rule to redeem: pick one of the rewards found in the shop's rewards report (type to search) or enter its ID",
	modes: [listMode('searchRewards', 'Select a reward...'), textMode('id', 'By ID', 'rwd-5off')],
};

const properties: INodeProperties[] = [
	...byNodeVersion(emailField, customerLocator),
	{
		displayName:
			"Every run redeems the reward again and spends points. After a server error or a timeout it is not retried, so a reward is never redeemed twice; check the customer's rewards before running it again. It takes no Idempotency Key: Stamped records a redemption without a reason to carry one.",
		name: 'redeemNotice',
		type: 'notice',
		default: '',
	},
	...byNodeVersion(rewardField, rewardLocator),
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

interface RedeemInput {
	email: string;
	rewardId: string;
	points?: number;
}

function prepare(this: IExecuteFunctions, itemIndex: number): RedeemInput {
	const node = this.getNode();
	const points = requireInteger(
		node,
		this.getNodeParameter('points', itemIndex, 0),
		'Points',
		itemIndex,
		{ min: 0 },
	);
	return {
		email: readEmail(this, itemIndex),
		rewardId: requirePathSegment(
			node,
			readLocatorParameter(this, 'rewardId', itemIndex).value,
			'Reward ID',
			itemIndex,
		),
		...(points > 0 ? { points } : {}),
	};
}

/** `redeem-reward/{rewardId}` on the customer found by e-mail; the points go in the query, as text. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: RedeemInput,
	itemIndex: number,
) {
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

export const declaration = defineOperation({
	resource: 'reward',
	operation: 'redeem',
	name: 'Redeem',
	description: "Redeem a reward for a customer, paid with the customer's points",
	action: 'Redeem a reward',
	properties,
	versions: { v3: { prepare, execute, subjectOf: customerOf } },
});
