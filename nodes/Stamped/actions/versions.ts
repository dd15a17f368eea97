import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { NodeRegistry, OperationDeclaration, ResourceDeclaration } from '../../core/registry';
import { byName, offeredOperations } from '../../core/registry';
import type { StampedVersion } from '../transport/version';
import { STAMPED_VERSIONS, STAMPED_VERSION_NAMES } from '../transport/version';

export const API_VERSION_PARAMETER = 'apiVersion';

/**
 * The node's former API Version selector, kept hidden so that saved workflows carrying it load and run
 * unchanged. It selects nothing: the credential's API Version decides what is called, and the editor lists
 * every operation once. The router reads it for one thing only: which operation a workflow saved with it meant
 * when it left the Operation selector at its default (see `operationMeant`).
 */
export const apiVersionProperty: INodeProperties = {
	displayName: 'API Version',
	name: API_VERSION_PARAMETER,
	type: 'hidden',
	default: '',
	description:
		'Kept for saved workflows only: the credential decides which Stamped API version is called',
};

/** A parameter (or a collection's option) only `version` uses: always shown, and it says so. */
export function onlyOn(version: StampedVersion, property: INodeProperties): INodeProperties {
	// First, so that n8n's closing sentence of a dropdown's description ("Choose from the list, ...") stays last.
	const note = `${STAMPED_VERSION_NAMES[version]} only.`;
	return {
		...property,
		description: property.description ? `${note} ${property.description}` : note,
	};
}

/** A notice about how `version` does something, prefixed with the version's name. */
export function noticeFor(version: StampedVersion, notice: INodeProperties): INodeProperties {
	return { ...notice, displayName: `${STAMPED_VERSION_NAMES[version]}: ${notice.displayName}` };
}

/**
 * The operation a resource's Operation selector started on for `version` while the node had its own API Version
 * selector: then each version had its own Operation selector, starting on the resource's default operation where
 * that version offered it, else on its first operation by name. n8n saves no parameter left at its default, so
 * a workflow saved with the node set to `version` and this operation carries none: it now reads as the one
 * selector's default. Undefined where the two agree.
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
export function legacyCarriers(registry: NodeRegistry): INodeProperties[] {
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
		for (const version of STAMPED_VERSIONS) {
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
export function operationMeant(
	ctx: IExecuteFunctions,
	registry: NodeRegistry,
	resource: string,
	operation: string,
): string {
	const declared = registry.resources.find((entry) => entry.value === resource);
	if (!declared || operation !== declared.defaultOperation) return operation;
	const nodeVersion = ctx.getNodeParameter(API_VERSION_PARAMETER, 0, '') as string;
	if (!(STAMPED_VERSIONS as readonly string[]).includes(nodeVersion)) return operation;
	return legacyDefault(registry, declared, nodeVersion)?.operation ?? operation;
}
