/**
 * The unit tests run the built package (dist/), several with types taken from the sources, so a run after an
 * edit without `npm run build` would silently test the old code. Jest's globalSetup runs this before any test
 * and stops the run, naming the first stale files, when dist/ is missing or older than a source it is built from.
 */
import fs from 'node:fs';
import path from 'node:path';

/** What the build reads (tsc: the .ts sources; gulp: icons and codex files) and what it writes for each. */
const BUILT_FROM: ReadonlyArray<{
	folder: string;
	pattern: RegExp;
	output: (file: string) => string;
}> = [
	{
		folder: 'nodes',
		pattern: /(?<!\.d)(?<!\.test)\.ts$/,
		output: (file) => file.replace(/\.ts$/, '.js'),
	},
	{
		folder: 'credentials',
		pattern: /(?<!\.d)(?<!\.test)\.ts$/,
		output: (file) => file.replace(/\.ts$/, '.js'),
	},
	{ folder: 'nodes', pattern: /\.(png|svg|node\.json)$/, output: (file) => file },
	{ folder: 'credentials', pattern: /\.(png|svg)$/, output: (file) => file },
];

function filesUnder(root: string, folder: string): string[] {
	const start = path.join(root, folder);
	if (!fs.existsSync(start)) return [];
	return (fs.readdirSync(start, { recursive: true }) as string[])
		.map((relative) => path.join(folder, relative))
		.filter((file) => fs.statSync(path.join(root, file)).isFile());
}

// gulp gives a copy its source's mtime, rounded to the millisecond, so a fresh copy can look up to a millisecond older.
const COPY_ROUNDING_MS = 2;
const mtimeMs = (file: string) => fs.statSync(file).mtimeMs;

/** One line per source whose built file is missing or older than it, e.g. "nodes/x.ts is newer than dist/nodes/x.js". */
export function staleBuildOutputs(root: string): string[] {
	const dist = path.join(root, 'dist');
	if (!fs.existsSync(dist)) return ['dist/ does not exist'];
	const stale: string[] = [];
	for (const { folder, pattern, output } of BUILT_FROM) {
		for (const source of filesUnder(root, folder).filter((file) => pattern.test(file))) {
			const built = path.join('dist', output(source));
			if (!fs.existsSync(path.join(root, built)))
				stale.push(`${built} is missing (built from ${source})`);
			else if (
				mtimeMs(path.join(root, source)) >
				mtimeMs(path.join(root, built)) + COPY_ROUNDING_MS
			)
				stale.push(`${source} is newer than ${built}`);
		}
	}
	return stale;
}

/** The error text for stale outputs, or undefined when dist/ is current. */
export function staleBuildMessage(root: string): string | undefined {
	const stale = staleBuildOutputs(root);
	if (stale.length === 0) return undefined;
	const shown = stale.slice(0, 10).map((line) => `  - ${line}`);
	if (stale.length > shown.length) shown.push(`  - and ${stale.length - shown.length} more`);
	return `The unit tests run the built package, but dist/ is out of date:\n${shown.join('\n')}\nrun npm run build (npm test builds first), then run the tests again.`;
}

/** Jest's globalSetup: refuses to run any test on a stale build. */
export default function checkBuildIsCurrent(): void {
	const message = staleBuildMessage(path.resolve(__dirname, '../..'));
	if (message) throw new Error(message);
}
