/**
 * Shortens the package's retry waits for the test run. The policy object is taken from the built files, the
 * same module instance the loaded nodes use; its type comes from the source.
 */
const { retryPolicy } =
	require('../../dist/nodes/core/retry') as typeof import('../../nodes/core/retry');

export { retryPolicy };

export const testRetryPolicy = {
	maxAttempts: 4,
	maxRateLimitedAttempts: 8,
	baseDelayMs: 20,
	maxDelayMs: 200,
	maxTotalWaitMs: 5_000,
};

export function useFastRetries(): void {
	const original = { ...retryPolicy };
	beforeAll(() => Object.assign(retryPolicy, testRetryPolicy));
	afterAll(() => Object.assign(retryPolicy, original));
}
