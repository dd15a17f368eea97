/**
 * Class 7, failure classes: a failed DNS lookup (ENOTFOUND) means nothing reached the server, so it is retried
 * like a refused connection, even for a write, and its error never says the server may have applied the write.
 */
import { runNode } from '../harness/engine';
import { testRetryPolicy, useFastRetries } from '../harness/fast-retries';
import { STEMP_TOKEN } from '../fake-api/stemp';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const retry = require('../../dist/nodes/core/retry') as typeof import('../../nodes/core/retry');

useFastRetries();

/** `.invalid` never resolves (RFC 2606): every lookup fails with ENOTFOUND. */
const UNRESOLVABLE = 'http://stemp-api.invalid/api/v1';

describe('ENOTFOUND', () => {
	test('is classified as "not connected", which the server cannot have acted on', () => {
		expect(retry.classifyNetworkError('ENOTFOUND', 'getaddrinfo ENOTFOUND stemp-api.invalid')).toBe(
			'notConnected',
		);
		expect(retry.mayHaveActed('notConnected')).toBe(false);
		expect(retry.isRetryable('notConnected', false)).toBe(true);
	});

	test.each([['ECONNREFUSED'], ['EAI_AGAIN'], ['EHOSTUNREACH'], ['ENETUNREACH']])(
		'so is %s',
		(code) => {
			expect(retry.classifyNetworkError(code, '')).toBe('notConnected');
		},
	);

	test('a timeout or a reset still may have acted', () => {
		expect(retry.mayHaveActed(retry.classifyNetworkError('ETIMEDOUT', ''))).toBe(true);
		expect(retry.mayHaveActed(retry.classifyNetworkError('ECONNRESET', ''))).toBe(true);
	});

	test('a stemp add (a write never re-sent after an ambiguous failure) is retried, and the error says nothing was applied', async () => {
		const { error } = await runNode({
			type: 'stemp',
			parameters: { resource: 'stamp', operation: 'add', walletPassId: 'wp_abc456' } as never,
			credentials: { stempApi: { apiToken: STEMP_TOKEN, baseUrl: UNRESOLVABLE } },
		});
		// n8n's NodeApiError words the message for a known network code itself; the description is the node's.
		expect(error?.message).toMatch(/connection cannot be established|Could not reach stemp/);
		expect(
			(error?.context as { code?: string } | undefined)?.code ??
				(error as { errorResponse?: { code?: string } })?.errorResponse?.code,
		).toBe('ENOTFOUND');
		expect(error?.description).toContain(
			`failed after ${testRetryPolicy.maxAttempts} attempts: no connection (refused, or the host name did not resolve): nothing reached the server`,
		);
		expect(error?.description).not.toMatch(/may already have applied/);
	});
});
