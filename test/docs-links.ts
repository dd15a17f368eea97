/**
 * Links in the project's Markdown: which files and headings a document links to, and the anchors GitHub gives
 * its headings, so a test can hold every relative link to a file that exists and a heading that is there.
 */
import fs from 'node:fs';
import path from 'node:path';

/** GitHub's anchor for a heading: lower case, punctuation but `-` and `_` dropped, each space a hyphen. */
export function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\s-]/gu, '')
		.replace(/\s/g, '-');
}

/** The anchors of a Markdown text's headings (outside code blocks), a repeated heading numbered as GitHub does. */
export function headingAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	let inCode = false;
	for (const line of markdown.split('\n')) {
		if (line.startsWith('```')) inCode = !inCode;
		if (inCode || !/^#{1,6} /.test(line)) continue;
		const anchor = anchorOf(line.replace(/^#+ /, '').replace(/`/g, ''));
		const count = seen.get(anchor) ?? 0;
		seen.set(anchor, count + 1);
		anchors.add(count === 0 ? anchor : `${anchor}-${count}`);
	}
	return anchors;
}

/** The link targets of a Markdown text (`[text](target)`, images too), outside code blocks and code spans. */
export function linkTargets(markdown: string): string[] {
	const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
	return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target);
}

/** The relative links of `file` (project-relative) that name no file, or no heading of that file. */
export function brokenLinks(file: string): string[] {
	const markdown = fs.readFileSync(file, 'utf8');
	return linkTargets(markdown)
		.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
		.filter((target) => {
			const [linked, anchor] = target.split('#');
			const targetFile = linked === '' ? file : path.join(path.dirname(file), linked);
			if (!fs.existsSync(targetFile)) return true;
			if (anchor === undefined) return false;
			if (!targetFile.endsWith('.md')) return true;
			return !headingAnchors(fs.readFileSync(targetFile, 'utf8')).has(anchor);
		})
		.map((target) => `${file}: ${target}`);
}
