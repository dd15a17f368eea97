import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { mayHaveBeenApplied } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { usersPath } from '../../transport';
import { emailUserField, optionalUserFields, readUserEmail, readUserFields } from './common';

const properties: INodeProperties[] = [
	{
		displayName:
			'If the request fails midway (a server error or a timeout), it is not sent again, so the user is never created twice. Before running it again, check with User > Get by the external ID whether the user exists. It takes no Idempotency Key: the external ID is its own, and stemp refuses a second user with the same e-mail address or external ID.',
		name: 'createNotice',
		type: 'notice',
		default: '',
	},
	{
		...emailUserField,
		required: true,
		description: "The user's e-mail address (required), at most 254 characters",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'More about the user; fields left empty are not sent',
		options: optionalUserFields,
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const email = readUserEmail(this, this.getNodeParameter('email', itemIndex), itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	// The E-mail parameter wins over an `email` a hand-edited workflow may carry in Additional Fields.
	return { ...readUserFields(this, fields, itemIndex), email };
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	body: IDataObject,
	itemIndex: number,
) {
	let failure: unknown;
	try {
		// A create sent twice could create the user twice.
		return asJsonObject(
			await api.request({ method: 'POST', path: usersPath(), body, idempotent: false, itemIndex }),
		);
	} catch (error) {
		failure = error;
	}
	if (mayHaveBeenApplied(failure)) {
		const how =
			body.externalId === undefined
				? 'for its e-mail address in the list from User > Get Many'
				: `with User > Get for the external ID "${String(body.externalId)}"`;
		const described = failure as { description?: string | null };
		described.description = [
			described.description,
			`The user may have been created: check ${how} before running this again.`,
		]
			.filter(Boolean)
			.join(' ');
	}
	throw failure;
}

export const declaration = defineOperation({
	resource: 'user',
	operation: 'create',
	name: 'Create',
	description:
		"Create a stemp user (the customer wallet passes belong to) from an e-mail address, with optional name, phone, your own external ID (e.g. the shop's customer ID) and metadata",
	action: 'Create a user',
	properties,
	prepare,
	execute,
	subjectOf: (input: IDataObject) => String(input.email).toLowerCase(),
});
