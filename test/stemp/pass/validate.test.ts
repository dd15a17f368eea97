/** Wallet Pass > Validate: `POST walletpasses/validate` {walletPassId, signature}; stemp's verdict is the output. */
import { passSignature } from '../../fake-api/stemp';
import { api, stemp, useStempApi } from '../support';

useStempApi();

const validate = (parameters: Record<string, unknown>) =>
	stemp({ resource: 'pass', operation: 'validate', walletPassId: 'wp_abc456', ...parameters });

test('a genuine QR code: valid, with the pass', async () => {
	const { items, error } = await validate({ signature: passSignature('wp_abc456') });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({
		valid: true,
		belongsToOrganization: true,
		walletPass: { id: 'wp_abc456' },
	});
	expect(api.requests()).toMatchObject([
		{
			method: 'POST',
			path: '/walletpasses/validate',
			body: { walletPassId: 'wp_abc456', signature: passSignature('wp_abc456') },
		},
	]);
});

test('a forged signature is stemp\'s "valid: false" with the reason, not a node error', async () => {
	const { items, error } = await validate({ signature: 'forged' });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ valid: false, reason: 'INVALID_SIGNATURE' });
});

test('a validation changes nothing, so a 5xx is retried', async () => {
	api.inject({ vendor: 'stemp', path: '/validate', kind: 500, phase: 'after', times: 1 });
	const { items } = await validate({ signature: passSignature('wp_abc456') });
	expect(items[0].json.valid).toBe(true);
	expect(api.requests()).toHaveLength(2);
});

test.each([
	[{ signature: '   ' }, 'Invalid "Signature" in item 0: it is empty'],
	[{ signature: '={{ ["a"] }}' }, 'Invalid "Signature" in item 0: it is a list, not a text'],
	[
		{ signature: 'x'.repeat(2049) },
		'Invalid "Signature" in item 0: it is 2049 characters long; at most 2048 are allowed',
	],
])('%j is refused before sending', async (parameters, message) => {
	const { error } = await validate(parameters);
	expect(error?.message).toBe(message);
	expect(api.requests()).toHaveLength(0);
});
