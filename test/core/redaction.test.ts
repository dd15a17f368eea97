/**
 * Masking credential values in answers: an answer without any is passed on as it is (no copy per page of an
 * export), one with a value anywhere (a key, a nested string, a value JSON escapes) is masked everywhere.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { redactValue, secretsOf } =
	require('../../dist/nodes/core/redaction') as typeof import('../../nodes/core/redaction');

const secrets = secretsOf(
	{ publicKey: 'pub-"quoted"-key', privateKey: 'priv\\back\\slash', token: 'tok_12345678' },
	['publicKey', 'privateKey', 'token'],
	[['publicKey', 'privateKey']],
);

test('an answer holding no credential value is passed on as it is', () => {
	const page = { data: [{ email: 'a@example.com', tags: ['vip'] }], total: 1 };
	expect(redactValue(page, secrets)).toBe(page);
});

test.each([
	['a plain value', { data: [{ note: 'see tok_12345678 here' }] }],
	['a value with a quote', { data: [{ nested: { deep: ['x pub-"quoted"-key y'] } }] }],
	['a value with backslashes', { message: 'echo: priv\\back\\slash' }],
	['a key', { ['tok_12345678']: true }],
	[
		'the Base64 of the Basic pair',
		{ auth: Buffer.from('pub-"quoted"-key:priv\\back\\slash').toString('base64') },
	],
])('%s is masked, in a copy', (_label, answer) => {
	const masked = redactValue(answer, secrets);
	expect(masked).not.toBe(answer);
	const text = JSON.stringify(masked);
	for (const value of ['tok_12345678', 'pub-"quoted"-key', 'priv\\back\\slash'])
		expect(text).not.toContain(JSON.stringify(value).slice(1, -1));
	expect(text).toContain('[redacted]');
});
