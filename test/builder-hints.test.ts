/**
 * What n8n's AI workflow builder reads about each node (`builderHint`): a search hint saying what the node is
 * for and which nodes it usually follows or precedes, and related nodes of this package. n8n publishes no
 * length limit; its own nodes' hints run to 568 characters (relation hints to 156), and its community-node lint
 * (no-builder-hint-leakage) forbids wire-format expressions and connection-type names in them. The package keeps
 * to a tighter bar, checked here.
 */
import type { INodeType } from 'n8n-workflow';

import { loadPackage, PACKAGE_NAME } from './harness/engine';

const NODES = ['stamped', 'stemp', 'stampedTrigger', 'stempTrigger', 'stampedPollingTrigger'];
const MAX_SEARCH_HINT = 300;
const MAX_RELATION_HINT = 100;

describe.each(NODES)('%s', (name) => {
	let nodeType: INodeType;
	beforeAll(async () => {
		nodeType = (await loadPackage()).getNode(name).type as INodeType;
	});

	test('has a search hint for the AI builder, short and free of wire formats', () => {
		const hint = nodeType.description.builderHint?.searchHint ?? '';
		expect(hint.length).toBeGreaterThan(80);
		expect(hint.length).toBeLessThanOrEqual(MAX_SEARCH_HINT);
		expect(hint).not.toMatch(/={{|\bai_[a-z]+/i);
		expect(hint).toMatch(/Usually (follows|followed)/);
	});

	test('names related nodes of this package only, each with a short reason', async () => {
		const loader = await loadPackage();
		const related = nodeType.description.builderHint?.relatedNodes ?? [];
		expect(related.length).toBeGreaterThan(0);
		for (const { nodeType: type, relationHint } of related) {
			expect(type.startsWith(`${PACKAGE_NAME}.`)).toBe(true);
			expect(() => loader.getNode(type.slice(PACKAGE_NAME.length + 1))).not.toThrow();
			expect(relationHint.length).toBeLessThanOrEqual(MAX_RELATION_HINT);
		}
	});

	// n8n 2.41 declares sensitiveOutputFields but does not apply it (its redaction pipeline never runs the
	// node-defined strategy), n8n 1.x does not know it, and where it is applied the fields are hidden for good
	// ("credential-equivalent", never revealable): e-mails and coupon codes the next node needs would vanish
	// from every execution view. So the package does not set it; the README says so.
	test('sets no sensitiveOutputFields (see the README: not honoured by the supported n8n versions)', () => {
		expect(nodeType.description.sensitiveOutputFields).toBeUndefined();
	});
});
