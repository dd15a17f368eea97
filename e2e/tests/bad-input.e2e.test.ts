/**
 * Bad input inside a workflow, in the current n8n 2.x: the run fails with a node error that names the field
 * and the item, and the sandbox received nothing.
 */
import { CURRENT_N8N } from '../src/install';
import { useInstance } from './support/lifecycle';
import { stampedBadInput, stempBadInput } from './support/workflows';

const instance = useInstance({
	dist: CURRENT_N8N,
	name: 'e2e-bad-input',
	workflows: [stempBadInput, stampedBadInput],
});

test.each([
	{
		workflow: stempBadInput,
		node: 'Set stamps',
		message: 'Invalid "Stamps" in item 0: 12 is out of range (0 to 10)',
	},
	{
		workflow: stampedBadInput,
		node: 'Add points',
		message: 'Invalid "Email" in item 0: "jane.example.com" is not a valid e-mail address',
	},
])(
	'$workflow.name fails in "$node" naming the field, and sends nothing',
	async ({ workflow, node, message }) => {
		const { ok, execution, output } = await instance.n8n.execute(workflow.id);

		expect(ok).toBe(false);
		const error = execution?.data.resultData.error;
		expect(error).toMatchObject({ message, node: { name: node } });
		expect(error?.description).toContain('Nothing was sent');
		// n8n's CLI prints the message too, so someone running the workflow by hand sees it.
		expect(output).toContain(message);
		expect(await instance.sandbox.log()).toEqual([]);
	},
);
