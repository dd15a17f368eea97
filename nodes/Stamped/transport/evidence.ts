/**
 * Where each Stamped API v2 request the package sends comes from: the one place that says how sure it is.
 * Stamped publishes no v2 reference, so every v2 request rests on code that calls it (the shared notes'
 * `api/stamped-v2-evidence.md` names the sources). The README's operations table and the error of an
 * unconfirmed endpoint Stamped does not serve are derived from this table.
 */
export type Evidence =
	/** Stamped's published reference (API v3: every v3 request). */
	| 'reference'
	/** Stamped's own store plugins (Magento 2, WooCommerce). */
	| 'plugins'
	/** Independent code or integrator documentation. */
	| 'integrations'
	/** The third-party guide the first operations came from, and nothing else. */
	| 'sourceDocument';

export const EVIDENCE_LABELS: Record<Evidence, string> = {
	reference: "Stamped's published reference",
	plugins: "Stamped's own plugins",
	integrations: 'other integrations',
	sourceDocument: 'the source document only',
};

interface V2Request {
	method: 'GET' | 'POST' | 'DELETE';
	/** Below `/api/v2/{storeHash}` (`/reviews3` sits beside `/api/v2`); `{name}` stands for one path segment. */
	path: string;
	evidence: Evidence;
	/** What to use instead when Stamped does not serve an unconfirmed endpoint. */
	alternative?: string;
}

const V3_CUSTOMERS =
	"a Stamped API credential set to API v3 (Loyalty 2.0), where Customer operations follow Stamped's published reference";

/** The v2 requests of each operation (`resource.operation`), in the order they may be sent. */
export const V2_REQUESTS: Record<string, readonly V2Request[]> = {
	'customer.getAll': [
		{
			method: 'GET',
			path: '/customers',
			evidence: 'sourceDocument',
			alternative: `Customer > Get Many on ${V3_CUSTOMERS}`,
		},
	],
	'customer.get': [
		{
			method: 'GET',
			path: '/customers/{email}',
			evidence: 'sourceDocument',
			alternative: `Customer > Get on ${V3_CUSTOMERS}`,
		},
	],
	'customer.upsert': [
		{
			method: 'POST',
			path: '/customers',
			evidence: 'sourceDocument',
			alternative: `Customer > Create or Update on ${V3_CUSTOMERS}`,
		},
	],
	'customer.delete': [
		{
			method: 'DELETE',
			path: '/customers/{email}',
			evidence: 'sourceDocument',
			alternative: `Customer > Delete on ${V3_CUSTOMERS}`,
		},
	],
	'points.update': [
		{
			method: 'POST',
			path: '/customers/points',
			evidence: 'sourceDocument',
			alternative:
				"Point > Update on a Stamped API credential set to API v3 (Loyalty 2.0), which follows Stamped's published reference",
		},
	],
	'loyaltyTransaction.create': [
		{
			method: 'POST',
			path: '/loyalty/transactions',
			evidence: 'sourceDocument',
			alternative:
				"Loyalty Transaction > Create on a Stamped API credential set to API v3 (Loyalty 2.0), or Order > Create on API v2 (the order Stamped's own plugins send, rewarded by the program's rules)",
		},
	],
	'tier.getAll': [
		{
			method: 'GET',
			path: '/loyalty/tiers',
			evidence: 'sourceDocument',
			alternative:
				'Tier > Set on a Stamped API credential set to API v3 (Loyalty 2.0), with the tier names of your program typed in (API v3 lists no tiers)',
		},
	],
	'review.getAll': [
		{
			method: 'GET',
			path: '/reviews',
			evidence: 'sourceDocument',
			alternative:
				'Review > Get Many with a filter other than Email (e.g. From Date), which reads the dashboard review list that integrations use; API v3 has no review operations',
		},
		{ method: 'GET', path: '/dashboard/reviews', evidence: 'integrations' },
	],
	'review.get': [
		{ method: 'GET', path: '/dashboard/reviews/{reviewId}', evidence: 'integrations' },
	],
	'review.getSummary': [
		// The Magento plugin spells it `richsnippet`, the WooCommerce plugin `richSnippet`; both on v2.
		{ method: 'GET', path: '/richsnippet', evidence: 'plugins' },
		{ method: 'GET', path: '/richSnippet', evidence: 'plugins' },
	],
	'review.reply': [
		{ method: 'POST', path: '/dashboard/reviews/{reviewId}/reply', evidence: 'integrations' },
	],
	'review.create': [{ method: 'POST', path: '/reviews3', evidence: 'integrations' }],
	'reviewRequest.create': [{ method: 'POST', path: '/survey/reviews/bulk', evidence: 'plugins' }],
	'order.create': [{ method: 'POST', path: '/orders', evidence: 'plugins' }],
	// Not operations: the credential test and the Stamped Polling Trigger read the dashboard list too.
	'credentialTest.probe': [{ method: 'GET', path: '/dashboard/reviews', evidence: 'integrations' }],
	'pollingTrigger.reviews': [
		{ method: 'GET', path: '/dashboard/reviews', evidence: 'integrations' },
	],
};

function matches(template: string, path: string): boolean {
	const pattern = template
		.split('/')
		.map((segment) =>
			/^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
		)
		.join('/');
	return new RegExp(`^${pattern}$`).test(path);
}

/** The table's entry for a request the package sends (`path` without its query), if it has one. */
export function v2RequestFor(method: string, path: string): V2Request | undefined {
	const bare = path.split('?')[0];
	for (const requests of Object.values(V2_REQUESTS)) {
		const found = requests.find(
			(request) => request.method === method && matches(request.path, bare),
		);
		if (found) return found;
	}
	return undefined;
}

/** The evidence of an operation's v2 requests, weakest first (what the README shows). */
export function v2EvidenceOf(resource: string, operation: string): Evidence[] {
	const order: Evidence[] = ['sourceDocument', 'integrations', 'plugins', 'reference'];
	const found = new Set((V2_REQUESTS[`${resource}.${operation}`] ?? []).map((r) => r.evidence));
	return order.filter((evidence) => found.has(evidence));
}

/**
 * Whether a 404 says the route does not exist rather than the record: a web page, or a message (JSON or
 * text) about the address ("No HTTP resource was found that matches the request URI", "No route for", "Cannot
 * GET"). A JSON message that names a record ("Customer not found") is about the record.
 */
export function isMissingRoute(body: unknown): boolean {
	if (typeof body === 'string') {
		const text = body.trim();
		if (/^[[{]/.test(text)) {
			try {
				return isMissingRoute(JSON.parse(text) as unknown);
			} catch {
				return false;
			}
		}
		// A web page is the server's, not the API's; other text counts only when it is about the address.
		return /^<|<html/i.test(text) || ROUTE_MESSAGE.test(text);
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
	const record = body as Record<string, unknown>;
	const message = ['message', 'Message', 'error', 'detail', 'MessageDetail']
		.map((key) => record[key])
		.filter((value): value is string => typeof value === 'string')
		.join(' ');
	return ROUTE_MESSAGE.test(message);
}

const ROUTE_MESSAGE =
	/no (http )?(route|resource|endpoint|action)\b|route not found|cannot (get|post|put|delete|patch) \/|matches the request uri/i;
