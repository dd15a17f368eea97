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

interface ResourceDeclaration {
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
	/** How the vendor's API is named in messages, e.g. "Stamped API". */
	label: string;
	/** How each version is named where the editor says which versions offer something, e.g. "Loyalty 2.0 (API v3)". */
	names: Readonly<Record<string, string>>;
	/**
	 * The node parameter that, before the credential alone decided, filtered the editor by version. It is kept
	 * (hidden) so saved workflows still load; see `legacyOperation`.
	 */
	legacyParameter: string;
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
 * "(Loyalty 2.0 (API v3) only)" for something only some versions offer, else nothing: how the editor says which
 * versions offer an operation, a resource or a field.
 */
export function onlyIn(versions: Versions | undefined, offeredBy: readonly string[]): string {
	if (!versions || versions.values.every((version) => offeredBy.includes(version))) return '';
	return `${offeredBy.map((version) => versions.names[version] ?? version).join(', ')} only`;
}

const withNote = (text: string, note: string) => (note ? `${text} (${note})` : text);

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

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
	return [...properties, ...legacyCarriers(registry)];
}

/**
 * The operation a resource's Operation selector started on for `version` before the credential alone decided:
 * then each version had its own selector, starting on the resource's default operation where that version
 * offered it, else on its first operation by name. n8n saves no parameter left at its default, so a workflow
 * saved with the node set to `version` and this operation carries none: it now reads as the one selector's
 * default. Undefined where the two agree.
 */
function legacyDefault(
	registry: NodeRegistry,
	resource: ResourceDeclaration,
	version: string,
): OperationDeclaration | undefined {
	const offered = offeredOperations(registry, version)
		.filter((entry) => entry.resource === resource.value)
		.sort(byName);
	if (
		offered.length === 0 ||
		offered.some((entry) => entry.operation === resource.defaultOperation)
	)
		return undefined;
	return offered[0];
}

/**
 * n8n drops, when it loads a workflow, every parameter no displayed property names. So that a workflow saved on
 * a legacy default (see `legacyDefault`) keeps that operation's parameters, they are carried, hidden, under the
 * one selector's default operation.
 */
function legacyCarriers(registry: NodeRegistry): INodeProperties[] {
	const carriers: INodeProperties[] = [];
	for (const resource of registry.resources) {
		const show = { resource: [resource.value], operation: [resource.defaultOperation] };
		const taken = new Set(
			registry.operations
				.filter(
					(entry) =>
						entry.resource === resource.value && entry.operation === resource.defaultOperation,
				)
				.flatMap((entry) => entry.properties.map((property) => property.name)),
		);
		for (const version of registry.versions?.values ?? []) {
			for (const property of legacyDefault(registry, resource, version)?.properties ?? []) {
				if (property.type === 'notice' || taken.has(property.name)) continue;
				taken.add(property.name);
				const { displayName, name, default: carried } = property;
				carriers.push({
					displayName,
					name,
					type: 'hidden',
					default: carried,
					description: `Kept for workflows saved on ${version}'s former default operation`,
					displayOptions: { show },
				});
			}
		}
	}
	return carriers;
}

/** The operation a node's parameters mean, a legacy default (see `legacyDefault`) included. */
function operationMeant(
	ctx: IExecuteFunctions,
	registry: NodeRegistry,
	resource: string,
	operation: string,
): string {
	const { versions } = registry;
	const declared = registry.resources.find((entry) => entry.value === resource);
	if (!versions || !declared || operation !== declared.defaultOperation) return operation;
	const nodeVersion = ctx.getNodeParameter(versions.legacyParameter, 0, '') as string;
	if (!versions.values.includes(nodeVersion)) return operation;
	return legacyDefault(registry, declared, nodeVersion)?.operation ?? operation;
}

/**
 * What the operation the node's Resource and Operation parameters name does on `version` (the credential's).
 * This is the one place where what a version lacks is refused, naming both versions, before anything is sent.
 */
export function requireOperation(
	ctx: IExecuteFunctions,
	registry: NodeRegistry,
	version?: string,
): Operation {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	// A workflow edited outside the editor may carry no operation.
	const operation = operationMeant(
		ctx,
		registry,
		resource,
		ctx.getNodeParameter('operation', 0, '') as string,
	);
	const declared = registry.operations.find(
		(entry) => entry.resource === resource && entry.operation === operation,
	);
	const found = declared && implementationOf(declared, version);
	if (found) return found;

	const label = registry.versions?.label;
	// Declared, but not for this version: name both, so the user knows whether to change the credential or the operation.
	const ofResource = registry.operations.filter((entry) => entry.resource === resource);
	const resourceLacking = !ofResource.some((entry) => implementationOf(entry, version));
	const forOtherVersions = declared ? [declared] : resourceLacking ? ofResource : [];
	if (forOtherVersions.length > 0 && version !== undefined && label) {
		const others = [...new Set(forOtherVersions.flatMap((entry) => versionsOf(entry) ?? []))];
		const title = declared
			? `${resourceName(registry, resource)} > ${declared.name}`
			: resourceName(registry, resource);
		throw new NodeOperationError(
			ctx.getNode(),
			`"${title}" is offered by ${label} ${others.join(' and ')}, but the selected credential is for ${label} ${version}`,
			{
				description: `Select a credential for ${label} ${others.join(' or ')}, or pick an operation that ${label} ${version} offers (each operation's description says which versions offer it). Nothing was sent.`,
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

function resourceName(registry: NodeRegistry, resource: string): string {
	return registry.resources.find((entry) => entry.value === resource)?.label ?? resource;
}
