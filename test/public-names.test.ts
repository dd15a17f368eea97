/**
 * The published resource/operation names (test/public-names.ts) are still declared by the registries for the
 * version that published them, and still offered by the loaded nodes' editors: saved workflows store them.
 */
import type { IDataObject, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackage } from './harness/engine';
import { PUBLIC_OPERATIONS } from './public-names';

// The registries the loaded nodes are built from (dist/), typed from the sources.
/* eslint-disable @typescript-eslint/no-require-imports */
const { offeredOperations } =
	require('../dist/nodes/core/registry') as typeof import('../nodes/core/registry');
const { stampedRegistry } =
	require('../dist/nodes/Stamped/actions/registry') as typeof import('../nodes/Stamped/actions/registry');
const { stempRegistry } =
	require('../dist/nodes/Stemp/actions/registry') as typeof import('../nodes/Stemp/actions/registry');
/* eslint-enable @typescript-eslint/no-require-imports */

const pairsOf = (declarations: ReadonlyArray<{ resource: string; operation: string }>) =>
	declarations.map(({ resource, operation }) => `${resource}.${operation}`);
const named = (pairs: ReadonlyArray<readonly [string, string]>) =>
	pairs.map(([resource, operation]) => `${resource}.${operation}`);

/** The operations a loaded node's editor offers for `values` (e.g. an API version), as resource.operation. */
async function editorOffers(node: string, values: IDataObject = {}): Promise<string[]> {
	const properties = ((await loadPackage()).getNode(node).type as INodeType).description.properties;
	const choices = (shownFor: IDataObject, name: string) =>
		properties
			.filter(
				(property) =>
					property.name === name &&
					NodeHelpers.displayParameter(shownFor as never, property, null, null),
			)
			.flatMap((property: INodeProperties) =>
				(property.options as INodePropertyOptions[]).map((option) => String(option.value)),
			);
	return choices(values, 'resource').flatMap((resource) =>
		choices({ ...values, resource }, 'operation').map((operation) => `${resource}.${operation}`),
	);
}

describe.each(Object.entries(PUBLIC_OPERATIONS.stamped))('Stamped API %s', (apiVersion, pairs) => {
	test('the registry still declares every published operation for this version', () => {
		expect(pairsOf(offeredOperations(stampedRegistry, apiVersion))).toEqual(
			expect.arrayContaining(named(pairs)),
		);
	});

	test('the editor still offers every published operation for this version', async () => {
		expect(await editorOffers('stamped', { apiVersion })).toEqual(
			expect.arrayContaining(named(pairs)),
		);
	});
});

describe('stemp', () => {
	test('the registry still declares every published operation', () => {
		expect(pairsOf(offeredOperations(stempRegistry))).toEqual(
			expect.arrayContaining(named(PUBLIC_OPERATIONS.stemp)),
		);
	});

	test('the editor still offers every published operation', async () => {
		expect(await editorOffers('stemp')).toEqual(
			expect.arrayContaining(named(PUBLIC_OPERATIONS.stemp)),
		);
	});
});
