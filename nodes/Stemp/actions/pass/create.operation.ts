import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { byNodeVersion } from '../../../core/locator';
import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { mayHaveBeenApplied } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireOneOf } from '../../../core/validation';
import { stempPath, usersPath, readStempList, readWholeList } from '../../transport';
import { readFlag, readTemplateId, templateIdProperties, withNote } from '../fields';
import {
	emailUserField,
	optionalUserFields,
	readUserEmail,
	readUserFields,
	readUserId,
	userIdField,
	userLocator,
} from '../user/common';

const properties: INodeProperties[] = [
	{
		displayName:
			"A pass is issued once: if the request fails midway (a server error or a timeout), the node looks among the user's passes of this template for the new pass before it ever sends the request again, and its output says which happened.",
		name: 'createNotice',
		type: 'notice',
		default: '',
	},
	...templateIdProperties(
		'The template of the pass to issue: which stamp or points card the customer gets',
	),
	{
		displayName: 'User',
		name: 'userMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Existing User',
				value: 'existing',
				description: 'The customer is a stemp user already, found by user ID or external ID',
			},
			{
				name: 'New User',
				value: 'new',
				description:
					'Create the customer from an e-mail address with the pass (a user with that e-mail address gets the pass)',
			},
		],
		default: 'existing',
		description: 'Whom the pass is for',
	},
	...byNodeVersion(userIdField, userLocator).map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, userMode: ['existing'] } },
	})),
	{
		...emailUserField,
		required: true,
		description: "The new user's e-mail address (required), at most 254 characters",
		displayOptions: { show: { userMode: ['new'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'More about the new user; fields left empty are not sent',
		options: optionalUserFields,
		displayOptions: { show: { userMode: ['new'] } },
	},
	{
		displayName: 'Send Email',
		name: 'sendEmail',
		type: 'boolean',
		default: true,
		description:
			'Whether stemp e-mails the customer a link to add the pass to Apple or Google Wallet',
	},
];

interface PassCreateInput {
	templateId: string;
	/** The existing user's ID (stemp's or external); undefined for a new user. */
	userId?: string;
	/** The new user's e-mail address and fields; undefined for an existing user. */
	user?: IDataObject & { email: string };
	sendEmail: boolean;
}

function prepare(this: IExecuteFunctions, itemIndex: number): PassCreateInput {
	const templateId = readTemplateId(this, itemIndex);
	const mode = requireOneOf(
		this.getNode(),
		this.getNodeParameter('userMode', itemIndex, 'existing'),
		'User',
		itemIndex,
		['existing', 'new'] as const,
	);
	const sendEmail = readFlag(
		this,
		this.getNodeParameter('sendEmail', itemIndex, true),
		'Send Email',
		itemIndex,
		true,
	);
	if (mode === 'existing') return { templateId, userId: readUserId(this, itemIndex), sendEmail };
	const email = readUserEmail(this, this.getNodeParameter('email', itemIndex), itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return { templateId, user: { ...readUserFields(this, fields, itemIndex), email }, sendEmail };
}

/** A pass as the user's pass list shows it (`UserPassDTO`): its ID and its template's. */
interface OwnPass extends IDataObject {
	id: string;
	template: { id: string };
}

const isOwnPass = (pass: IDataObject, templateId: string): pass is OwnPass =>
	typeof pass.id === 'string' &&
	pass.template !== null &&
	typeof pass.template === 'object' &&
	(pass.template as IDataObject).id === templateId;

/**
 * The user the pass is (or would be) for, and the IDs of their passes of the template: the existing user's by
 * their ID; a new user's found by a search for the e-mail address that gives that exact address (any letter
 * case: stemp compares e-mail addresses so). A user the search does not return is absent: stemp's own answer
 * says so. Any failure throws: then nothing can be said.
 */
async function passesOfTemplate(
	api: ApiClient,
	input: PassCreateInput,
	itemIndex: number,
): Promise<{ userId?: string; passes: OwnPass[] }> {
	let userId = input.userId;
	if (userId === undefined) {
		const email = input.user!.email;
		const found = (
			await readStempList(api, `${usersPath()}/search`, { returnAll: true, limit: 0 }, itemIndex, {
				q: email,
			})
		).filter(
			(user) =>
				typeof user.email === 'string' &&
				user.email.toLowerCase() === email.toLowerCase() &&
				typeof user.id === 'string',
		);
		if (found.length === 0) return { passes: [] };
		if (found.length > 1)
			throw new Error(`stemp has ${found.length} users with the e-mail address ${email}`);
		userId = String(found[0].id);
	}
	const passes = await readWholeList(api, `${usersPath(userId)}/passes`, itemIndex, {
		key: 'passes',
	});
	return { userId, passes: passes.filter((pass) => isOwnPass(pass, input.templateId)) };
}

/** The output for a pass found after an ambiguous failure, in the shape the create answers with. */
function asIssuedPass(pass: OwnPass, templateId: string, userId: string | undefined): IDataObject {
	const issued: IDataObject = { ...pass, templateId, ...(userId ? { userId } : {}) };
	delete issued.template;
	return issued;
}

/**
 * `POST templates/{templateId}/walletpasses`, exactly once. Before sending, the user's passes of the template are
 * read (and an unknown user or template fails here, before anything is created). After an ambiguous failure (a
 * 5xx, a timeout, a dropped connection) they are read again: a pass of the template that was not there before is
 * the one the first attempt issued, and it is output; when there is none, the request is sent once more. Any
 * doubt left (the lookup failed, or found more than one new pass) fails the item, saying what to check.
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: PassCreateInput,
	itemIndex: number,
) {
	const before = await passesOfTemplate(api, input, itemIndex);
	const known = new Set(before.passes.map((pass) => pass.id));
	const body: IDataObject = {
		sendEmailNotification: input.sendEmail,
		...(input.userId !== undefined ? { userId: input.userId } : { user: input.user }),
	};
	const send = async () =>
		asJsonObject(
			await api.request({
				method: 'POST',
				path: stempPath('templates', input.templateId, 'walletpasses'),
				body,
				idempotent: false,
				itemIndex,
			}),
		);
	let failure: unknown;
	try {
		return await send();
	} catch (error) {
		failure = error;
	}
	if (!mayHaveBeenApplied(failure)) throw failure;
	const firstError = (failure as Error).message;
	const whose =
		input.userId !== undefined ? `the user "${input.userId}"` : `the user ${input.user!.email}`;
	const check = `check ${whose}'s passes (User > Get Passes) for one of template "${input.templateId}" before running this item again`;
	let after: Awaited<ReturnType<typeof passesOfTemplate>>;
	try {
		after = await passesOfTemplate(api, input, itemIndex);
	} catch (error) {
		throw withNote(
			failure,
			`Looking for the pass afterwards failed too (${(error as Error).message}), so whether it was issued is unknown: ${check}.`,
		);
	}
	const fresh = after.passes.filter((pass) => !known.has(pass.id));
	if (fresh.length === 1) {
		return {
			...asIssuedPass(fresh[0], input.templateId, after.userId),
			resolvedByLookup: true,
			resolution: `The request failed without a clear answer (${firstError}); a new pass of this template was found among ${whose}'s passes, so the first attempt had issued it and it was not sent again.`,
		};
	}
	if (fresh.length > 1) {
		throw withNote(
			failure,
			`Afterwards ${whose} has ${fresh.length} new passes of this template (issued by something else at the same time?), so which one this item issued is unknown: ${check}.`,
		);
	}
	let secondFailure: unknown;
	try {
		return {
			...(await send()),
			resolvedByLookup: false,
			resolution: `The request failed without a clear answer (${firstError}); ${whose} had no new pass of this template afterwards, so it was sent once more and issued.`,
		};
	} catch (error) {
		secondFailure = error;
	}
	throw withNote(
		secondFailure,
		`This was the second attempt: the first failed (${firstError}) and ${whose} had no new pass of this template afterwards. It is not sent a third time: ${check}.`,
	);
}

export const declaration = defineOperation({
	resource: 'pass',
	operation: 'create',
	name: 'Create',
	description:
		'Issue a wallet pass of a template to a customer: an existing stemp user (by user ID or external ID) or a new one created from an e-mail address; stemp e-mails the customer the pass unless Send Email is off. Issued exactly once, even when a request fails midway.',
	action: 'Issue a wallet pass',
	properties,
	prepare,
	execute,
	subjectOf: (input: PassCreateInput) =>
		input.userId !== undefined
			? `user:${input.userId}`
			: `email:${input.user!.email.toLowerCase()}`,
});
