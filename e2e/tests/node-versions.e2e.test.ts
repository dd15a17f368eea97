/**
 * A workflow saved on node version 1 (plain fields) and the same workflow on version 2 (resource locators, as
 * the editor saves them) run in the current n8n 2.x with `n8n execute`: the sandbox receives the same requests
 * and every node outputs the same. (The n8n 1.x smoke test runs the pair too.)
 */
import { CURRENT_N8N } from '../src/install';
import { useInstance } from './support/lifecycle';
import { runVersion, version1, version2 } from './support/node-versions';

const instance = useInstance({
	dist: CURRENT_N8N,
	name: 'e2e-node-versions',
	workflows: [version1, version2],
});

test('version 1 and version 2 of the same workflow send the same requests and output the same', async () => {
	const one = await runVersion(instance, version1.id);
	const two = await runVersion(instance, version2.id);
	expect(one.sent.map((request) => `${request.method} ${request.path}`)).toEqual([
		expect.stringMatching(/^GET \/.*\/customers\/jane(@|%40)example\.com$/),
		expect.stringMatching(/^POST \/.*\/dashboard\/reviews\/rev_1003\/reply$/),
		expect.stringMatching(/^GET \/.*\/customers\/lookup$/),
		expect.stringMatching(/^GET \/(.*\/)?users\/shopify-1002$/),
	]);
	expect(two.sent).toEqual(one.sent);
	expect(two.outputs).toEqual(one.outputs);
	expect(one.outputs.every((items) => items.length === 1)).toBe(true);
});
