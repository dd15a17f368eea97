import type {
	IWebhookFunctions,
	IWebhookResponseData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	eventsProperty,
	maxDeliveryAgeOption,
	receiveDelivery,
	recordedActivationMethods,
} from '../core/webhook';
import { STEMP_CREDENTIAL, stempCredentialTestMethods } from '../Stemp/transport';
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
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: STEMP_CREDENTIAL, required: true, testedBy: 'testStempCredential' }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'stemp has no API to register webhooks: copy the Production URL above (Webhook URLs) into the stemp developer portal as a webhook endpoint, and activate this workflow. The Test URL only listens while the editor waits for a test event.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
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
