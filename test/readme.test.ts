/**
 * The README's operation tables say what the registries say: the Stamped table by version is generated from
 * the registry (npm run readme:tables), and each per-version table of examples lists exactly the operations
 * that version offers, so an operation cannot be added or removed without the README following.
 */
import fs from 'node:fs';

const tables = require('../scripts/readme-tables.js') as {
	README: string;
	versionTable(): string;
	tableOperations(
		markdown: string,
		heading: string,
	): Array<{ resource?: string; operation: string }>;
	offeredPairs(registry: unknown, version?: string): string[];
	generatedBlock(markdown: string): { table: string };
	registries(): {
		stampedRegistry: { resources: Array<{ value: string; label: string }> };
		stempRegistry: { resources: Array<{ value: string; label: string }> };
	};
};

const markdown = fs.readFileSync(tables.README, 'utf8');
const { stampedRegistry, stempRegistry } = tables.registries();
const listed = (heading: string, onlyResource?: string) =>
	[
		...new Set(
			tables
				.tableOperations(markdown, heading)
				.map(({ resource, operation }) => `${resource ?? onlyResource} > ${operation}`),
		),
	].sort();

test('the Stamped table by version is the one the registry generates (npm run readme:tables rewrites it)', () => {
	expect(tables.generatedBlock(markdown).table).toBe(tables.versionTable());
});

test.each([
	['#### API v2', 'v2'],
	['#### API v3 (Loyalty 2.0)', 'v3'],
])('the "%s" table lists exactly the operations Stamped API %s offers', (heading, version) => {
	expect(listed(heading)).toEqual(
		[...new Set(tables.offeredPairs(stampedRegistry, version))].sort(),
	);
});

test('the stemp table lists exactly the operations the stemp node offers', () => {
	const onlyResource =
		stempRegistry.resources.length === 1 ? stempRegistry.resources[0].label : undefined;
	expect(listed('### stemp operations', onlyResource)).toEqual(
		[...new Set(tables.offeredPairs(stempRegistry))].sort(),
	);
});
