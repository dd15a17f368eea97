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
import { STAMPED_CREDENTIAL, stampedCredentialTestMethods } from '../Stamped/transport';
import { STAMPED_EVENTS, stampedReceiver } from './receiver';

export class StampedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stamped Trigger',
		name: 'stampedTrigger',
		icon: { light: 'file:../Stamped/stamped.svg', dark: 'file:../Stamped/stamped.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow when Stamped reports a review, question, NPS answer, checkout comment or loyalty event (points, tier, referral)',
		defaults: { name: 'Stamped Trigger' },
		builderHint: {
			searchHint:
				'Starts a workflow when Stamped.io reports a new review, question, NPS answer or loyalty event through a webhook (the URL is pasted into the Stamped dashboard). Usually followed by the Stamped node (reply to the review, award points) or a chat or e-mail node.',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-stamped-stemp.stamped',
					relationHint: 'Replies to the review or rewards the customer the event names',
				},
				{
					nodeType: 'n8n-nodes-stamped-stemp.stampedPollingTrigger',
					relationHint: 'Use instead when n8n has no public URL for webhooks',
				},
			],
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: STAMPED_CREDENTIAL, required: true, testedBy: 'testStampedCredential' }],
		webhooks: [deliveryWebhook],
		// The panel n8n shows while the node waits for a test event, and after activation.
		triggerPanel: {
			header: 'Send a test event from Stamped',
			executionsHelp: {
				inactive:
					'<b>Connect Stamped once:</b> in the Stamped dashboard, under Settings &gt; Webhooks, add the <b>Production URL</b> from Webhook URLs above for the topics you want. Type a secret there, and the same value as <b>Webhook Secret</b> in this node\'s Stamped API credential: deliveries without it are then refused with 401.<br /><br /><b>While building</b>, click <b>Execute step</b> (<i>Listen for test event</i> in n8n 1.x), put the <b>Test URL</b> in Stamped instead and send a test delivery (or write a test review). It shows up here as one item: what Stamped sent, plus <code>event</code> (e.g. review.created), <code>topic</code> (the X-Stamped-Topic header) and <code>verified</code> (whether the secret was checked). Stamped gets the answer <code>{"received": true, "started": true}</code>.<br /><br /><b>Then activate the workflow</b> with the Production URL back in Stamped. Its executions show up in the <a data-key="executions">executions list</a>, but not in the editor.',
				active:
					'<b>This workflow is active:</b> every Stamped delivery to the <b>Production URL</b> (Stamped dashboard, Settings &gt; Webhooks) of a selected event starts it; its executions show up in the <a data-key="executions">executions list</a>. Other events and repeated deliveries are answered with <code>{"received": true, "started": false}</code>, and deliveries without the credential\'s Webhook Secret are refused with 401.<br /><br /><b>To test a change</b>, click <b>Execute step</b> (<i>Listen for test event</i> in n8n 1.x) and send a test delivery to the <b>Test URL</b>.',
			},
			activationHint:
				"Paste the Production URL (Webhook URLs, in the parameters) into the Stamped dashboard under Settings > Webhooks, and the secret you type there into the credential's Webhook Secret; then activate the workflow.",
		},
		activationMessage:
			'Deliveries from Stamped to the Production URL now start this workflow. Check that the Production URL (not the Test URL) is saved under Settings > Webhooks in the Stamped dashboard.',
		properties: [
			{
				displayName:
					"Type a secret into Stamped's webhook settings and the same value as Webhook Secret in the credential. Without it anyone who learns the URL can send this workflow events; with it, deliveries that do not carry it are refused with 401.",
				name: 'secretNotice',
				type: 'notice',
				default: '',
			},
			eventsProperty(STAMPED_EVENTS),
		],
	};

	methods = stampedCredentialTestMethods;

	// n8n's lint (webhook-lifecycle-complete) asks webhook triggers to register themselves: checkExists, create
	// and delete are here, but Stamped has no API to register webhooks (the merchant pastes the URL into Settings >
	// Webhooks), so they only record the activation, and registration stays manual.
	webhookMethods = recordedActivationMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, stampedReceiver);
	}
}
