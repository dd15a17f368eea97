import type {
	IWebhookFunctions,
	IWebhookResponseData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { eventsProperty, receiveDelivery, recordedActivationMethods } from '../core/webhook';
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
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: STAMPED_CREDENTIAL, required: true, testedBy: 'testStampedCredential' }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'Stamped has no API to register webhooks: copy the Production URL above (Webhook URLs) into the Stamped dashboard under Settings > Webhooks, and activate this workflow. The Test URL only listens while the editor waits for a test event.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
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

	// The vendor cannot register webhooks by API: activation is only recorded.
	webhookMethods = recordedActivationMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, stampedReceiver);
	}
}
