/** The example workflows in examples/, as n8n imports them. */
import fs from 'node:fs';
import path from 'node:path';

import { EXAMPLES_DIR } from './paths';

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; webhookId?: string }>;
	/** The file it came from, e.g. `new-order-award-points.json`. */
	file: string;
}

export function loadExamples(): ExampleWorkflow[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			...JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')),
			file,
		}));
}

export function loadExample(file: string): ExampleWorkflow {
	const example = loadExamples().find((candidate) => candidate.file === file);
	if (!example) throw new Error(`No example ${file} in ${EXAMPLES_DIR}`);
	return example;
}

/** Whether a workflow starts from a trigger node of this package (it needs a running, published n8n). */
export function startsFromVendorTrigger(workflow: Pick<ExampleWorkflow, 'nodes'>): boolean {
	return workflow.nodes.some((node) => /^n8n-nodes-stamped-stemp\.\w+Trigger$/.test(node.type));
}
