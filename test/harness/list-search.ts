/**
 * Calls a node's list search (a resource locator's "From List") the way n8n's editor does: through n8n-core's
 * own LoadOptionsContext, for the parameter at `path`, with the typed filter and n8n's pagination token.
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ILoadOptionsFunctions,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { createAdditionalData, loadPackage, PACKAGE_NAME, PackageNodeTypes } from './engine';

type SearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

export interface ListSearchCall {
	node: string;
	method: string;
	/** The credential type and the values n8n would decrypt for it. */
	credential: [string, ICredentialDataDecryptedObject];
	parameters: INodeParameters;
	/** The parameter the list belongs to, e.g. `parameters.email`. */
	path: string;
	filter?: string;
	paginationToken?: string;
}

/** The node's methods and n8n-core's LoadOptionsContext for the parameter at `call.path`, as the editor makes it. */
async function editorContext(
	call: Omit<ListSearchCall, 'filter' | 'paginationToken'>,
	typeVersion: number,
): Promise<{ nodeType: INodeType; context: LoadOptionsContext }> {
	const loader = await loadPackage();
	const nodeType = loader.getNode(call.node).type as INodeType;
	const [credentialType, values] = call.credential;
	const node: INode = {
		id: 'list-search-node',
		name: 'Node',
		type: `${PACKAGE_NAME}.${call.node}`,
		typeVersion,
		position: [0, 0],
		parameters: call.parameters,
		credentials: {
			[credentialType]: { id: `${credentialType}-id`, name: `${credentialType} account` },
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new PackageNodeTypes(loader),
	});
	const additionalData = createAdditionalData(loader, { [credentialType]: values }, [node], {
		currentNodeParameters: call.parameters,
	});
	return { nodeType, context: new LoadOptionsContext(workflow, node, additionalData, call.path) };
}

export async function listSearch(call: ListSearchCall): Promise<{
	result?: INodeListSearchResult;
	error?: Error & { description?: string; httpCode?: string };
}> {
	const { nodeType, context } = await editorContext(call, 2);
	const method = (nodeType.methods?.listSearch as Record<string, SearchMethod> | undefined)?.[
		call.method
	];
	if (!method) throw new Error(`the node has no list search ${call.method}`);
	try {
		return { result: await method.call(context, call.filter, call.paginationToken) };
	} catch (error) {
		return { error: error as Error & { description?: string; httpCode?: string } };
	}
}

type LoadMethod = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

/** Calls a node's load method (a dropdown's options) the way n8n's editor does, for the parameter at `path`. */
export async function loadOptions(
	call: Omit<ListSearchCall, 'filter' | 'paginationToken'>,
): Promise<{ options?: INodePropertyOptions[]; error?: Error & { description?: string } }> {
	const { nodeType, context } = await editorContext(call, 1);
	const load = (nodeType.methods?.loadOptions as Record<string, LoadMethod> | undefined)?.[
		call.method
	];
	if (!load) throw new Error(`the node has no load method ${call.method}`);
	try {
		return { options: await load.call(context) };
	} catch (error) {
		return { error: error as Error & { description?: string } };
	}
}

/** The parameters n8n gives a node of `typeVersion` with `set` chosen: defaults filled as the editor fills them. */
export function parametersOn(
	nodeType: INodeType,
	typeVersion: number,
	set: INodeParameters,
): INodeParameters {
	return NodeHelpers.getNodeParameters(
		nodeType.description.properties,
		set,
		true,
		false,
		{ typeVersion, parameters: set } as unknown as INode,
		nodeType.description,
	) as INodeParameters;
}
