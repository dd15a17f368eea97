/** The guard that stops the unit tests on a stale build (jest's globalSetup), run on throw-away folders. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { staleBuildMessage, staleBuildOutputs } from './dist-guard';

let root: string;
beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-guard-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Writes a file with a given age in seconds (older = smaller mtime). */
function write(file: string, secondsAgo: number): void {
	const full = path.join(root, file);
	fs.mkdirSync(path.dirname(full), { recursive: true });
	fs.writeFileSync(full, '');
	const at = new Date(Date.now() - secondsAgo * 1000);
	fs.utimesSync(full, at, at);
}

test('a build newer than every source passes', () => {
	write('nodes/X/X.node.ts', 60);
	write('nodes/X/x.svg', 60);
	write('credentials/XApi.credentials.ts', 60);
	write('dist/nodes/X/X.node.js', 10);
	write('dist/nodes/X/x.svg', 60);
	write('dist/credentials/XApi.credentials.js', 10);
	expect(staleBuildOutputs(root)).toEqual([]);
	expect(staleBuildMessage(root)).toBeUndefined();
});

test('a source edited after the build is named, with what to run', () => {
	write('nodes/X/actions/get.operation.ts', 5);
	write('dist/nodes/X/actions/get.operation.js', 60);
	write('credentials/XApi.credentials.ts', 60);
	write('dist/credentials/XApi.credentials.js', 10);
	expect(staleBuildOutputs(root)).toEqual([
		`${path.join('nodes/X/actions/get.operation.ts')} is newer than ${path.join('dist/nodes/X/actions/get.operation.js')}`,
	]);
	expect(staleBuildMessage(root)).toContain('run npm run build');
});

test('a new source never built, and an icon changed since the copy, are named', () => {
	write('credentials/YApi.credentials.ts', 5);
	write('nodes/X/x.svg', 5);
	write('dist/nodes/X/x.svg', 60);
	expect(staleBuildOutputs(root)).toEqual([
		`${path.join('dist/credentials/YApi.credentials.js')} is missing (built from ${path.join('credentials/YApi.credentials.ts')})`,
		`${path.join('nodes/X/x.svg')} is newer than ${path.join('dist/nodes/X/x.svg')}`,
	]);
});

test('a missing dist/ is reported, and test or declaration files are not sources', () => {
	write('nodes/X/X.node.ts', 5);
	expect(staleBuildOutputs(root)).toEqual(['dist/ does not exist']);
	fs.mkdirSync(path.join(root, 'dist'));
	fs.rmSync(path.join(root, 'nodes/X/X.node.ts'));
	write('nodes/X/X.test.ts', 5);
	write('nodes/X/types.d.ts', 5);
	expect(staleBuildOutputs(root)).toEqual([]);
});

test('a long list is cut after ten lines and says how many more', () => {
	for (let i = 0; i < 13; i++) write(`nodes/file${i}.ts`, 5);
	fs.mkdirSync(path.join(root, 'dist'));
	const message = staleBuildMessage(root)!;
	expect(message.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(11);
	expect(message).toContain('and 3 more');
});

test('the package this suite runs on is built from its current sources', () => {
	expect(staleBuildOutputs(path.resolve(__dirname, '../..'))).toEqual([]);
});
