import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { byNodeVersion } from '../../../core/locator';
import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireText } from '../../../core/validation';
import { customerActionPath, requireCustomer } from '../../transport/v3';
import { customerLocator, customerOf, emailField, readEmail } from '../email';
import { readFields } from '../merchantRecord';

const properties: INodeProperties[] = [
	...byNodeVersion(emailField, customerLocator),
	{
		displayName:
			"Every run fires the rule again and awards its points as the rule allows. After a server error or a timeout it is not retried, so a rule is never fired twice by the node; check the customer's activity before running it again. It takes no Idempotency Key: the activity carries the rule's title, not free text the node writes; the rule's own limits (how often a customer may earn it) are what stops repeats.",
		name: 'triggerNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Rule ID',
		name: 'ruleId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'rule-newsletter',
		description:
			'The ID of the earning rule in your Stamped loyalty program (Loyalty > Earning rules); the rule sets the points and how often a customer may earn them',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'More details of the activity the rule records',
		options: [
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				placeholder: 'Signed up for the newsletter',
				description: "The activity's title in the customer's points history",
			},
		],
	},
];

interface TriggerInput {
	email: string;
	qs: IDataObject;
}

function prepare(this: IExecuteFunctions, itemIndex: number): TriggerInput {
	const node = this.getNode();
	const fields = readFields(this, 'additionalFields', 'Additional Fields', itemIndex, ['title']);
	const qs: IDataObject = {
		ruleId: requireText(node, this.getNodeParameter('ruleId', itemIndex), 'Rule ID', itemIndex),
	};
	if (fields.title !== undefined && fields.title !== '')
		qs.title = requireText(node, fields.title, 'Title', itemIndex);
	return { email: readEmail(this, itemIndex), qs };
}

/**
 * `trigger-activity` on the customer found by e-mail: the rule and title go in the query, with no body, as the
 * reference declares. Not re-sent after a failure that may have applied it (v3 has no idempotency key).
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: TriggerInput,
	itemIndex: number,
) {
	const { customerId } = await requireCustomer(api, 'email', input.email, itemIndex);
	const response = await api.request({
		method: 'POST',
		path: customerActionPath(api, customerId, 'trigger-activity'),
		qs: input.qs,
		idempotent: false,
		itemIndex,
	});
	return { email: input.email, ...asJsonObject(response) };
}

export const declaration = defineOperation({
	resource: 'loyaltyTransaction',
	operation: 'triggerRule',
	name: 'Trigger Rule',
	description:
		"Fire one of the loyalty program's earning rules for a customer (e.g. a newsletter sign-up), awarding the points the rule sets",
	action: 'Trigger an earning rule',
	properties,
	versions: {
		v3: { prepare, execute, subjectOf: customerOf },
	},
});
