/**
 * The Idempotency Key's marker: how a key is written into an entry's text and read back from it. A text carries a
 * key only when the marker ends it; the key read back must be the one asked, exactly (`sameKey`).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { keyInText, keyMarker, keyProblem, textCarriesKey, withKeyMarker } =
	require('../../dist/nodes/core/idempotency') as typeof import('../../nodes/core/idempotency');

test.each([
	[undefined, 'order-1', '[key: order-1]'],
	['', 'order-1', '[key: order-1]'],
	['Order #1042', 'order-1042', 'Order #1042 [key: order-1042]'],
	['Thanks [key: a]', 'b', 'Thanks [key: a] [key: b]'],
])('written: %j with %j is %j', (text, key, written) => {
	expect(withKeyMarker(text, key)).toBe(written);
	expect(keyInText(written)).toBe(key);
	expect(textCarriesKey(written, key)).toBe(true);
});

test.each([
	['[key: order-1042]', 'order-1042'],
	['Order [key: #1042 / web]', '#1042 / web'],
	['a [key: x] b [key: y]', 'y'],
	['[key: gid://shopify/Order/1]', 'gid://shopify/Order/1'],
])('read back: %j carries %j', (text, key) => expect(keyInText(text)).toBe(key));

test.each([
	['no marker', 'Order #1042'],
	['the marker not at the end', '[key: order-1042] thanks'],
	['glued to the text before it', 'Order[key: order-1042]'],
	['an empty key', '[key: ]'],
	['a bracket inside', '[key: a]b]'],
	['a space at its edge', '[key:  order-1]'],
	['a trailing space after the marker', '[key: order-1] '],
	['another word than key', '[Key: order-1]'],
	['not a text', 1042],
])('no key: %s', (_, text) => expect(keyInText(text)).toBeUndefined());

test.each([
	['order-1042', 'order-10420'],
	['order-1042', 'Order-1042'],
	['1042', '01042'],
	['order-10420', 'order-1042'],
])('%j is not %j', (asked, held) => expect(textCarriesKey(keyMarker(held), asked)).toBe(false));

test.each([
	['order-1042', undefined],
	['#1042 / web', undefined],
	['', 'it is empty'],
	[' a', 'it starts or ends with a space'],
	['order  1042', 'it contains two spaces in a row'],
	['order 1042', undefined],
	['a]', 'it contains "]"'],
	['a\u0085b', 'it contains a control character'],
	['é', 'it contains "é" (U+00E9)'],
	['x'.repeat(100), undefined],
	['x'.repeat(101), 'it is 101 characters long; at most 100 are allowed'],
])('key %j: %s', (key, problem) => {
	const found = keyProblem(key);
	if (problem === undefined) expect(found).toBeUndefined();
	else expect(found).toContain(problem);
});
