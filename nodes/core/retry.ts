/**
 * When to try a request again, and how long to wait first.
 *
 * A 429 means the server did nothing, so it is always retried. A 5xx, a timeout or a dropped connection may
 * come after the server already applied a write, so those are retried only for idempotent calls.
 */
interface RetryPolicy {
	/** Attempts in all, the first one included, for 5xx, timeouts and dropped connections. */
	maxAttempts: number;
	/** Attempts in all after 429s; the server did nothing, so only the wait budget really bounds them. */
	maxRateLimitedAttempts: number;
	/** The backoff ceiling of the first retry; it doubles with every further retry (full jitter below it). */
	baseDelayMs: number;
	/** No single wait is longer than this. */
	maxDelayMs: number;
	/** The waits of one request never add up to more than this; a Retry-After beyond it ends the retries. */
	maxTotalWaitMs: number;
}

/** Shared by every request. Mutable on purpose: the unit tests shorten the waits. */
export const retryPolicy: RetryPolicy = {
	maxAttempts: 6,
	maxRateLimitedAttempts: 20,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxTotalWaitMs: 60_000,
};

export type FailureKind =
	| 'rateLimited'
	| 'serverError'
	| 'timeout'
	| 'connectionDropped'
	/** The status line arrived but the body was cut off: the request reached the server. */
	| 'answerCutOff'
	| 'notConnected'
	| 'clientError'
	/** A redirect to another origin (or too many): not followed, and nothing was done at the Base URL. */
	| 'redirected'
	| 'otherNetworkError';

/**
 * Whether the server may have acted on a call that failed this way: after a 5xx, a timeout, a connection that
 * broke mid-way, an answer cut off on its way back or a network error of no known kind, it may have; after a
 * 4xx, a 429, a refused connection or a failed DNS lookup, it did nothing.
 */
export function mayHaveActed(kind: FailureKind): boolean {
	return (
		kind === 'serverError' ||
		kind === 'timeout' ||
		kind === 'connectionDropped' ||
		kind === 'answerCutOff' ||
		kind === 'otherNetworkError'
	);
}

/** Whether a failure of this kind may be retried, given what the call would do if applied twice. */
export function isRetryable(kind: FailureKind, idempotent: boolean): boolean {
	switch (kind) {
		case 'rateLimited':
		case 'notConnected': // nothing reached the server
			return true;
		case 'serverError':
		case 'timeout':
		case 'connectionDropped':
		case 'answerCutOff':
			return idempotent;
		default:
			return false;
	}
}

const TIMEOUT_CODES = new Set([
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'ERR_CANCELED_TIMEOUT',
]);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);
/** No connection was made, so nothing reached the server: a failed DNS lookup counts like a refused connection. */
const NOT_CONNECTED_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EAI_NONAME',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

export function classifyStatus(statusCode: number): FailureKind | undefined {
	if (statusCode === 429) return 'rateLimited';
	if (statusCode >= 500) return 'serverError';
	if (statusCode >= 400) return 'clientError';
	return undefined;
}

export function classifyNetworkError(code: string | undefined, message: string): FailureKind {
	if (code && NOT_CONNECTED_CODES.has(code)) return 'notConnected';
	if ((code && TIMEOUT_CODES.has(code)) || /timeout/i.test(message)) return 'timeout';
	if ((code && DROPPED_CODES.has(code)) || /socket hang up/i.test(message))
		return 'connectionDropped';
	return 'otherNetworkError';
}

/** Exponential backoff with full jitter: a random wait between zero and the attempt's ceiling. */
export function backoffDelayMs(
	retryNumber: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retryNumber - 1));
	return Math.floor(random() * ceiling);
}

/** Retry-After in milliseconds, from delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(value: unknown, now: number = Date.now()): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}
