/**
 * Two layout rules a newcomer relies on (CONTRIBUTING.md): nodes/core holds only what both vendors share and
 * names neither of them, and Stamped's version is branched on in one file, its version profile.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function sourcesUnder(folder: string): string[] {
	return fs
		.readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.ts'))
		.map((file) => path.join(folder, file));
}

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('the layout', () => {
	it('nodes/core names no vendor, in code or comments, and imports nothing of a vendor', () => {
		const offending = sourcesUnder('nodes/core').flatMap((file) =>
			read(file)
				.split('\n')
				.map((line, index) => ({ file, line: index + 1, text: line }))
				.filter(({ text }) => /stamped|stemp/i.test(text) || /from '\.\.\/[A-Z]/.test(text)),
		);
		expect(offending).toEqual([]);
	});

	it("only Stamped's version profile branches on the credential's API version", () => {
		const branching = [...sourcesUnder('nodes'), ...sourcesUnder('credentials')].filter((file) =>
			/\bversionOf\(|=== '(?:v2|v3)'|!== '(?:v2|v3)'/.test(read(file)),
		);
		expect(branching).toEqual([path.join('nodes', 'Stamped', 'transport', 'version.ts')]);
	});
});
