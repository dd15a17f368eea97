/**
 * Drives a polling trigger the way n8n's poll scheduler does: n8n-core's PollContext over the loaded (built)
 * node, the workflow's static data kept between polls as n8n keeps it in the active workflow and saves it
 * after each poll, and the mode n8n uses for activated polls ("trigger") or "Fetch Test Event" ("manual").
 */
import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { PACKAGE_NAME, PackageNodeTypes, createAdditionalData, loadPackage } from './engine';

export interface PollOptions {
	mode?: WorkflowExecuteMode;
	/** What the node's `getPollBudgetMs()` answers (n8n's default is five minutes). */
	budgetMs?: number;
}

let workflowCount = 0;

export class PollerUnderTest {
	/** The workflow's static data as n8n would have saved it after the last poll. */
	staticData: IDataObject = {};
	readonly workflowId = `poll-workflow-${++workflowCount}`;

	constructor(
		private readonly type: string,
		private readonly parameters: INodeParameters,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
	) {}

	/** The node's own part of the static data (n8n keys it by node name). */
	get nodeStaticData(): IDataObject {
		return (this.staticData['node:Poller'] ?? {}) as IDataObject;
	}

	/** One poll: the items it returned (undefined for null). What it left in the static data is kept even when it throws, as n8n keeps the active workflow in memory. */
	async poll({ mode = 'trigger', budgetMs = 5 * 60_000 }: PollOptions = {}): Promise<
		IDataObject[] | undefined
	> {
		const loader = await loadPackage();
		const nodeType = loader.getNode(this.type).type as INodeType;
		const node: INode = {
			id: 'poller-under-test',
			name: 'Poller',
			type: `${PACKAGE_NAME}.${this.type}`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...this.parameters },
			credentials: Object.fromEntries(
				(nodeType.description.credentials ?? []).map(({ name }) => [
					name,
					{ id: `${name}-id`, name },
				]),
			),
		};
		const workflow = new Workflow({
			id: this.workflowId,
			nodes: [node],
			connections: {},
			active: mode !== 'manual',
			nodeTypes: new PackageNodeTypes(loader),
			staticData: JSON.parse(JSON.stringify(this.staticData)),
			settings: { executionOrder: 'v1' },
		});
		const additionalData = createAdditionalData(loader, this.credentials, [node]);
		const unexpected = () => {
			throw new Error('a node must return its items from poll(), not emit them');
		};
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			unexpected,
			unexpected,
			undefined,
			undefined,
			undefined,
			() => budgetMs,
		);
		try {
			const result = await nodeType.poll!.call(context);
			return result?.[0]?.map((item) => item.json);
		} finally {
			this.staticData = JSON.parse(JSON.stringify(workflow.staticData));
		}
	}
}
