import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireOneOf } from '../../../core/validation';
import { stempPath } from '../../transport';
import {
	readCollection,
	readTemplateId,
	readText,
	readWalletPassId,
	templateIdProperties,
	sendOnce,
	walletPassIdProperties,
} from '../fields';

/** The file's limits on a push message. */
const LIMITS = { body: 1000, header: 255 } as const;

const onlyFor = (target: string, properties: INodeProperties[]) =>
	properties.map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, target: [target] } },
	}));

const properties: INodeProperties[] = [
	{
		displayName:
			'This pushes a message every time it runs. If the request fails midway it is not sent again, so no customer gets the message twice.',
		name: 'sendNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Send To',
		name: 'target',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'One Wallet Pass', value: 'pass', description: 'The customer holding one pass' },
			{
				name: 'Every Pass of a Template',
				value: 'template',
				description: 'Every customer holding a pass of the template',
			},
		],
		default: 'pass',
		description: 'Who gets the message',
	},
	...onlyFor('pass', walletPassIdProperties('The wallet pass to push the message to')),
	...onlyFor('template', templateIdProperties('The template whose passes all get the message')),
	{
		displayName: 'Message',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'Your free coffee is waiting!',
		description: 'The text shown on the lock screen and on the pass, at most 1,000 characters',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'More about the message; fields left empty are not sent',
		options: [
			{
				displayName: 'Header',
				name: 'header',
				type: 'string',
				default: '',
				placeholder: 'Reward unlocked',
				description: 'A title above the message, at most 255 characters',
			},
		],
	},
];

interface SendInput {
	path: string;
	body: IDataObject;
	/** Who the message went to, for the error's advice. */
	to: string;
}

function prepare(this: IExecuteFunctions, itemIndex: number): SendInput {
	const target = requireOneOf(
		this.getNode(),
		this.getNodeParameter('target', itemIndex, 'pass'),
		'Send To',
		itemIndex,
		['pass', 'template'] as const,
	);
	const body: IDataObject = {
		body: readText(this, this.getNodeParameter('body', itemIndex), 'Message', itemIndex, {
			max: LIMITS.body,
			required: true,
		}),
	};
	const fields = readCollection(this, 'additionalFields', 'Additional Fields', itemIndex, [
		'header',
	]);
	const header = readText(this, fields.header, 'Header', itemIndex, { max: LIMITS.header });
	if (header !== undefined) body.header = header;
	if (target === 'pass') {
		const walletPassId = readWalletPassId(this, itemIndex);
		return {
			path: stempPath('walletpasses', walletPassId, 'notifications'),
			body,
			to: `wallet pass "${walletPassId}"`,
		};
	}
	const templateId = readTemplateId(this, itemIndex);
	return {
		path: stempPath('templates', templateId, 'notifications'),
		body,
		to: `template "${templateId}"`,
	};
}

/** Sent once, never again after a failure the server may have acted on; outputs stemp's delivery log entry. */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: SendInput,
	itemIndex: number,
) {
	return await sendOnce(
		api,
		{ method: 'POST', path: input.path, body: input.body, itemIndex },
		`The message may have been pushed: check Notification > Get Many for the ${input.to.startsWith('template') ? input.to : "pass's template"} before running this item again.`,
	);
}

export const declaration = defineOperation({
	resource: 'notification',
	operation: 'send',
	name: 'Send',
	description:
		'Push a message (up to 1,000 characters, with an optional header) to the customer holding one wallet pass, or to every pass of a template, e.g. "your reward is waiting"; outputs how many passes got it. Never sent twice.',
	action: 'Send a push message',
	properties,
	prepare,
	execute,
	subjectOf: (input: SendInput) => input.path,
});
