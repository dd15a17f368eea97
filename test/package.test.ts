/** The package as users and n8n's verified-node checks see it: published files, manifest, node descriptions. */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

import type {
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

import { PACKAGE_ROOT, loadPackage } from './harness/engine';

const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));

describe('published package', () => {
	test('npm pack ships only dist/, README.md, LICENSE and package.json', () => {
		const [pack] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], {
				cwd: PACKAGE_ROOT,
				encoding: 'utf8',
			}),
		);
		const files: string[] = pack.files.map((file: { path: string }) => file.path);
		expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual([
			'LICENSE',
			'README.md',
			'package.json',
		]);
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/nodes/Stemp/stemp.svg',
				'dist/nodes/Stamped/Stamped.node.json',
			]),
		);
	});

	test('the manifest follows the verified community node rules', () => {
		expect(manifest.name).toBe('n8n-nodes-stamped-stemp');
		expect(manifest.license).toBe('MIT');
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.n8n.strict).toBe(true);
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
			expect(fs.existsSync(path.join(PACKAGE_ROOT, file))).toBe(true);
		}
	});
});

/** Every parameter, with the options of collections flattened in, and where it sits. */
function allParameters(
	properties: INodeProperties[],
	prefix = '',
): Array<[string, INodeProperties]> {
	return properties.flatMap((property) => {
		const here: Array<[string, INodeProperties]> = [[`${prefix}${property.name}`, property]];
		const nested = (property.options ?? []).filter(
			(option): option is INodeProperties => 'type' in option,
		);
		const groups = (property.options ?? []).filter(
			(option): option is INodePropertyCollection => 'values' in option,
		);
		return [
			...here,
			...allParameters(nested, `${prefix}${property.name}.`),
			...groups.flatMap((group) =>
				allParameters(group.values, `${prefix}${property.name}.${group.name}.`),
			),
		];
	});
}

describe('node descriptions', () => {
	const nodeNames = ['stamped', 'stemp', 'stampedTrigger', 'stempTrigger'];

	test.each(nodeNames)('%s: every parameter and every option explains itself', async (name) => {
		const loader = await loadPackage();
		const { description } = loader.getNode(name).type as INodeType;
		const undocumented = allParameters(description.properties)
			.filter(
				([, property]) => property.type !== 'notice' && !property.description && !property.hint,
			)
			.map(([where]) => where);
		expect(undocumented).toEqual([]);
		const optionsWithoutDescription = allParameters(description.properties)
			// Dropdowns filled by a load method have no options of their own to check.
			.filter(
				([, property]) =>
					(property.type === 'options' || property.type === 'multiOptions') &&
					!property.typeOptions?.loadOptionsMethod,
			)
			.flatMap(([where, property]) =>
				(property.options as INodePropertyOptions[])
					.filter((option) => !option.description)
					.map((option) => `${where}=${option.value}`),
			);
		expect(optionsWithoutDescription).toEqual([]);
	});

	test.each(['stamped', 'stemp'])(
		'%s can be used by AI agents as a tool, with an action text per operation',
		async (name) => {
			const loader = await loadPackage();
			const { description } = loader.getNode(name).type as INodeType;
			expect(description.usableAsTool).toBe(true);
			const operations = description.properties.filter((property) => property.name === 'operation');
			for (const operation of operations) {
				for (const option of operation.options as INodePropertyOptions[])
					expect(option.action).toBeTruthy();
			}
		},
	);

	/** n8n serves icons from `icons/<package>/<path in package>`; each must exist in the package. */
	const iconFilesExist = (iconUrl: unknown) => {
		const { light, dark } = iconUrl as { light: string; dark: string };
		return [light, dark].every((url) =>
			fs.existsSync(path.join(PACKAGE_ROOT, url.replace(`icons/${manifest.name}/`, ''))),
		);
	};

	test.each(nodeNames)(
		'%s has light and dark icons, a subtitle and a codex with documentation',
		async (name) => {
			const loader = await loadPackage();
			const { type, sourcePath } = loader.getNode(name);
			const { description } = type as INodeType;
			expect(iconFilesExist(description.iconUrl)).toBe(true);
			expect(description.subtitle).toBeTruthy();
			const codex = JSON.parse(
				fs.readFileSync(path.join(PACKAGE_ROOT, sourcePath.replace(/\.js$/, '.json')), 'utf8'),
			);
			expect(codex.categories.length).toBeGreaterThan(0);
			expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\//);
		},
	);

	test.each(['stampedApi', 'stempApi'])('%s has a documentation link and an icon', async (name) => {
		const loader = await loadPackage();
		const credential = loader.getCredential(name).type;
		expect(credential.documentationUrl).toMatch(/^https:\/\//);
		expect(iconFilesExist(credential.iconUrl)).toBe(true);
	});
});
