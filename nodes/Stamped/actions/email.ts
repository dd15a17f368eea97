import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { LocatorDefinition } from '../../core/locator';
import { listMode, readLocatorParameter, textMode } from '../../core/locator';
import { requireEmail } from '../../core/validation';

export const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	required: true,
	default: '',
	description: "The customer's e-mail address, which identifies the customer in Stamped",
	hint: 'Usually an expression from the previous node, e.g. {{ $json.email }}',
};

/** The Customer picker of node version 2: from the shop's customers (searched by e-mail), or an e-mail typed. */
export const customerLocator: LocatorDefinition = {
	description:
		'The customer, identified in Stamped by e-mail address: pick one from the list (type to search by e-mail) or enter the address',
	modes: [
		listMode('searchCustomers', 'Select a customer...'),
		textMode('email', 'By Email', 'name@email.com', {
			regex: '^\\s*[^\\s@]+@[^\\s@]+\\s*$',
			errorMessage: 'Not an e-mail address',
		}),
	],
};

/** The customer's e-mail on every node version (a plain field on 1, the Customer picker from 2). */
export function readEmail(ctx: IExecuteFunctions, itemIndex: number): string {
	return requireEmail(
		ctx.getNode(),
		readLocatorParameter(ctx, 'email', itemIndex).value,
		'Email',
		itemIndex,
	);
}

/** The customer an item acts on, for running items on different customers at once (see Operation.subjectOf). */
export function customerOf(input: { email?: unknown }): string {
	return String(input.email ?? '').toLowerCase();
}
