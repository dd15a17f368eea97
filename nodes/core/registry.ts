import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { Operation } from './operation';

/** Where an operation sits in the node and how the editor shows it. */
interface Presentation {
	resource: string;
	/** The `operation` parameter's value, stored in saved workflows. */
	operation: string;
	/** The Operation selector's entry: its name, a sentence for the panel (and AI agents), and the action title. */
	name: string;
	description: string;
	action: string;
	/** The parameters shown for this operation; the registry adds the resource and operation display options. */
	properties: INodeProperties[];
}

/**
 * One operation of an action node, declared whole in its own file: where it sits, how the editor shows it,
 * and how it checks and runs an item. On a vendor with several API versions, `versions` holds what each
 * version that offers it does (`{ v2: { prepare, execute }, v3: { prepare, execute } }`): the router picks the
 * entry of the credential's version, so nothing inside an operation asks which version it runs on. Everything
 * else (the selectors, the router, the refusal of what a version lacks, the tests' list of offered operations,
 * the README's tables) is derived from the set of declarations.
 */
export type OperationDeclaration = Presentation &
	({ versions: Readonly<Record<string, Operation>> } | (Operation & { versions?: undefined }));

/** Declares an operation of a vendor with several API versions: one `Operation` per version that offers it. */
export function defineOperation<Inputs extends Record<string, unknown>>(
	declaration: Presentation & {
		versions: { [Version in keyof Inputs]: Operation<Inputs[Version]> };
	},
): OperationDeclaration;
/** Declares an operation of a vendor with one API. */
export function defineOperation<Input>(
	declaration: Presentation & Operation<Input>,
): OperationDeclaration;
export function defineOperation(declaration: OperationDeclaration): OperationDeclaration {
	return declaration;
}

export interface ResourceDeclaration {
	value: string;
	/** The Resource selector's entry as the editor shows it. */
	label: string;
	description: string;
	/** The operation the selector starts on; saved workflows that never changed it rely on it, so it stays. */
	defaultOperation: string;
}

/** The API versions of a vendor that has several; the credential decides which one a run uses. */
interface Versions {
	values: readonly string[];
	/** How each version is named where the editor says which versions offer something, e.g. "API v2". */
	names: Readonly<Record<string, string>>;
}

export interface NodeRegistry {
	resources: readonly ResourceDeclaration[];
	defaultResource: string;
	operations: readonly OperationDeclaration[];
	versions?: Versions;
}

/** Builds a registry from an operations module (`export * as name from './x.operation'` lines). */
export function operationsOf(modules: Record<string, { declaration: OperationDeclaration }>) {
	return Object.values(modules).map((module) => module.declaration);
}

/** What a declaration does on `version` (or on the vendor's one API); undefined when that version lacks it. */
function implementationOf(
	declaration: OperationDeclaration,
	version: string | undefined,
): Operation | undefined {
	if (!declaration.versions) return declaration;
	return version === undefined ? undefined : declaration.versions[version];
}

/** The versions that offer a declaration; undefined on a vendor with one API. */
export function versionsOf(declaration: OperationDeclaration): string[] | undefined {
	return declaration.versions ? Object.keys(declaration.versions) : undefined;
}

/** The operations a version offers (all of them without a version), in declaration order. */
export function offeredOperations(registry: NodeRegistry, version?: string) {
	return registry.operations.filter(
		(declaration) => version === undefined || implementationOf(declaration, version),
	);
}

/**
 * "API v3 only" for something only some versions offer, else nothing: how the editor says which versions offer
 * an operation, a resource or a field.
 */
export function onlyIn(versions: Versions | undefined, offeredBy: readonly string[]): string {
	if (!versions || versions.values.every((version) => offeredBy.includes(version))) return '';
	return `${offeredBy.map((version) => versions.names[version] ?? version).join(', ')} only`;
}

const withNote = (text: string, note: string) => (note ? `${text} (${note})` : text);

export const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/**
 * The node's properties: one Resource selector, one Operation selector per resource listing each of its
 * operations once, and every operation's parameters. No version filters them: n8n's display options cannot see
 * the credential, and the node creator lists one action per entry of an Operation selector.
 */
export function registryProperties(registry: NodeRegistry): INodeProperties[] {
	const { resources, versions, defaultResource } = registry;
	const operationsOf = (resource: string) =>
		registry.operations.filter((declaration) => declaration.resource === resource);
	const versionsOffering = (declarations: readonly OperationDeclaration[]) =>
		versions?.values.filter((version) =>
			declarations.some((declaration) => implementationOf(declaration, version)),
		) ?? [];
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources
				.filter((resource) => operationsOf(resource.value).length > 0)
				.map((resource) => ({
					name: resource.label,
					value: resource.value,
					description: withNote(
						resource.description,
						onlyIn(versions, versionsOffering(operationsOf(resource.value))),
					),
				}))
				.sort(byName),
			default: defaultResource,
			description: 'What the operation works on',
		},
	];
	for (const resource of resources) {
		const declarations = operationsOf(resource.value);
		if (declarations.length === 0) continue;
		const { defaultOperation } = resource;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: declarations
				.map((declaration) => ({
					name: declaration.name,
					value: declaration.operation,
					description: withNote(
						declaration.description,
						onlyIn(versions, versionsOffering([declaration])),
					),
					action: declaration.action,
				}))
				.sort(byName),
			default: defaultOperation,
			description: `What to do with ${resource.label.toLowerCase()} records`,
		});
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

/** How a node with several API versions picks an operation's implementation, and refuses what a version lacks. */
export interface Dispatch {
	/** The version the credential is for; undefined on a vendor with one API. */
	version?: string;
	/** The operation a node's parameters mean, where saved workflows may say it otherwise; as given by default. */
	operationMeant?(resource: string, operation: string): string;
	/** The error for an operation (or a resource) that only `offeredBy`, not the credential's version, offers. */
	offeredElsewhere?(title: string, offeredBy: string[]): Error;
}

/**
 * What the operation the node's Resource and Operation parameters name does on the credential's version. This is
 * the one place where what a version lacks is refused (by the vendor's `offeredElsewhere`), before anything is
 * sent.
 */
export function requireOperation(
	ctx: IExecuteFunctions,
	registry: NodeRegistry,
	dispatch: Dispatch = {},
): Operation {
	const { version } = dispatch;
	const resource = ctx.getNodeParameter('resource', 0) as string;
	// A workflow edited outside the editor may carry no operation.
	const given = ctx.getNodeParameter('operation', 0, '') as string;
	const operation = dispatch.operationMeant?.(resource, given) ?? given;
	const declared = registry.operations.find(
		(entry) => entry.resource === resource && entry.operation === operation,
	);
	const found = declared && implementationOf(declared, version);
	if (found) return found;

	// Declared, but not for this version: the vendor names both, so the user knows what to change.
	const ofResource = registry.operations.filter((entry) => entry.resource === resource);
	const resourceLacking = !ofResource.some((entry) => implementationOf(entry, version));
	const forOtherVersions = declared ? [declared] : resourceLacking ? ofResource : [];
	if (forOtherVersions.length > 0 && version !== undefined && dispatch.offeredElsewhere) {
		const others = [...new Set(forOtherVersions.flatMap((entry) => versionsOf(entry) ?? []))];
		const title = declared
			? `${resourceName(registry, resource)} > ${declared.name}`
			: resourceName(registry, resource);
		throw dispatch.offeredElsewhere(title, others);
	}
	const what =
		ofResource.length > 0
			? `The operation "${operation}" of "${resource}"`
			: `The resource "${resource}"`;
	throw new NodeOperationError(ctx.getNode(), `${what} is not supported`, {
		description: 'Pick a resource and an operation the node offers. Nothing was sent.',
	});
}

function resourceName(registry: NodeRegistry, resource: string): string {
	return registry.resources.find((entry) => entry.value === resource)?.label ?? resource;
}
