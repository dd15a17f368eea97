import type {
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	answer,
	deliveryWebhook,
	eventsProperty,
	receiveDelivery,
	recordedActivationMethods,
} from '../core/webhook';
import { STEMP_CREDENTIAL, stempCredentialTestMethods } from '../Stemp/transport';
import { maxDeliveryAgeOption } from './deliveryAge';
import { STEMP_EVENTS, stempReceiver } from './receiver';
import {
	checkExists,
	create,
	endpointSecretOf,
	eventTypeOptions,
	registrationOf,
	remove,
} from './registration';

const onVersion = (versions: number[]) => ({ show: { '@version': versions } });

/** Node version 1 kept the Events a fixed list; version 2 adds the event types stemp lists. */
const documentedEvents = eventsProperty(STEMP_EVENTS);

export class StempTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'stemp Trigger',
		name: 'stempTrigger',
		icon: { light: 'file:../Stemp/stemp.svg', dark: 'file:../Stemp/stemp.dark.svg' },
		group: ['trigger'],
		// Version 2 registers itself in stemp by default; saved version-1 triggers keep manual registration.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow when stemp reports a user, wallet pass, stamp or points event (created, updated, deleted, reward triggered, card completed); registers its webhook in stemp by itself',
		defaults: { name: 'stemp Trigger' },
		builderHint: {
			searchHint:
				'Starts a workflow when stemp reports a wallet pass, stamp, points or user event through a signed webhook, e.g. a stamp card was completed; on activation it creates its webhook endpoint in stemp. Usually followed by the stemp node (claim the reward, push a message) or a shop, e-mail or CRM node.',
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
					'<b>Registration: Automatic</b> (new triggers): activating the workflow creates the webhook endpoint in stemp for the <b>Production URL</b> and the chosen events, and keeps its signing secret; deactivating deletes it. stemp accepts only https URLs, so n8n must be reached over https (set <code>WEBHOOK_URL</code>, in n8n 2.x <code>N8N_WEBHOOK_URL</code>). While you click <b>Execute step</b> (<i>Listen for test event</i> in n8n 1.x) an endpoint for the <b>Test URL</b> is registered the same way.<br /><br /><b>Registration: Manual</b>: in the stemp developer portal add the Production URL as a webhook endpoint and copy its signing secret into <b>Webhook Signing Secret</b> in the stemp API credential.<br /><br />A delivery shows up as one item: stemp\'s envelope (<code>id</code>, <code>type</code>, <code>timestamp</code>, <code>data</code>) with the fields of <code>data</code> at the top, plus <code>event</code>, <code>deliveryId</code> and <code>verified</code>; stemp gets the answer <code>{"received": true, "started": true}</code>. Executions of the active workflow show up in the <a data-key="executions">executions list</a>.',
				active:
					'<b>This workflow is active:</b> every stemp delivery to the <b>Production URL</b> of a selected event starts it; its executions show up in the <a data-key="executions">executions list</a>. Other events and retries of a delivery already received are answered with <code>{"received": true, "started": false}</code>, and deliveries without a valid signature are refused with 401.<br /><br /><b>To test a change</b>, click <b>Execute step</b> (<i>Listen for test event</i> in n8n 1.x) and send a test event to the <b>Test URL</b>.',
			},
			activationHint:
				'With Registration: Automatic, activating the workflow registers the Production URL in stemp (n8n must be reached over https). With Manual, paste the Production URL into the stemp developer portal as a webhook endpoint, and its signing secret into the credential (Webhook Signing Secret).',
		},
		activationMessage:
			'Deliveries from stemp to the Production URL now start this workflow. With Registration: Automatic the endpoint is registered in stemp; with Manual, check that the Production URL is the webhook endpoint in the stemp developer portal.',
		properties: [
			...(['automatic', 'manual'] as const).map((fallback) => ({
				displayName: 'Registration',
				name: 'registration',
				type: 'options' as const,
				noDataExpression: true,
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description:
							'Activating the workflow creates the webhook endpoint in stemp (n8n must be reached over https); deactivating deletes it',
					},
					{
						name: 'Manual',
						value: 'manual',
						description:
							"You add the Production URL in the stemp developer portal and put the endpoint's signing secret into the credential",
					},
				],
				default: fallback,
				description: 'How stemp learns where to send the events',
				displayOptions: onVersion(fallback === 'automatic' ? [2] : [1]),
			})),
			{
				displayName:
					"Activating the workflow creates a webhook endpoint in stemp for its Production URL and keeps the endpoint's signing secret; deliveries are verified with it (the credential's Webhook Signing Secret is not used). stemp accepts only https URLs: if n8n is reached over http, set WEBHOOK_URL (N8N_WEBHOOK_URL in n8n 2.x) to its public https address.",
				name: 'automaticNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['automatic'] } },
			},
			{
				displayName:
					"Deliveries are verified with the credential's Webhook Signing Secret: the endpoint's secret from the stemp developer portal. Deliveries without a valid X-Stemp-Signature, or older than the Maximum Delivery Age, are refused with 401; if the credential has no secret, every delivery is accepted and marked verified: false. The event and the delivery ID are read from the signed body, never from the unsigned X-Stemp-Event and X-Stemp-Delivery headers.",
				name: 'secretNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{ ...documentedEvents, displayOptions: onVersion([1]) },
			{
				displayName: 'Event Names or IDs',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				typeOptions: { loadOptionsMethod: 'getEventTypes' },
				description:
					'The events that start the workflow: the ones stemp documents and every type it lists; other deliveries are acknowledged and ignored. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				displayOptions: onVersion([2]),
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

	methods = {
		...stempCredentialTestMethods,
		loadOptions: {
			// The documented events and every event type stemp lists (GET webhooks/event-types).
			async getEventTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return await eventTypeOptions(this, STEMP_EVENTS);
			},
		},
	};

	// Automatic registration runs stemp's webhook API (registration.ts); manual records activation only.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (registrationOf(this) === 'manual')
					return await recordedActivationMethods.default.checkExists.call(this);
				return await checkExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (registrationOf(this) === 'manual')
					return await recordedActivationMethods.default.create.call(this);
				return await create(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (registrationOf(this) === 'manual')
					return await recordedActivationMethods.default.delete.call(this);
				return await remove(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const automatic = registrationOf(this) === 'automatic';
		if (automatic && !endpointSecretOf(this)) {
			// Registered automatically, yet no endpoint secret kept (and none in the credential): nothing to
			// verify deliveries with, so none is accepted unverified.
			const credentials = await this.getCredentials(STEMP_CREDENTIAL);
			if (!credentials[stempReceiver.secretField]) {
				this.logger.warn(
					'stemp Trigger refused a delivery: it holds no signing secret of a registered endpoint',
				);
				return answer(this, 401, {
					received: false,
					started: false,
					error:
						'This trigger has not registered its webhook endpoint in stemp: deactivate and activate the workflow',
				});
			}
		}
		const selected = (this.getNodeParameter('events', []) as unknown[]).filter(
			(event): event is string => typeof event === 'string',
		);
		return await receiveDelivery(this, {
			...stempReceiver,
			// Event types stemp lists beyond the documented ones pass when they are selected.
			knownEvents: [...new Set([...stempReceiver.knownEvents, ...selected])],
			// Registered automatically: the endpoint's own secret, else the credential's.
			...(automatic ? { secretOf: endpointSecretOf } : {}),
		});
	}
}
