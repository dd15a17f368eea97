/**
 * Tests a credential the way n8n's "Test" button does (CredentialsTester in n8n's CLI): the credential type's
 * own `test` request if it has one, otherwise the `testedBy` function of a node that uses it, called with
 * n8n-core's CredentialTestContext and the credential's values as n8n prepares them (defaults filled in).
 */
import { CredentialTestContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';

import { loadPackage, withCredentialDefaults } from './engine';

export async function testCredential(
	credentialType: string,
	values: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const loader = await loadPackage();
	const type = loader.getCredential(credentialType).type;
	if (type.test)
		throw new Error(
			`${credentialType} declares a request test; this harness runs testedBy functions`,
		);

	const data = withCredentialDefaults(type, values);

	for (const nodeName of loader.known.credentials[credentialType]?.supportedNodes ?? []) {
		const node = loader.getNode(nodeName).type as INodeType;
		const testedBy = node.description.credentials?.find(
			({ name }) => name === credentialType,
		)?.testedBy;
		if (typeof testedBy !== 'string') continue;
		const test = node.methods?.credentialTest?.[testedBy] as ICredentialTestFunction | undefined;
		if (!test) continue;
		return await test.call(new CredentialTestContext(), {
			id: 'credential-id',
			name: 'Test',
			type: credentialType,
			data,
		});
	}
	return { status: 'Error', message: 'No testing function found for this credential.' };
}
