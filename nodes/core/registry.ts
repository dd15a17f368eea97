import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { Operation } from './operation';

/**
 * One operation of an action node, declared whole in its own file: where it sits in the node (resource and
 * operation), which API versions offer it, how the editor shows it, and how it checks and runs an item.
 * Everything else (the Resource and Operation selectors, the router, the tests' list of offered operations and
 * the README's tables) is derived from the set of declared operations.
 */
interface OperationDeclaration<Input = unknown, Api = unknown> extends Operation<Input, Api> {
	resource: string;
	/** The `operation` parameter's value, stored in saved workflows. */
	operation: string;
	/** The API versions that offer it; omitted on nodes whose vendor has one API. */
	versions?: readonly string[];
	/** The Operation selector's entry: its name, a sentence for the panel (and AI agents), and the action title. */
	name: string;
	description: string;
	action: string;
	/** The parameters shown for this operation; the registry adds the resource and operation display options. */
	properties: INodeProperties[];
}

/** Declares an operation; the identity function gives the declaration its types. */
export function defineOperation<Input, Api>(
	declaration: OperationDeclaration<Input, Api>,
): OperationDeclaration<Input, Api> {
	return declaration;
}

interface ResourceDeclaration {
	value: string;
	/** The Resource selector's entry as the editor shows it. */
	label: string;
	description: string;
	/** The operation the selector starts on; saved workflows that never changed it rely on it, so it stays. */
	defaultOperation: string;
}

/** The API versions a node can be set to, when its vendor has several. */
interface VersionParameter {
	/** The node parameter that filters what the editor shows, e.g. `apiVersion`. */
	name: string;
	values: readonly string[];
	/** How the vendor's API is named in messages, e.g. "Stamped API". */
	label: string;
}

export interface NodeRegistry<Api> {
	resources: readonly ResourceDeclaration[];
	defaultResource: string;
	operations: ReadonlyArray<OperationDeclaration<unknown, Api>>;
	versions?: VersionParameter;
}

/** Builds a registry from an operations module (`export * as name from './x.operation'` lines). */
export function operationsOf<Api>(
	modules: Record<string, { declaration: OperationDeclaration<unknown, Api> }>,
) {
	return Object.values(modules).map((module) => module.declaration);
}

function offers(
	declaration: OperationDeclaration<unknown, unknown>,
	version: string | undefined,
): boolean {
	return (
		version === undefined ||
		declaration.versions === undefined ||
		declaration.versions.includes(version)
	);
}

/** The operations a version offers (all of them on a node without versions), in declaration order. */
export function offeredOperations<Api>(registry: NodeRegistry<Api>, version?: string) {
	return registry.operations.filter((declaration) => offers(declaration, version));
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/**
 * A selector (Resource, or one resource's Operation) for each set of versions that offers the same choices:
 * one selector when every version offers the same, else one per version shown only for it, so that a choice a
 * version lacks is never offered for it. `preferredDefault` is kept where the version offers it.
 */
function selectorsFor(
	base: Omit<INodeProperties, 'options'>,
	choicesOf: (version: string | undefined) => INodePropertyOptions[],
	preferredDefault: string,
	versions: VersionParameter | undefined,
): INodeProperties[] {
	const build = (
		choices: INodePropertyOptions[],
		versionShow: Record<string, string[]>,
	): INodeProperties => {
		const show = { ...base.displayOptions?.show, ...versionShow };
		const offersDefault = choices.some((choice) => choice.value === preferredDefault);
		return {
			...base,
			options: choices,
			default: offersDefault ? preferredDefault : choices[0].value,
			...(Object.keys(show).length > 0 ? { displayOptions: { show } } : {}),
		} as INodeProperties;
	};
	if (!versions) return [build(choicesOf(undefined), {})];
	const offered = versions.values.filter((version) => choicesOf(version).length > 0);
	const signature = (version: string) =>
		choicesOf(version)
			.map((choice) => choice.value)
			.join(',');
	const same =
		offered.length === versions.values.length &&
		offered.every((version) => signature(version) === signature(offered[0]));
	if (same) return [build(choicesOf(offered[0]), {})];
	return offered.map((version) => build(choicesOf(version), { [versions.name]: [version] }));
}

/** The node's properties: the Resource selector(s), each resource's Operation selector(s), every operation's parameters. */
export function registryProperties<Api>(registry: NodeRegistry<Api>): INodeProperties[] {
	const { resources, versions } = registry;
	const versionsOf = (resource: string) =>
		versions?.values.filter((version) =>
			offeredOperations(registry, version).some((declaration) => declaration.resource === resource),
		) ?? [];
	// A resource only some versions offer says which, e.g. "(API v3)".
	const describe = ({ value, description }: ResourceDeclaration) => {
		const offeredBy = versionsOf(value);
		return versions && offeredBy.length < versions.values.length
			? `${description} (API ${offeredBy.join(', ')})`
			: description;
	};
	const resourceChoices = (version: string | undefined) =>
		resources
			.filter((resource) =>
				offeredOperations(registry, version).some(
					(declaration) => declaration.resource === resource.value,
				),
			)
			.map((resource) => ({
				name: resource.label,
				value: resource.value,
				description: describe(resource),
			}))
			.sort(byName);
	const properties = selectorsFor(
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			default: '',
			description: 'What the operation works on',
		},
		resourceChoices,
		registry.defaultResource,
		versions,
	);
	for (const resource of resources) {
		const operationChoices = (version: string | undefined) =>
			offeredOperations(registry, version)
				.filter((declaration) => declaration.resource === resource.value)
				.map(({ name, operation, description, action }) => ({
					name,
					value: operation,
					description,
					action,
				}))
				.sort(byName);
		properties.push(
			...selectorsFor(
				{
					displayName: 'Operation',
					name: 'operation',
					type: 'options',
					noDataExpression: true,
					default: '',
					description: `What to do with ${resource.label.toLowerCase()} records`,
					displayOptions: { show: { resource: [resource.value] } },
				},
				operationChoices,
				resource.defaultOperation,
				versions,
			),
		);
	}
	for (const declaration of registry.operations) {
		properties.push(
			...updateDisplayOptions(
				{ show: { resource: [declaration.resource], operation: [declaration.operation] } },
				declaration.properties,
			),
		);
	}
	return properties;
}

/**
 * The operation the node's Resource and Operation parameters name, offered by `version` (the version the
 * call will use). This is the one place where a missing operation is refused: a workflow edited outside the
 * editor, or a node whose API Version differs from its credential's, can name one the version lacks.
 */
export function requireOperation<Api>(
	ctx: IExecuteFunctions,
	registry: NodeRegistry<Api>,
	version?: string,
): OperationDeclaration<unknown, Api> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	// n8n drops the operation of a resource the node's version lacks, so it may be empty.
	const operation = ctx.getNodeParameter('operation', 0, '') as string;
	const declared = registry.operations.filter(
		(entry) => entry.resource === resource && entry.operation === operation,
	);
	const found = declared.find((entry) => offers(entry, version));
	if (found) return found;

	const label = registry.versions?.label;
	// Declared, but not for this version: name both, so the user knows whether to change the credential or the operation.
	const ofResource = registry.operations.filter((entry) => entry.resource === resource);
	const resourceLacking = !ofResource.some((entry) => offers(entry, version));
	const forOtherVersions = declared.length > 0 ? declared : resourceLacking ? ofResource : [];
	if (forOtherVersions.length > 0 && version !== undefined && label) {
		const others = [...new Set(forOtherVersions.flatMap((entry) => entry.versions ?? []))];
		const title =
			declared.length > 0
				? `${resourceName(registry, resource)} > ${declared[0].name}`
				: resourceName(registry, resource);
		throw new NodeOperationError(
			ctx.getNode(),
			`"${title}" is offered by ${label} ${others.join(' and ')}, but the selected credential is for ${label} ${version}`,
			{
				description: `Select a credential for ${label} ${others.join(' or ')}, or pick an operation that ${label} ${version} offers (set the node's API Version to ${version} to see them). Nothing was sent.`,
			},
		);
	}
	const what =
		ofResource.length > 0
			? `The operation "${operation}" of "${resource}"`
			: `The resource "${resource}"`;
	throw new NodeOperationError(ctx.getNode(), `${what} is not supported`, {
		description: 'Pick a resource and an operation the node offers. Nothing was sent.',
	});
}

function resourceName<Api>(registry: NodeRegistry<Api>, resource: string): string {
	return registry.resources.find((entry) => entry.value === resource)?.label ?? resource;
}
