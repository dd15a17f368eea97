import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { byNodeVersion } from '../../../core/locator';
import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { inputError, optionalBoolean, requireText } from '../../../core/validation';
import { reviewReplyPath } from '../../transport';
import { readReviewId, reviewIdField, reviewLocator } from './reviewId';

/** Longer replies are refused before sending: Stamped documents no limit, and a reply is a short answer. */
export const MAX_REPLY_LENGTH = 5000;

const properties: INodeProperties[] = [
	{
		displayName:
			'With Send Email on, every run e-mails the reviewer, so after a server error or a timeout the reply is not sent again (the reviewer could get the e-mail twice). Without it, a second reply replaces the first and is retried safely.',
		name: 'replyNotice',
		type: 'notice',
		default: '',
	},
	...byNodeVersion(reviewIdField, reviewLocator),
	{
		displayName: 'Reply',
		name: 'reply',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'Thank you for your review!',
		description: `The shop's answer to the review, at most ${MAX_REPLY_LENGTH} characters. It replaces an earlier reply.`,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'How the reply is published',
		options: [
			{
				displayName: 'Private',
				name: 'isPrivate',
				type: 'boolean',
				default: false,
				description:
					'Whether the reply goes to the reviewer only instead of being shown under the review on the site',
			},
			{
				displayName: 'Send Email',
				name: 'sendEmail',
				type: 'boolean',
				default: false,
				description:
					'Whether Stamped also e-mails the reply to the reviewer. Such a reply is never sent twice by the node.',
			},
		],
	},
];

interface ReplyInput {
	reviewId: string;
	reply: string;
	isPrivate: boolean;
	sendEmail: boolean;
}

function prepare(this: IExecuteFunctions, itemIndex: number): ReplyInput {
	const node = this.getNode();
	const reply = requireText(node, this.getNodeParameter('reply', itemIndex), 'Reply', itemIndex);
	if (reply.length > MAX_REPLY_LENGTH) {
		throw inputError(
			node,
			'Reply',
			itemIndex,
			`it is ${reply.length} characters long; at most ${MAX_REPLY_LENGTH} are allowed`,
		);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		isPrivate?: unknown;
		sendEmail?: unknown;
	};
	return {
		reviewId: readReviewId(this, itemIndex),
		reply,
		isPrivate: optionalBoolean(node, options.isPrivate, 'Private', itemIndex, false),
		sendEmail: optionalBoolean(node, options.sendEmail, 'Send Email', itemIndex, false),
	};
}

/** Stamped answers the reply text as a bare JSON string; any other answer is kept under `response`. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: ReplyInput,
	itemIndex: number,
) {
	const answer = await api.request({
		method: 'POST',
		path: reviewReplyPath(input.reviewId),
		qs: { isPrivate: input.isPrivate, isEmail: input.sendEmail },
		body: { reply: input.reply },
		// A reply that e-mails would e-mail twice; without the e-mail a second reply replaces the first.
		idempotent: !input.sendEmail,
		itemIndex,
	});
	const { reviewId, isPrivate, sendEmail } = input;
	if (typeof answer === 'string' && answer !== '')
		return { reviewId, reply: answer, isPrivate, sendEmail };
	const extra = answer === undefined || answer === '' ? {} : asJsonObject(answer);
	return { reviewId, reply: input.reply, isPrivate, sendEmail, ...extra };
}

export const declaration = defineOperation({
	resource: 'review',
	operation: 'reply',
	name: 'Reply',
	description:
		'Answer a review as the shop, publicly or privately, optionally e-mailing the reviewer',
	action: 'Reply to a review',
	properties,
	versions: { v2: { prepare, execute } },
});
