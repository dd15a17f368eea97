/**
 * Drives a trigger node's webhook the way n8n's webhook server does: n8n-core's WebhookContext over an
 * express-like request that carries the raw body, the node's static data kept between deliveries (n8n saves
 * it with the workflow), and the lifecycle methods n8n calls on activation.
 */
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	IWebhookData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { PACKAGE_NAME, PackageNodeTypes, createAdditionalData, loadPackage } from './engine';

export interface Delivery {
	/** Sent byte for byte; an object is serialised with JSON.stringify. */
	body: string | Buffer | IDataObject;
	headers?: Record<string, string>;
}

export interface DeliveryResult {
	status: number;
	response: unknown;
	/** The answer's content type as n8n's webhook server would send it (express: `json` or `send` of a text). */
	contentType: string;
	/** The items the workflow was started with; undefined when no execution started. */
	items?: IDataObject[];
}

class CapturedResponse {
	statusCode = 200;
	body: unknown;
	contentType = '';

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	json(body: unknown) {
		this.body = body;
		this.contentType = 'application/json';
		return this;
	}

	send(body: unknown) {
		this.body = body;
		this.contentType = typeof body === 'string' ? 'text/html' : 'application/json';
		return this;
	}

	end() {
		return this;
	}
}

let workflowCount = 0;

export interface TriggerOptions {
	/** The node's version as a saved workflow records it; 1 unless given. */
	typeVersion?: number;
	/** n8n's production webhook base URL (what WEBHOOK_URL sets), e.g. `https://n8n.example.com/webhook`. */
	webhookBaseUrl?: string;
}

export class TriggerUnderTest {
	/** The node's static data as n8n would have saved it after the last delivery. */
	staticData: IDataObject = {};

	/** Each instance is its own workflow, unless a test hands over the id (same workflow, e.g. after a restart). */
	workflowId = `trigger-workflow-${++workflowCount}`;

	constructor(
		private readonly type: string,
		private readonly parameters: INodeParameters,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
		private readonly mode: WorkflowExecuteMode = 'webhook',
		private readonly options: TriggerOptions = {},
	) {}

	/** The node's own part of the static data (n8n keys it by node name). */
	get nodeStaticData(): IDataObject {
		return (this.staticData['node:Trigger'] ?? {}) as IDataObject;
	}

	private node(nodeType: INodeType): INode {
		return {
			id: 'trigger-under-test',
			name: 'Trigger',
			type: `${PACKAGE_NAME}.${this.type}`,
			typeVersion: this.options.typeVersion ?? 1,
			position: [0, 0],
			parameters: this.parameters,
			webhookId: 'f2c1a7d0-0000-4000-8000-000000000001',
			credentials: Object.fromEntries(
				(nodeType.description.credentials ?? []).map(({ name }) => [
					name,
					{ id: `${name}-id`, name },
				]),
			),
		};
	}

	private async setUp() {
		const loader = await loadPackage();
		const nodeType = loader.getNode(this.type).type as INodeType;
		const node = this.node(nodeType);
		const workflow = new Workflow({
			id: this.workflowId,
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: new PackageNodeTypes(loader),
			staticData: JSON.parse(JSON.stringify(this.staticData)),
			settings: { executionOrder: 'v1' },
		});
		const keep = () => {
			this.staticData = JSON.parse(JSON.stringify(workflow.staticData));
		};
		const webhookData = (
			additionalData: IWebhookData['workflowExecuteAdditionalData'],
		): IWebhookData => ({
			httpMethod: 'POST',
			node: node.name,
			path: 'webhook',
			webhookDescription: nodeType.description.webhooks![0],
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		});
		return { loader, nodeType, node, workflow, keep, webhookData };
	}

	async deliver(delivery: Delivery): Promise<DeliveryResult> {
		const { loader, nodeType, node, workflow, keep, webhookData } = await this.setUp();
		const raw = Buffer.isBuffer(delivery.body)
			? delivery.body
			: Buffer.from(
					typeof delivery.body === 'string' ? delivery.body : JSON.stringify(delivery.body),
					'utf8',
				);
		let parsed: unknown = {};
		try {
			parsed = JSON.parse(raw.toString('utf8'));
		} catch {
			parsed = {};
		}
		const headers = Object.fromEntries(
			Object.entries({ 'content-type': 'application/json', ...delivery.headers }).map(
				([name, value]) => [name.toLowerCase(), value],
			),
		);
		const request = { headers, body: parsed, rawBody: raw, params: {}, query: {}, method: 'POST' };
		const response = new CapturedResponse();
		const additionalData = createAdditionalData(loader, this.credentials, [node], {
			...this.urls(),
			httpRequest: request as never,
			httpResponse: response as never,
		});
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			this.mode,
			webhookData(additionalData),
			[],
			null,
		);
		const result = await nodeType.webhook!.call(context);
		keep();
		if (result.noWebhookResponse)
			return {
				status: response.statusCode,
				response: response.body,
				contentType: response.contentType,
			};
		const items = result.workflowData?.[0]?.map((item) => item.json);
		// With responseMode "onReceived" n8n answers 200 once the execution has started, with the body n8n's
		// webhook helpers pick (extractWebhookOnReceivedResponse in n8n 1.x and 2.x): the description's
		// responseData, which defaults to the text "firstEntryJson" when undeclared; when declared empty, the
		// node's webhookResponse; else {message: 'Workflow was started'}. A text is sent as text, else JSON.
		const declared = nodeType.description.webhooks![0].responseData;
		const chosen =
			declared === undefined
				? 'firstEntryJson'
				: declared === 'noData'
					? undefined
					: declared || (result.webhookResponse ?? { message: 'Workflow was started' });
		return {
			status: 200,
			response: chosen,
			contentType: typeof chosen === 'string' ? 'text/html' : 'application/json',
			items,
		};
	}

	private urls() {
		return this.options.webhookBaseUrl ? { webhookBaseUrl: this.options.webhookBaseUrl } : {};
	}

	/** Runs the webhook lifecycle method n8n calls on activation (`create`) or deactivation (`delete`). */
	async lifecycle(method: 'checkExists' | 'create' | 'delete'): Promise<boolean> {
		const { loader, nodeType, node, workflow, keep, webhookData } = await this.setUp();
		const additionalData = createAdditionalData(loader, this.credentials, [node], this.urls());
		const context = new HookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			'activate',
			webhookData(additionalData),
		);
		const result = await nodeType.webhookMethods!.default![method]!.call(context);
		keep();
		return result;
	}
}

// The built module the loaded nodes use (types from the source).
const builtWebhookCore =
	require('../../dist/nodes/core/webhook') as typeof import('../../nodes/core/webhook');

/** How long and how many deliveries the triggers remember; tests may shrink it. */
export const deliveryMemory = builtWebhookCore.deliveryMemory;

/** Forgets the deliveries this process has seen, as a restart of n8n would; static data stays. */
export function restartProcess(): void {
	builtWebhookCore.forgetDeliveriesSeenInProcess();
}
