import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireEmail, requireOneOf, requireText } from '../../../core/validation';
import type { LookupKey } from '../../transport/v3';
import { LOOKUP_KEYS, requireCustomer } from '../../transport/v3';

const properties: INodeProperties[] = [
	{
		displayName: 'Lookup By',
		name: 'lookupBy',
		type: 'options',
		options: [
			{
				name: 'BigCommerce ID',
				value: 'bigcommerceId',
				description: "The customer's ID in BigCommerce",
			},
			{
				name: 'Custom Customer ID',
				value: 'customCustomerId',
				description: "The customer's ID in your own platform, as sent to Stamped",
			},
			{ name: 'Email', value: 'email', description: "The customer's e-mail address (exact match)" },
			{ name: 'Shopify ID', value: 'shopifyId', description: "The customer's ID in Shopify" },
		],
		default: 'email',
		description: 'What identifies the customer',
	},
	{
		displayName: 'Lookup Value',
		name: 'lookupValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: 'The e-mail address or ID to look for. Only an exact match is returned.',
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const by = requireOneOf<LookupKey>(
		node,
		this.getNodeParameter('lookupBy', itemIndex),
		'Lookup By',
		itemIndex,
		LOOKUP_KEYS,
	);
	const raw = this.getNodeParameter('lookupValue', itemIndex);
	const value =
		by === 'email'
			? requireEmail(node, raw, 'Lookup Value', itemIndex)
			: requireText(node, raw, 'Lookup Value', itemIndex);
	return { by, value };
}

/** One customer, found by `GET /merchant/shops/{shopId}/customers/lookup`; an unknown one is Stamped's 404. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { by: LookupKey; value: string },
	itemIndex: number,
) {
	return (await requireCustomer(api, input.by, input.value, itemIndex)).record;
}

/** Lookups by the same value run one after another; others at once (see Operation.subjectOf). */
function subjectOf(input: { by: string; value: string }): string {
	return `${input.by}:${input.value.toLowerCase()}`;
}

export const declaration = defineOperation({
	resource: 'customer',
	operation: 'lookup',
	name: 'Lookup',
	description:
		'Find a customer by e-mail address, custom customer ID, Shopify ID or BigCommerce ID',
	action: 'Look up a customer',
	properties,
	versions: { v3: { prepare, execute, subjectOf } },
});
