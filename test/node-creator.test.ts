/**
 * The node creator's action list, derived from the node descriptions the way n8n's editor derives it: for each
 * option of each `resource` property, the FIRST `operation` property whose `displayOptions.show.resource` names
 * it (or, with a single resource, any), one action per option of that property, grouped as "<Resource> Actions".
 * Several Operation selectors for one resource (one per API version, say) make n8n list the first one only and
 * several Resource selectors list a resource twice; this test fails on either. The list itself is checked in a
 * real n8n by e2e/tests/node-creator.e2e.test.ts.
 */
import type {
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { loadPackage } from './harness/engine';

// The registries the loaded nodes are built from (dist/), typed from the sources.
/* eslint-disable @typescript-eslint/no-require-imports */
const { stampedRegistry } =
	require('../dist/nodes/Stamped/actions/registry') as typeof import('../nodes/Stamped/actions/registry');
const { stempRegistry } =
	require('../dist/nodes/Stemp/actions/registry') as typeof import('../nodes/Stemp/actions/registry');
/* eslint-enable @typescript-eslint/no-require-imports */

interface CreatorAction {
	group: string;
	resource: string;
	operation: string;
	title: string;
}

/** The actions n8n's node creator lists for an action node, in its order. */
export function creatorActions(description: INodeTypeDescription): CreatorAction[] {
	const actions: CreatorAction[] = [];
	const nodeVersions = ([] as number[]).concat(description.version);
	for (const resourceProperty of description.properties.filter((p) => p.name === 'resource')) {
		const resources = (resourceProperty.options ?? []) as INodePropertyOptions[];
		for (const resource of resources) {
			const operations = description.properties.find((property: INodeProperties) => {
				const show = property.displayOptions?.show;
				const forResource =
					(show?.resource as unknown[] | undefined)?.includes(resource.value) ??
					resources.length === 1;
				const versions = show?.['@version'] as unknown[] | undefined;
				const forVersion =
					!versions || versions.some((v) => typeof v === 'number' && nodeVersions.includes(v));
				return property.name === 'operation' && forResource && forVersion;
			});
			for (const option of (operations?.options ?? []) as INodePropertyOptions[]) {
				actions.push({
					group: `${resource.name} Actions`,
					resource: String(resource.value),
					operation: String(option.value),
					title: option.action ?? `${resource.name} ${option.name}`,
				});
			}
		}
	}
	return actions;
}

const registries = { stamped: stampedRegistry, stemp: stempRegistry };

describe.each(Object.entries(registries))('the %s node creator', (node, registry) => {
	let description: INodeTypeDescription;
	let actions: CreatorAction[];
	beforeAll(async () => {
		description = ((await loadPackage()).getNode(node).type as INodeType).description;
		actions = creatorActions(description);
	});

	test('lists every declared operation exactly once, under its resource, and nothing else', () => {
		const listed = actions.map(({ resource, operation }) => `${resource}.${operation}`);
		const declared = registry.operations.map(
			({ resource, operation }) => `${resource}.${operation}`,
		);
		expect(listed.filter((entry, index) => listed.indexOf(entry) !== index)).toEqual([]);
		expect([...listed].sort()).toEqual([...declared].sort());
	});

	test("groups each action under its resource's label, with the operation's action title", () => {
		for (const declaration of registry.operations) {
			const label = registry.resources.find((r) => r.value === declaration.resource)!.label;
			expect(
				actions.filter(
					(action) =>
						action.resource === declaration.resource && action.operation === declaration.operation,
				),
			).toEqual([
				{
					group: `${label} Actions`,
					resource: declaration.resource,
					operation: declaration.operation,
					title: declaration.action,
				},
			]);
		}
	});

	test('no parameter is shown or hidden by an API version', () => {
		const byVersion = (properties: INodeProperties[]): string[] =>
			properties.flatMap((property) => [
				...(property.displayOptions?.show?.apiVersion ||
				property.displayOptions?.show?.['/apiVersion']
					? [property.name]
					: []),
				...byVersion(
					((property.options ?? []) as Array<INodeProperties | INodePropertyOptions>).filter(
						(option): option is INodeProperties => 'displayName' in option,
					),
				),
			]);
		expect(byVersion(description.properties)).toEqual([]);
	});
});
