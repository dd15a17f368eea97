/**
 * Runs the built package inside n8n's real execution engine (n8n-core's WorkflowExecute), the way n8n loads a
 * community package: nodes and credentials come from package.json's `n8n` field via PackageDirectoryLoader,
 * parameters and expressions are resolved by the engine, and credentials are applied by their `authenticate`.
 * Only the database and the HTTP server of n8n are left out.
 */
import path from 'node:path';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-stamped-stemp';

let loaded: Promise<PackageDirectoryLoader> | undefined;

/** The package as n8n loads it: from the built files that package.json's `n8n` field lists. */
export function loadPackage(): Promise<PackageDirectoryLoader> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		return loader;
	})();
	return loaded;
}

/** A pass-through start node: it emits the items the test feeds in, so the node under test gets real input. */
class HarnessInput implements INodeType {
	description = {
		displayName: 'Input',
		name: 'harnessInput',
		group: ['input'],
		version: 1,
		description: 'Feeds test items',
		defaults: { name: 'Input' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export class PackageNodeTypes implements INodeTypes {
	private readonly input = new HarnessInput();

	constructor(private readonly loader: PackageDirectoryLoader) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		if (type === 'harnessInput') return this.input;
		return this.loader.getNode(type.replace(`${PACKAGE_NAME}.`, '')).type;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/**
 * Stands in for n8n's CredentialsHelper: it hands out the test's credential values (with the credential
 * type's defaults filled in, as n8n does) and applies `authenticate` the way n8n's own helper does,
 * resolving `{{$credentials...}}` expressions through the workflow's expression engine.
 */
class TestCredentialsHelper extends ICredentialsHelper {
	/** How often a node asked n8n for a credential's decrypted values (n8n reads its database each time). */
	reads = 0;

	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly values: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		return this.loader.getCredential(name).type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function')
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		if (authenticate?.type !== 'generic' || !workflow || !node)
			return requestOptions as IHttpRequestOptions;

		const resolve = (value: string): string => {
			if (!value.startsWith('=')) return value;
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			return resolved ? String(resolved) : '';
		};
		const target = requestOptions as unknown as Record<string, Record<string, string>>;
		for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
			target[outerKey] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				target[outerKey][resolve(key)] = resolve(value);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		return withCredentialDefaults(this.type(type), this.values[type] ?? {});
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

/**
 * A credential's values as n8n hands them to nodes (CredentialsHelper.applyDefaultsAndOverwrites): defaults
 * filled in and fields hidden by their display options left out. Of properties sharing a name (one per
 * variant, e.g. a Base URL per API version), the one displayed supplies the default.
 */
export function withCredentialDefaults(
	type: ICredentialType,
	values: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	return NodeHelpers.getNodeParameters(
		type.properties,
		values as INodeParameters,
		true,
		false,
		null,
		null,
	) as ICredentialDataDecryptedObject;
}

/** Every line written to n8n's logger during the tests, the nodes' own debug lines included. */
export const logLines: string[] = [];

function record(level: string) {
	return (message: string, meta?: object) => {
		logLines.push(`${level}: ${message}${meta ? ' ' + JSON.stringify(meta) : ''}`);
	};
}

const captureLogger = {
	error: record('error'),
	warn: record('warn'),
	info: record('info'),
	debug: record('debug'),
	scoped: () => captureLogger,
} as unknown as Logger;
// Installed before n8n-core resolves its logger, so every context's `this.logger` writes here.
Container.set(Logger, captureLogger);

/**
 * What n8n hands every node context: the credentials helper, lifecycle hooks and URLs. A plain object with
 * only what the engine uses, so that nothing unknown answers with something truthy.
 */
export function createAdditionalData(
	loader: PackageDirectoryLoader,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	nodes: INode[],
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks('manual', 'harness-execution', {
		id: 'harness',
		name: 'Harness',
		active: false,
		nodes,
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
	} as never);
	return {
		credentialsHelper: new TestCredentialsHelper(loader, credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not part of these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'harness-user',
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface RunOptions {
	/** The node type's short name, e.g. `stemp`. */
	type: string;
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Items fed into the node; one empty item by default. */
	input?: IDataObject[];
	continueOnFail?: boolean;
	/** The node's version as a saved workflow records it; 1 (the plain fields) unless given. */
	typeVersion?: number;
}

export interface RunResult {
	/** The node's first output. */
	items: INodeExecutionData[];
	/** The error that stopped the node, if any. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string };
	run: IRun;
	/** How often the node had n8n read a credential (in a real n8n, a database query each time). */
	credentialReads: number;
	/** The execution hints the node left for the output pane. */
	hints: Array<{ message: string; type?: string }>;
}

export async function runNode(options: RunOptions): Promise<RunResult> {
	const loader = await loadPackage();
	const nodeTypes = new PackageNodeTypes(loader);
	const typeName = `${PACKAGE_NAME}.${options.type}`;
	const credentialNames =
		(loader.getNode(options.type).type as INodeType).description.credentials ?? [];

	const nodeUnderTest: INode = {
		id: 'node-under-test',
		name: 'Node',
		type: typeName,
		typeVersion: options.typeVersion ?? 1,
		position: [200, 0],
		parameters: options.parameters,
		continueOnFail: options.continueOnFail,
		credentials: Object.fromEntries(
			credentialNames.map(({ name }) => [name, { id: `${name}-id`, name: `${name} account` }]),
		),
	};
	const inputNode: INode = {
		id: 'input',
		name: 'Input',
		type: 'harnessInput',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		id: 'harness',
		name: 'Harness',
		nodes: [inputNode, nodeUnderTest],
		connections: { Input: { main: [[{ node: 'Node', type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});

	const additionalData = createAdditionalData(loader, options.credentials ?? {}, [
		inputNode,
		nodeUnderTest,
	]);

	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: inputNode, data: { main: [input] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	const credentialsHelper = additionalData.credentialsHelper as TestCredentialsHelper;
	let run: IRun;
	try {
		run = await new WorkflowExecute(
			additionalData,
			'manual',
			runExecutionData,
		).processRunExecutionData(workflow);
	} catch (error) {
		// n8n refuses to start a workflow whose node has issues (a required parameter left empty).
		return {
			items: [],
			error: error as RunResult['error'],
			run: undefined as unknown as IRun,
			credentialReads: credentialsHelper.reads,
			hints: [],
		};
	}
	const task = run.data.resultData.runData.Node?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		error: (task?.error ?? run.data.resultData.error) as RunResult['error'],
		run,
		credentialReads: credentialsHelper.reads,
		hints: (task?.hints ?? []) as RunResult['hints'],
	};
}
