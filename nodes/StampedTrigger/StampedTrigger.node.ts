import type {
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { receiveDelivery, recordedActivation } from '../core/webhook';
import { STAMPED_CREDENTIAL, stampedCredentialTestMethods } from '../Stamped/transport';
import { stampedReceiver } from '../Stamped/transport/webhook';

export class StampedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stamped Trigger',
		name: 'stampedTrigger',
		icon: { light: 'file:../Stamped/stamped.svg', dark: 'file:../Stamped/stamped.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when Stamped reports a review or a loyalty event (points, tier change)',
		defaults: { name: 'Stamped Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: STAMPED_CREDENTIAL, required: true, testedBy: 'testStampedCredential' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
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
					'Type a secret into Stamped\'s webhook settings and the same value as Webhook Secret in the credential. Without it anyone who learns the URL can send this workflow events; with it, deliveries that do not carry it are refused with 401.',
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
					{ name: 'All Events', value: '*', description: 'Every event, also ones this node does not know' },
					{ name: 'Loyalty Points Earned', value: 'loyalty.points_earned', description: 'A customer earned points (topic "Rewards Earned")' },
					{ name: 'Loyalty Points Redeemed', value: 'loyalty.points_redeemed', description: 'A customer spent points (topic "Rewards Spent")' },
					{ name: 'Loyalty Tier Changed', value: 'loyalty.tier_changed', description: 'A customer moved to another tier (topic "Rewards VIP")' },
					{ name: 'Review Created', value: 'review.created', description: 'A review was written (topic "Reviews")' },
					{ name: 'Review Published', value: 'review.published', description: 'A review was published' },
					{ name: 'Review Updated', value: 'review.updated', description: 'A review was changed' },
				],
			},
		],
	};

	methods = stampedCredentialTestMethods;

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
		return await receiveDelivery(this, stampedReceiver);
	}
}
