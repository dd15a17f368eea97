import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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

export function readEmail(ctx: IExecuteFunctions, itemIndex: number): string {
	return requireEmail(ctx.getNode(), ctx.getNodeParameter('email', itemIndex), 'Email', itemIndex);
}

/** The customer an item acts on, for running items on different customers at once (see Operation.subjectOf). */
export function customerOf(input: { email?: unknown }): string {
	return String(input.email ?? '').toLowerCase();
}
