import type {
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { maxDeliveryAgeOption, receiveDelivery, recordedActivation } from '../core/webhook';
import { STEMP_CREDENTIAL, stempCredentialTestMethods } from '../Stemp/transport';
import { stempReceiver } from '../Stemp/transport/webhook';

export class StempTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'stemp Trigger',
		name: 'stempTrigger',
		icon: { light: 'file:../Stemp/stemp.svg', dark: 'file:../Stemp/stemp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when stemp reports a completed stamp card or a triggered reward',
		defaults: { name: 'stemp Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: STEMP_CREDENTIAL, required: true, testedBy: 'testStempCredential' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
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
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				description: 'The events that start the workflow; other deliveries are acknowledged and ignored',
				options: [
					{ name: 'All Events', value: '*', description: 'Every event, also ones this node does not know yet' },
					{ name: 'Stamp Card Completed', value: 'stamp.card_completed', description: 'A card reached its last stamp (sent after the reward event)' },
					{ name: 'Stamp Reward Triggered', value: 'stamp.reward_triggered', description: 'A completed card earned its reward' },
				],
			},
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

	// The vendor cannot register webhooks by API: activation is only recorded (see recordedActivation).
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await recordedActivation.checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await recordedActivation.create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await recordedActivation.delete.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, stempReceiver);
	}
}
