import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { pollNewRecords } from './watermark';
import { requireInteger, requireText } from '../core/validation';
import {
	openStampedApi,
	STAMPED_CREDENTIAL,
	stampedCredentialTestMethods,
} from '../Stamped/transport';
import { requireVersion } from '../Stamped/transport/version';
import type { ReviewFilters } from './sources';
import { POLL_EVENTS } from './sources';

export class StampedPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stamped Polling Trigger',
		name: 'stampedPollingTrigger',
		icon: { light: 'file:../Stamped/stamped.svg', dark: 'file:../Stamped/stamped.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when Stamped has new reviews or new loyalty ledger entries, by asking Stamped on a schedule (no webhook or public URL needed)',
		defaults: { name: 'Stamped Polling Trigger' },
		builderHint: {
			searchHint:
				'Starts a workflow when Stamped.io has new reviews or new loyalty ledger entries, by asking Stamped on a schedule; needs no public URL. Usually followed by the Stamped node (reply to the review) or a chat or e-mail node.',
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-stamped-stemp.stamped',
					relationHint: 'Replies to the new review or rewards its customer',
				},
				{
					nodeType: 'n8n-nodes-stamped-stemp.stampedTrigger',
					relationHint: 'Use instead for instant events when n8n has a public URL',
				},
			],
		},
		triggerPanel: {
			header: 'Fetch a test event from Stamped',
			executionsHelp: {
				inactive:
					'<b>While building</b>, click <b>Fetch Test Event</b>: the node asks Stamped once and shows the newest matching record (a review, or a loyalty ledger entry), as the workflow will receive it.<br /><br /><b>Then activate the workflow.</b> Activation only notes the newest record and starts nothing. From then on the node asks Stamped at the <b>Poll Times</b> below (every minute unless you change them), and every record newer than the last one seen starts the workflow once, oldest first. Its executions show up in the <a data-key="executions">executions list</a>, but not in the editor.',
				active:
					'<b>This workflow is active:</b> the node asks Stamped at the <b>Poll Times</b> below, so the next check is at the next of those times; every record newer than the last one seen starts the workflow once, oldest first. Its executions show up in the <a data-key="executions">executions list</a>.<br /><br /><b>To test a change</b>, click <b>Fetch Test Event</b>.',
			},
			activationHint:
				'Once you have finished building the workflow, activate it to have Stamped checked at the Poll Times below; the first check only notes the newest record.',
		},
		activationMessage:
			'The workflow now asks Stamped for new records at the Poll Times you set (every minute unless changed). The first check only notes the newest record; records after it start the workflow, oldest first.',
		// n8n gives every polling node its standard Poll Times parameter (`pollTimes`) when it loads the package, so it
		// is not declared here: declared twice, the panel would show it twice.
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: STAMPED_CREDENTIAL, required: true, testedBy: 'testStampedCredential' }],
		properties: [
			{
				displayName:
					'Asks Stamped for new records at the Poll Times set above. When the workflow is activated it only notes the newest record and starts nothing: every record after that starts the workflow once, oldest first.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'review.created',
				description:
					'What starts the workflow; each event needs a credential for the API version named',
				options: POLL_EVENTS.map(({ name, value, description }) => ({ name, value, description })),
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: { show: { event: ['review.created'] } },
				options: [
					{
						displayName: 'Minimum Rating',
						name: 'minRating',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 5 },
						default: 1,
						description: 'Only reviews with at least this many stars (1–5)',
					},
					{
						displayName: 'Product ID',
						name: 'productId',
						type: 'string',
						default: '',
						description: "Only reviews of this product (the shop platform's product ID)",
					},
				],
			},
		],
	};

	methods = stampedCredentialTestMethods;

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const value = this.getNodeParameter('event') as string;
		const event = POLL_EVENTS.find((candidate) => candidate.value === value);
		if (!event) throw new NodeOperationError(this.getNode(), `Unknown event "${value}"`);
		const credentials = await this.getCredentials(STAMPED_CREDENTIAL);
		requireVersion(this.getNode(), credentials, event.version, {
			what: `The event "${event.name}" is served`,
			instead: 'choose another event',
		});
		const filters = event.value === 'review.created' ? readFilters(this) : {};
		const api = await openStampedApi(this, credentials);
		return await pollNewRecords(this, event.source(this, api, filters));
	}
}

function readFilters(ctx: IPollFunctions): ReviewFilters {
	const raw = ctx.getNodeParameter('filters', {}) as { minRating?: unknown; productId?: unknown };
	const filters: ReviewFilters = {};
	if (raw.minRating !== undefined && raw.minRating !== '') {
		filters.minRating = requireInteger(ctx.getNode(), raw.minRating, 'Minimum Rating', 0, {
			min: 1,
			max: 5,
		});
	}
	if (raw.productId !== undefined && raw.productId !== '') {
		filters.productId = requireText(ctx.getNode(), raw.productId, 'Product ID', 0);
	}
	return filters;
}
