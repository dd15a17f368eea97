/**
 * Every relative link in the user and contributor documentation (README.md, CONTRIBUTING.md, docs/ and the
 * generated docs/operations/) names a file that exists and, with an anchor, a heading that file has.
 */
import fs from 'node:fs';

import { brokenLinks, headingAnchors, linkTargets } from './docs-links';

const documents = [
	'README.md',
	'CONTRIBUTING.md',
	...fs
		.readdirSync('docs', { recursive: true, encoding: 'utf8' })
		.map((file) => `docs/${file}`)
		// The notes are the generator's input: their sections are checked where they land, in docs/operations/.
		.filter((file) => file.endsWith('.md') && !file.startsWith('docs/operations/notes/')),
].sort();

test('the documents checked include the README, CONTRIBUTING.md, docs/ and the generated operation pages', () => {
	expect(documents).toEqual(
		expect.arrayContaining([
			'README.md',
			'CONTRIBUTING.md',
			'docs/behaviour.md',
			'docs/operations/stamped.md',
			'docs/operations/stemp.md',
		]),
	);
});

test.each(documents)(
	'every relative link in %s resolves to a file, and its anchor to a heading',
	(file) => {
		expect(brokenLinks(file)).toEqual([]);
	},
);

test('the link check finds a missing file, a missing heading and a link to a heading GitHub numbers', () => {
	const dir = fs.mkdtempSync('docs-links-test-');
	try {
		fs.writeFileSync(
			`${dir}/a.md`,
			'# A\n\n## Same\n\n## Same\n\n[ok](#same-1) [gone](missing.md) [nohead](b.md#nope) [ok](b.md#b-title) `[code](x.md)`\n',
		);
		fs.writeFileSync(`${dir}/b.md`, '# B `title`\n');
		expect(brokenLinks(`${dir}/a.md`)).toEqual([
			`${dir}/a.md: missing.md`,
			`${dir}/a.md: b.md#nope`,
		]);
		expect(headingAnchors('# Customer > Get\n')).toEqual(new Set(['customer--get']));
		expect(linkTargets('[x](y.md) ![i](img.png)')).toEqual(['y.md', 'img.png']);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
