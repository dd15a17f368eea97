import type {
	IWebhookFunctions,
	IWebhookResponseData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	deliveryWebhook,
	eventsProperty,
	receiveDelivery,
	recordedActivationMethods,
} from '../core/webhook';
import { STEMP_CREDENTIAL, stempCredentialTestMethods } from '../Stemp/transport';
import { maxDeliveryAgeOption } from './deliveryAge';
import { STEMP_EVENTS, stempReceiver } from './receiver';

export class StempTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'stemp Trigger',
		name: 'stempTrigger',
		icon: { light: 'file:../Stemp/stemp.svg', dark: 'file:../Stemp/stemp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow when stemp reports a user, wallet pass or stamp event (created, updated, deleted, reward triggered, card completed)',
		defaults: { name: 'stemp Trigger' },
		builderHint: {
			searchHint:
				'Starts a workflow when stemp reports a wallet pass, stamp or user event through a signed webhook, e.g. a stamp card was completed. Usually followed by the stemp node (read or reset the card) or a shop, e-mail or CRM node that hands out the reward.',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-stamped-stemp.stemp',
					relationHint: 'Reads, adds or resets the stamps of the pass the event names',
				},
			],
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: STEMP_CREDENTIAL, required: true, testedBy: 'testStempCredential' }],
		webhooks: [deliveryWebhook],
		// The panel n8n shows while the node waits for a test event, and after activation.
		triggerPanel: {
			header: 'Send a test event from stemp',
			executionsHelp: {
				inactive:
					'<b>Connect stemp once:</b> in the stemp developer portal, add the <b>Production URL</b> from Webhook URLs above as a webhook endpoint. Copy the endpoint\'s signing secret from the portal into <b>Webhook Signing Secret</b> in this node\'s stemp API credential: deliveries without a valid X-Stemp-Signature are then refused with 401.<br /><br /><b>While building</b>, click <b>Execute step</b> (<i>Listen for test event</i> in n8n 1.x), add the <b>Test URL</b> as an endpoint and send a test event (or scan a test pass). It shows up here as one item: stemp\'s envelope (<code>id</code>, <code>type</code>, <code>timestamp</code>, <code>data</code>) with the fields of <code>data</code> at the top, plus <code>event</code> (e.g. stamp.created), <code>deliveryId</code> and <code>verified</code>. stemp gets the answer <code>{"received": true, "started": true}</code>.<br /><br /><b>Then activate the workflow</b> with the Production URL as the endpoint. Its executions show up in the <a data-key="executions">executions list</a>, but not in the editor.',
				active:
					'<b>This workflow is active:</b> every stemp delivery to the <b>Production URL</b> of a selected event starts it; its executions show up in the <a data-key="executions">executions list</a>. Other events and retries of a delivery already received are answered with <code>{"received": true, "started": false}</code>, and deliveries without a valid signature are refused with 401.<br /><br /><b>To test a change</b>, click <b>Execute step</b> (<i>Listen for test event</i> in n8n 1.x) and send a test event to the <b>Test URL</b>.',
			},
			activationHint:
				"Paste the Production URL (Webhook URLs, in the parameters) into the stemp developer portal as a webhook endpoint, and the endpoint's signing secret into the credential's Webhook Signing Secret; then activate the workflow.",
		},
		activationMessage:
			'Deliveries from stemp to the Production URL now start this workflow. Check that the Production URL (not the Test URL) is the webhook endpoint in the stemp developer portal.',
		properties: [
			{
				displayName:
					'Set a Webhook Signing Secret in the credential. Without it anyone who learns the URL can send this workflow events; with it, deliveries without a valid X-Stemp-Signature, or older than the Maximum Delivery Age, are refused with 401. The event and the delivery ID are read from the signed body, never from the unsigned X-Stemp-Event and X-Stemp-Delivery headers.',
				name: 'secretNotice',
				type: 'notice',
				default: '',
			},
			eventsProperty(STEMP_EVENTS),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				description: 'How deliveries are checked',
				options: [maxDeliveryAgeOption],
			},
		],
	};

	methods = stempCredentialTestMethods;

	// The vendor cannot register webhooks by API: activation is only recorded.
	webhookMethods = recordedActivationMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, stempReceiver);
	}
}
