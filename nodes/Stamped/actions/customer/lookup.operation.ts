import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import {
	requireEmail,
	requireOneOf,
	requirePathSegment,
	requireText,
} from '../../../core/validation';
import type { CustomerLookupBy as LookupBy } from '../../transport/v3';
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
			{
				name: 'Stamped ID',
				value: 'stampedId',
				description: "Stamped's own ID of the customer (customerId)",
			},
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
	const by = requireOneOf<LookupBy>(
		node,
		this.getNodeParameter('lookupBy', itemIndex),
		'Lookup By',
		itemIndex,
		[...LOOKUP_KEYS, 'stampedId'],
	);
	const raw = this.getNodeParameter('lookupValue', itemIndex);
	// Stamped's id goes into the path, so ".." or a control character there would call another endpoint.
	const value =
		by === 'email'
			? requireEmail(node, raw, 'Lookup Value', itemIndex)
			: by === 'stampedId'
				? requirePathSegment(node, raw, 'Lookup Value', itemIndex)
				: requireText(node, raw, 'Lookup Value', itemIndex);
	return { by, value };
}

/**
 * One customer: by Stamped's id `GET /merchant/shops/{shopId}/customers/{customerId}`, else found by
 * `GET .../customers/lookup`; an unknown one is Stamped's 404, and an answer holding another customer is "not
 * found" too (see `requireCustomer`).
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { by: LookupBy; value: string },
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
		"Find a customer by e-mail address, custom customer ID, Shopify ID, BigCommerce ID or Stamped's own customer ID",
	action: 'Look up a customer',
	properties,
	versions: { v3: { prepare, execute, subjectOf } },
});
