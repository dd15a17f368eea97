/**
 * A local stand-in for the Stamped (v2 and v3) and stemp APIs: a real HTTP server on 127.0.0.1 that follows the vendor
 * documents (auth, paths, bodies, envelopes, paging, 400/401/404), with switches to inject faults (429 bursts,
 * 5xx before or after a change is applied, dropped connections, latency, a requests-per-second ceiling) and a
 * log of every request for tests to assert on.
 *
 * When the server runs in a process of its own (the playground, the end-to-end suite, the benchmark), its control
 * endpoints stand in for those properties: `GET /__log` (the request log), `GET /__stats` (how many requests
 * and the most that were in flight at once), `DELETE /__log` (forget both),
 * `POST /__reset` (log, faults, settings and data back to the seed), `GET /__stemp/endpoints` (stemp's registered
 * webhook endpoints, secrets included) and `DELETE /__stemp/endpoints`, `GET /__events` (the webhooks stemp and
 * Stamped would have sent), `GET /__mail` (what the sandbox's SMTP mailbox received, when one is attached), and
 * with a JSON body: `POST /__settings` (latency and requests-per-second ceiling, see `Settings`), `POST /__faults`
 * (one fault or a list, as `inject` takes them), `POST /__seed` (generated customers and passes, see `Seed`) and
 * `POST /__hostile` (a server that misbehaves on purpose, see `Hostile`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { answerProblems, requestProblems } from '../contract/check';
import { stempAnswerProblems, stempRequestProblems } from '../contract/stemp-contract';
import type { SmtpSink } from './smtp';
import { StampedV2 } from './stamped-v2';
import { StampedV3 } from './stamped-v3';
import { Stemp } from './stemp';

/** `stamped` is Stamped's API v2, `stampedV3` its API v3 (Loyalty 2.0). */
export type Vendor = 'stamped' | 'stampedV3' | 'stemp';

export interface LoggedRequest {
	vendor: Vendor;
	method: string;
	/** Path below the vendor's base URL, decoded, e.g. `/walletpasses/wp_1/stamps/add`. */
	path: string;
	/** The same path as it arrived on the wire (still URL-encoded). */
	rawPath: string;
	query: Record<string, string>;
	/** Every value of each query parameter, in order (`tags=a&tags=b` → `{tags: ['a', 'b']}`). */
	queryAll: Record<string, string[]>;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	/** The body as it arrived on the wire (e.g. to see how a number was written: `0.0000001` or `1e-7`). */
	rawBody: string;
	/** The status answered; 0 when the connection was dropped. */
	status: number;
	/** Whether the vendor's state was changed by this request. */
	applied: boolean;
	/** When the request arrived (ms since the epoch). */
	receivedAt: number;
	/** Requests in flight when this one arrived, itself included. */
	inFlight: number;
	/** Set for Stamped's `/api/reviews3`, served beside the v2 API (see VendorRequest). */
	outsideBase?: boolean;
}

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** A body sent as it is (e.g. a web page, with its Content-Type in `headers`) instead of `body` as JSON. */
	raw?: string;
	/** Whether this request changed state (for the log and for "after" faults). */
	applied?: boolean;
	/**
	 * Set on an answer the handler was switched to serve in another form than the vendor's reference declares
	 * (a tolerance test's envelope): the contract check leaves it alone.
	 */
	offContract?: boolean;
}

export interface VendorRequest {
	method: string;
	path: string;
	/** The path's segments, each URL-decoded on its own (so an encoded "/" stays inside its segment). */
	segments: string[];
	/** The last value of each query parameter. */
	query: Record<string, string>;
	queryAll: Record<string, string[]>;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	/** Set for a path beside the vendor's base rather than below it (Stamped's `/api/reviews3`); `path` is then `/reviews3`. */
	outsideBase?: boolean;
}

export interface VendorApi {
	handle(request: VendorRequest): Reply;
}

/** A fault injected into the next `times` requests that match. */
export interface Fault {
	vendor?: Vendor;
	method?: string;
	/** Matches when the request path contains this text. */
	path?: string;
	times: number;
	/**
	 * An HTTP status to answer with (`429`, a 5xx...), `drop` (close the socket without answering) or `cut` (send
	 * the vendor's own answer's status, headers and the first half of its body, then close the socket: an answer
	 * cut off on its way back). A 3xx status answers a redirect to `redirectTo`.
	 */
	kind: number | 'drop' | 'cut';
	/** With a 3xx `kind`: the Location sent (absolute, e.g. another fake server's URL, or relative). */
	redirectTo?: string;
	/** Replaces the vendor's usual error body for this status. */
	body?: unknown;
	/**
	 * A body sent as it is instead, as `text/html` (a gateway's or a proxy's error page), or as JSON when it starts
	 * with `{`: what a server other than the vendor answers.
	 */
	raw?: string;
	/** `before`: nothing is applied; `after`: the request is applied, then the fault replaces the answer. */
	phase?: 'before' | 'after';
	/** Seconds sent in Retry-After with a 429 (stemp sends it, Stamped does not). Omit for none. */
	retryAfterSeconds?: number;
}

/** What `POST /__settings` changes; `null` switches a ceiling off, a field left out stays as it is. */
export interface Settings {
	latencyMs?: number;
	requestsPerSecond?: number | null;
	rateLimitRetryAfterSeconds?: number | null;
	/** Where stemp POSTs the events of registered webhook endpoints (see `Stemp.webhookOrigin`); null: nowhere. */
	stempWebhookOrigin?: string | null;
	/**
	 * Whether v3 requests and answers are held to Stamped's reference (`contractViolations`); on unless set off.
	 * The benchmark sets it off: the check costs the sandbox a millisecond per list page, on its one thread, which
	 * a server answering several requests at once would not.
	 */
	checkContract?: boolean;
}

/**
 * A server that misbehaves on purpose (`POST /__hostile`, or `api.hostile = {...}`); every switch is off after a
 * reset. List switches apply to every list endpoint of every vendor (Stamped v2 and v3 customers, reviews,
 * activities, rewards; stemp history).
 */
export interface Hostile {
	/** Every 2xx JSON object answer also carries the credentials the request came with, under `echo`. */
	echoCredentials?: boolean;
	/** Every error answer is a text quoting the credentials, after this many characters of padding. */
	echoCredentialsInErrors?: number;
	/** List endpoints answer every page like the first one. */
	ignorePaging?: boolean;
	/** List answers report this total instead of the real one (e.g. 250 when 100 exist, or -1). */
	listTotal?: number;
	/** List answers hold this instead of their array of records (e.g. an object, a text, null). */
	listRecords?: unknown;
	/** List pages at this 0-based page index and after come back empty, whatever the figures say. */
	emptyFromPageIndex?: number;
	/** List pages hold at most this many records, whatever page size was asked (a server capping `take`/`limit`). */
	pageSizeCap?: number;
	/**
	 * Lookups and reads by a key (v3 customer, order and product lookups and reads by id, v2 customer and review
	 * reads, stemp user reads and writes) match loosely: letter case and surrounding spaces ignored, and a stored
	 * value that begins with the one asked taken for it (see ./lenient).
	 */
	lenientLookups?: boolean;
	/**
	 * List pages hold only their first this many records, while the page numbers still count in the size asked and
	 * the figures still say more follow: a server that pages by a smaller size than asked for, quietly.
	 */
	pageTrimmedTo?: number;
	/** Every list page says more pages follow (`morePages`, `hasMore`, `last: false`), the last one included. */
	morePagesAlways?: boolean;
	/**
	 * Pages past the end of a list (empty pages after the first) are answered with this status and
	 * `{message: "Page not found"}`: a server that errors beyond the last page.
	 */
	pastEndStatus?: number;
	/** Pages past the end of a list answer the list's first page again, saying more pages follow. */
	pastEndRepeatsFirst?: boolean;
}

/**
 * What `POST /__seed` generates: Stamped v2's customers replaced by this many, this many more stemp passes, and
 * in the v3 shop this many more products (`sku-00000`...) and orders (`order-00000`..., Jane's).
 */
export interface Seed {
	stampedCustomers?: number;
	stempPasses?: number;
	stampedV3Products?: number;
	stampedV3Orders?: number;
}

export interface FakeApiOptions {
	stamped?: ConstructorParameters<typeof StampedV2>[0];
	stampedV3?: ConstructorParameters<typeof StampedV3>[0];
	stemp?: ConstructorParameters<typeof Stemp>[0];
}

export const STAMPED_PREFIX = '/stamped/api/v2';
export const STAMPED_V3_PREFIX = '/stamped/api/v3';
export const STEMP_PREFIX = '/stemp/api/v1';
/** Stamped serves review creation beside its v2 API, at `/api/reviews3` on the same host. */
export const STAMPED_REVIEWS3_PATH = '/stamped/api/reviews3';
/** Paths below this prefix control the fake itself; they are never logged. */
export const CONTROL_PREFIX = '/__';

const PREFIXES: Record<Vendor, string> = {
	stamped: STAMPED_PREFIX,
	stampedV3: STAMPED_V3_PREFIX,
	stemp: STEMP_PREFIX,
};

export class FakeApi {
	readonly log: LoggedRequest[] = [];
	stamped: StampedV2;
	stampedV3: StampedV3;
	stemp: Stemp;
	/** Delay before every answer, in milliseconds. */
	latencyMs = 0;
	/** When set, requests beyond this many per second (per vendor) get 429. */
	requestsPerSecond: number | undefined;
	/** Retry-After (seconds) sent with 429s from the requests-per-second ceiling; undefined sends none. */
	rateLimitRetryAfterSeconds: number | undefined;
	/** Requests in flight at most, seen so far (for concurrency assertions). */
	maxInFlight = 0;
	/**
	 * When set, requests are held until this many are in flight at once (each at most `HOLD_TIMEOUT_MS`), then
	 * answered as usual: a concurrency assertion then does not depend on how fast a loaded machine sends a round.
	 * A client that sends that many at once reaches the count; one that sends fewer never does.
	 */
	holdUntilInFlight: number | undefined;
	/** The sandbox's mailbox, served at `/__mail` and emptied by `/__reset`. */
	mailbox: SmtpSink | undefined;
	/** Misbehaviour switched on by a test (see `Hostile`). */
	hostile: Hostile = {};
	/** Whether v3 traffic is held to Stamped's reference (see `Settings.checkContract`). */
	checkContract = true;
	/**
	 * Where a Stamped v3 or stemp request, or an answer of their handlers, differed from the vendor's published
	 * reference (test/contract/check.ts, test/contract/stemp-contract.ts). test/harness/contract-guard.ts fails the test that caused one; `GET /__contract`
	 * serves them to tests that run the server in a process of its own.
	 */
	readonly contractViolations: string[] = [];
	/** The fake APIs running in this process, for the contract guard. */
	static readonly running = new Set<FakeApi>();

	private faults: Fault[] = [];
	private inFlight = 0;
	private held: Array<() => void> = [];
	private recent: Record<Vendor, number[]> = { stamped: [], stampedV3: [], stemp: [] };
	private server = http.createServer((req, res) => void this.onRequest(req, res));
	private baseUrl = '';

	constructor(private readonly options: FakeApiOptions = {}) {
		this.stamped = new StampedV2(options.stamped);
		this.stampedV3 = new StampedV3(options.stampedV3);
		this.stemp = new Stemp(options.stemp);
	}

	async start(port = 0): Promise<this> {
		await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
		const { port: actual } = this.server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${actual}`;
		FakeApi.running.add(this);
		return this;
	}

	async stop(): Promise<void> {
		FakeApi.running.delete(this);
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	get url(): string {
		return this.baseUrl;
	}

	get stampedUrl(): string {
		return this.baseUrl + STAMPED_PREFIX;
	}

	get stampedV3Url(): string {
		return this.baseUrl + STAMPED_V3_PREFIX;
	}

	get stempUrl(): string {
		return this.baseUrl + STEMP_PREFIX;
	}

	/** Forgets requests, faults and limits, and restores the seeded data. */
	reset(): void {
		this.log.length = 0;
		this.faults = [];
		this.latencyMs = 0;
		this.requestsPerSecond = undefined;
		this.rateLimitRetryAfterSeconds = undefined;
		this.maxInFlight = 0;
		this.holdUntilInFlight = undefined;
		this.releaseHeld();
		this.hostile = {};
		this.checkContract = true;
		this.recent = { stamped: [], stampedV3: [], stemp: [] };
		this.stamped = new StampedV2(this.options.stamped);
		this.stampedV3 = new StampedV3(this.options.stampedV3);
		this.stemp = new Stemp(this.options.stemp);
	}

	private holdForOthers(): Promise<void> {
		if (this.holdUntilInFlight === undefined) return Promise.resolve();
		if (this.inFlight >= this.holdUntilInFlight) {
			this.holdUntilInFlight = undefined;
			this.releaseHeld();
			return Promise.resolve();
		}
		return new Promise<void>((resolve) => {
			const timer = setTimeout(release, HOLD_TIMEOUT_MS);
			function release() {
				clearTimeout(timer);
				resolve();
			}
			this.held.push(release);
		});
	}

	private releaseHeld(): void {
		const held = this.held;
		this.held = [];
		for (const release of held) release();
	}

	inject(fault: Fault): void {
		this.faults.push({ phase: 'before', ...fault });
	}

	/** Changes latency and the rate-limit ceiling; returns them as they are now. */
	configure(settings: Settings): Required<Settings> {
		if (settings.latencyMs !== undefined)
			this.latencyMs = nonNegative(settings.latencyMs, 'latencyMs');
		if (settings.requestsPerSecond !== undefined) {
			this.requestsPerSecond =
				settings.requestsPerSecond === null
					? undefined
					: positive(settings.requestsPerSecond, 'requestsPerSecond');
		}
		if (settings.rateLimitRetryAfterSeconds !== undefined) {
			this.rateLimitRetryAfterSeconds =
				settings.rateLimitRetryAfterSeconds === null
					? undefined
					: nonNegative(settings.rateLimitRetryAfterSeconds, 'rateLimitRetryAfterSeconds');
		}
		if (settings.stempWebhookOrigin !== undefined) {
			const origin = settings.stempWebhookOrigin;
			if (origin !== null && (typeof origin !== 'string' || !/^https?:\/\/[^/]+$/.test(origin)))
				throw new Error(
					'stempWebhookOrigin must be an origin such as http://127.0.0.1:5678, or null',
				);
			this.stemp.webhookOrigin = origin ?? undefined;
		}
		if (settings.checkContract !== undefined) {
			if (typeof settings.checkContract !== 'boolean')
				throw new Error('checkContract must be true or false');
			this.checkContract = settings.checkContract;
		}
		return {
			latencyMs: this.latencyMs,
			requestsPerSecond: this.requestsPerSecond ?? null,
			rateLimitRetryAfterSeconds: this.rateLimitRetryAfterSeconds ?? null,
			stempWebhookOrigin: this.stemp.webhookOrigin ?? null,
			checkContract: this.checkContract,
		};
	}

	/** Generates data in bulk (see `Seed`); returns how many customers and passes there are now. */
	seed(seed: Seed): Record<string, number> {
		if (seed.stampedCustomers !== undefined) {
			this.stamped.customers.clear();
			this.stamped.seedCustomers(nonNegative(seed.stampedCustomers, 'stampedCustomers'));
		}
		if (seed.stempPasses !== undefined)
			this.stemp.seedPasses(nonNegative(seed.stempPasses, 'stempPasses'));
		if (seed.stampedV3Products !== undefined)
			this.stampedV3.seedProducts(nonNegative(seed.stampedV3Products, 'stampedV3Products'));
		if (seed.stampedV3Orders !== undefined) {
			const customer =
				this.stampedV3.byEmail('jane@example.com') ??
				this.stampedV3.insert({ email: 'jane@example.com' });
			this.stampedV3.seedOrders(nonNegative(seed.stampedV3Orders, 'stampedV3Orders'), customer);
		}
		return {
			stampedCustomers: this.stamped.customers.size,
			stempPasses: this.stemp.passes.size,
			// The v3 shop's figures, when they were asked for.
			...(seed.stampedV3Products !== undefined
				? { stampedV3Products: this.stampedV3.products.size }
				: {}),
			...(seed.stampedV3Orders !== undefined
				? { stampedV3Orders: this.stampedV3.orders.size }
				: {}),
		};
	}

	requests(
		filter: Partial<Pick<LoggedRequest, 'vendor' | 'method'>> & { path?: string } = {},
	): LoggedRequest[] {
		return this.log.filter(
			(entry) =>
				(!filter.vendor || entry.vendor === filter.vendor) &&
				(!filter.method || entry.method === filter.method) &&
				(!filter.path || entry.path.includes(filter.path)),
		);
	}

	/** Answers a control request (see the file's comment). */
	private control(method: string, pathname: string, raw: string): Reply {
		const route = `${method} ${pathname}`;
		if (route === 'GET /__log') return { status: 200, body: this.log };
		if (route === 'GET /__contract') return { status: 200, body: this.contractViolations };
		if (route === 'DELETE /__contract') {
			this.contractViolations.length = 0;
			return { status: 204 };
		}
		if (route === 'GET /__stats')
			return { status: 200, body: { requests: this.log.length, maxInFlight: this.maxInFlight } };
		if (route === 'DELETE /__log') {
			this.log.length = 0;
			this.maxInFlight = 0;
			return { status: 204 };
		}
		if (route === 'POST /__reset') {
			this.reset();
			if (this.mailbox) this.mailbox.messages.length = 0;
			return { status: 204 };
		}
		if (route === 'GET /__mail') return { status: 200, body: this.mailbox?.messages ?? [] };
		// stemp's registered webhook endpoints with their secrets (what only the registering client learns), and
		// deleting them all, as someone doing it in stemp's dashboard would.
		if (route === 'GET /__stemp/endpoints')
			return { status: 200, body: [...this.stemp.endpoints.values()] };
		if (route === 'DELETE /__stemp/endpoints') {
			this.stemp.endpoints.clear();
			return { status: 204 };
		}
		if (route === 'GET /__events') {
			return {
				status: 200,
				body: { stemp: this.stemp.events, stamped: { tierChanges: this.stamped.tierChanges } },
			};
		}
		const withBody = CONTROL_WITH_BODY[route];
		if (withBody) {
			try {
				return { status: 200, body: withBody(this, raw ? JSON.parse(raw) : {}) };
			} catch (error) {
				return {
					status: 400,
					body: { message: error instanceof Error ? error.message : String(error) },
				};
			}
		}
		return { status: 404, body: { message: `No control endpoint ${route}` } };
	}

	private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
		if (pathname.startsWith(CONTROL_PREFIX))
			return send(res, this.control(req.method ?? 'GET', pathname, await readBody(req)));
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		const inFlight = this.inFlight;
		const receivedAt = Date.now();
		try {
			const raw = await readBody(req);
			await this.holdForOthers();
			if (this.latencyMs > 0) await delay(this.latencyMs);

			const url = new URL(req.url ?? '/', 'http://localhost');
			const outsideBase = url.pathname === STAMPED_REVIEWS3_PATH;
			const vendor = outsideBase
				? 'stamped'
				: (Object.keys(PREFIXES) as Vendor[]).find((candidate) =>
						url.pathname.startsWith(PREFIXES[candidate]),
					);
			if (!vendor)
				return send(res, { status: 404, body: { message: 'No such API on this fake server' } });

			const rawPath = outsideBase ? '/reviews3' : url.pathname.slice(PREFIXES[vendor].length);
			const segments = rawPath.split('/').filter(Boolean).map(decodeSegment);
			const request: VendorRequest = {
				method: req.method ?? 'GET',
				path: '/' + segments.join('/'),
				segments,
				query: Object.fromEntries(url.searchParams),
				queryAll: allValues(url.searchParams),
				headers: req.headers,
				body: parseJson(raw),
				...(outsideBase ? { outsideBase } : {}),
			};
			const { segments: _segments, ...logged } = request;
			const entry: LoggedRequest = {
				vendor,
				...logged,
				rawBody: raw,
				rawPath,
				status: 0,
				applied: false,
				receivedAt,
				inFlight,
			};
			this.log.push(entry);
			if (vendor === 'stampedV3' && this.checkContract)
				this.contractViolations.push(...requestProblems(request));
			if (vendor === 'stemp') this.contractViolations.push(...stempRequestProblems(request));

			const fault = this.takeFault(vendor, request);
			// A cut answer is the vendor's own answer, so the request is always handled first.
			if (
				(fault?.phase === 'before' && fault.kind !== 'cut') ||
				(!fault && this.overRateLimit(vendor))
			) {
				if (fault?.kind === 'drop') return void req.socket.destroy();
				const reply = fault ? faultReply(fault, vendor) : this.rateLimitReply(vendor);
				entry.status = reply.status;
				return send(res, reply);
			}

			this[vendor].lenientLookups = this.hostile.lenientLookups === true;
			const reply = hostileReply(this.hostile, vendor, request, (changed) =>
				this[vendor].handle(changed),
			);
			entry.applied = reply.applied ?? false;
			// The handler's own answer is held to the reference; a fault or a hostile switch changes it on purpose.
			if (
				vendor === 'stampedV3' &&
				this.checkContract &&
				!fault &&
				Object.keys(this.hostile).length === 0
			)
				this.contractViolations.push(...answerProblems(request, reply.status, reply.body));
			if (
				vendor === 'stemp' &&
				!fault &&
				!reply.offContract &&
				Object.keys(this.hostile).length === 0
			)
				this.contractViolations.push(...stempAnswerProblems(request, reply.status, reply.body));
			if (fault) {
				if (fault.kind === 'drop') return void req.socket.destroy();
				if (fault.kind === 'cut') {
					entry.status = reply.status;
					return sendCut(res, reply);
				}
				const faulty = faultReply(fault, vendor);
				entry.status = faulty.status;
				return send(res, faulty);
			}
			entry.status = reply.status;
			send(res, reply);
		} finally {
			this.inFlight--;
		}
	}

	private takeFault(vendor: Vendor, request: VendorRequest): Fault | undefined {
		const index = this.faults.findIndex(
			(fault) =>
				fault.times > 0 &&
				(!fault.vendor || fault.vendor === vendor) &&
				(!fault.method || fault.method === request.method) &&
				(!fault.path || request.path.includes(fault.path)),
		);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		fault.times--;
		if (fault.times === 0) this.faults.splice(index, 1);
		return fault;
	}

	private overRateLimit(vendor: Vendor): boolean {
		if (this.requestsPerSecond === undefined) return false;
		const now = Date.now();
		const window = this.recent[vendor].filter((time) => now - time < 1000);
		this.recent[vendor] = window;
		if (window.length >= this.requestsPerSecond) return true;
		window.push(now);
		return false;
	}

	private rateLimitReply(vendor: Vendor): Reply {
		return faultReply(
			{ kind: 429, times: 1, retryAfterSeconds: this.rateLimitRetryAfterSeconds },
			vendor,
			this.requestsPerSecond,
		);
	}
}

/** The control endpoints that take a JSON body, and what each does with it. */
const CONTROL_WITH_BODY: Record<string, (api: FakeApi, body: unknown) => unknown> = {
	'POST /__settings': (api, body) => api.configure(body as Settings),
	'POST /__faults': (api, body) => {
		for (const fault of Array.isArray(body) ? body : [body]) api.inject(checkedFault(fault));
		return { injected: Array.isArray(body) ? body.length : 1 };
	},
	'POST /__seed': (api, body) => api.seed(body as Seed),
	'POST /__hostile': (api, body) => {
		if (!body || typeof body !== 'object' || Array.isArray(body))
			throw new Error('The hostile switches must be an object');
		api.hostile = body as Hostile;
		return api.hostile;
	},
	// Adds `count` reviews to the Stamped dashboard review list (newest last), for the polling trigger.
	'POST /__reviews': (api, body) => {
		const count = Number((body as { count?: unknown }).count ?? 1);
		if (!Number.isInteger(count) || count < 1 || count > 10_000)
			throw new Error('count must be a whole number from 1 to 10000');
		return { ids: Array.from({ length: count }, () => api.stamped.dashboard.add().id) };
	},
};

/** The 0-based index of the page a list request asks for (Stamped v2 counts pages from 1). */
function pageIndexOf(vendor: Vendor, query: Record<string, string>): number {
	const page = Number(query.page ?? (vendor === 'stamped' ? 1 : 0)) || 0;
	return vendor === 'stamped' ? page - 1 : page;
}

const LIST_KEYS = [
	'data',
	'customers',
	'activities',
	'rewards',
	'orders',
	'products',
	'content',
	'results',
];

/** The vendor's answer, with whatever the hostile switches change in the request and the answer. */
function hostileReply(
	hostile: Hostile,
	vendor: Vendor,
	request: VendorRequest,
	handle: (request: VendorRequest) => Reply,
): Reply {
	const isList =
		request.method === 'GET' &&
		('page' in request.query || 'limit' in request.query || 'size' in request.query);
	const asked = pageIndexOf(vendor, request.query);
	let sent =
		isList && hostile.ignorePaging
			? { ...request, query: { ...request.query, page: vendor === 'stamped' ? '1' : '0' } }
			: request;
	if (isList && hostile.pageSizeCap !== undefined) {
		const query = { ...sent.query };
		for (const sizeKey of ['take', 'limit', 'size'])
			if (sizeKey in query)
				query[sizeKey] = String(Math.min(Number(query[sizeKey]) || 0, hostile.pageSizeCap));
		sent = { ...sent, query };
	}
	let reply = handle(sent);
	const pastEnd = isList && asked > 0 && listIsEmpty(reply.body);
	if (pastEnd && hostile.pastEndStatus !== undefined)
		return { status: hostile.pastEndStatus, body: { message: 'Page not found' } };
	if (pastEnd && hostile.pastEndRepeatsFirst) {
		const firstPage = vendor === 'stamped' ? '1' : '0';
		reply = handle({ ...sent, query: { ...sent.query, page: firstPage } });
		reply = { ...reply, body: saysMorePages(reply.body) };
	}
	if (isList && hostile.morePagesAlways) reply = { ...reply, body: saysMorePages(reply.body) };
	const credentials = {
		authorization: request.headers.authorization ?? null,
		'stamped-api-key': request.headers['stamped-api-key'] ?? null,
	};
	// Stamped v3's order and product lists answer an array holding one page object: the switches act on that page.
	const wrapped =
		Array.isArray(reply.body) &&
		reply.body.length === 1 &&
		reply.body[0] !== null &&
		typeof reply.body[0] === 'object' &&
		!Array.isArray(reply.body[0]);
	if (wrapped) {
		const inner = hostileReply(hostile, vendor, request, () => ({
			...reply,
			body: (reply.body as unknown[])[0],
		}));
		return inner.status >= 300 ? inner : { ...inner, body: [inner.body] };
	}
	const body = reply.body;
	if (reply.status >= 400 && hostile.echoCredentialsInErrors !== undefined) {
		const quote = `${'x'.repeat(hostile.echoCredentialsInErrors)}${String(credentials.authorization ?? credentials['stamped-api-key'])}`;
		// As plain text, which the nodes quote only in part: the credential sits just past where they cut.
		return { ...reply, body: quote };
	}
	if (reply.status >= 300 || !body || typeof body !== 'object') return reply;
	let changed: unknown = body;
	if (isList && !Array.isArray(body)) {
		const record = { ...(body as Record<string, unknown>) };
		const key = LIST_KEYS.find((candidate) => Array.isArray(record[candidate]));
		if (key && hostile.emptyFromPageIndex !== undefined && asked >= hostile.emptyFromPageIndex)
			record[key] = [];
		if (key && 'listRecords' in hostile) record[key] = hostile.listRecords;
		if (key && hostile.pageTrimmedTo !== undefined && Array.isArray(record[key]))
			record[key] = (record[key] as unknown[]).slice(0, hostile.pageTrimmedTo);
		if (hostile.listTotal !== undefined) {
			for (const totalKey of ['total', 'totalElements'])
				if (totalKey in record) record[totalKey] = hostile.listTotal;
			// stemp's paged answers keep their figures in `page` ({size, number, totalElements, totalPages}).
			if (record.page && typeof record.page === 'object')
				record.page = {
					...(record.page as Record<string, unknown>),
					totalElements: hostile.listTotal,
				};
		}
		changed = record;
	} else if (
		isList &&
		hostile.emptyFromPageIndex !== undefined &&
		asked >= hostile.emptyFromPageIndex
	) {
		changed = [];
	} else if (isList && 'listRecords' in hostile) {
		// A list answered as a bare array (stemp's `GET /users`) holds the switch's records instead.
		changed = hostile.listRecords;
	}
	if (hostile.echoCredentials && !Array.isArray(changed))
		changed = { ...(changed as Record<string, unknown>), echo: credentials };
	return { ...reply, body: changed };
}

/** The page object of a list answer: the body, or the one page object of an array holding one. */
function pageObjectOf(body: unknown): Record<string, unknown> | undefined {
	const page = Array.isArray(body) && body.length === 1 ? body[0] : body;
	return page !== null && typeof page === 'object' && !Array.isArray(page)
		? (page as Record<string, unknown>)
		: undefined;
}

/** Whether a list answer holds no records (under any of the list keys). */
function listIsEmpty(body: unknown): boolean {
	if (Array.isArray(body) && body.length === 0) return true;
	const page = pageObjectOf(body);
	const key = page && LIST_KEYS.find((candidate) => Array.isArray(page[candidate]));
	return key !== undefined && (page![key] as unknown[]).length === 0;
}

/** A list answer whose page says more pages follow, in every way the vendors say it. */
function saysMorePages(body: unknown): unknown {
	const page = pageObjectOf(body);
	if (!page) return body;
	const changed = { ...page };
	for (const flag of ['morePages', 'more_pages', 'hasMore', 'has_more'])
		if (flag in changed) changed[flag] = true;
	if ('last' in changed) changed.last = false;
	return Array.isArray(body) ? [changed] : changed;
}

function checkedFault(value: unknown): Fault {
	const fault = value as Fault;
	if (!fault || typeof fault !== 'object') throw new Error('A fault must be an object');
	const isRedirect =
		Number.isInteger(fault.kind) && (fault.kind as number) >= 300 && (fault.kind as number) <= 399;
	if (isRedirect && typeof fault.redirectTo !== 'string')
		throw new Error('A redirect fault needs redirectTo');
	if (
		fault.kind !== 'drop' &&
		fault.kind !== 'cut' &&
		!isRedirect &&
		!(Number.isInteger(fault.kind) && fault.kind >= 400 && fault.kind <= 599)
	) {
		throw new Error(
			`A fault's kind must be an HTTP error status, a redirect or "drop", not ${JSON.stringify(fault.kind)}`,
		);
	}
	positive(fault.times, 'times');
	if (fault.phase !== undefined && fault.phase !== 'before' && fault.phase !== 'after')
		throw new Error('phase must be "before" or "after"');
	return fault;
}

function nonNegative(value: unknown, name: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
		throw new Error(`${name} must be a number of 0 or more`);
	return value;
}

function positive(value: unknown, name: string): number {
	if (nonNegative(value, name) === 0) throw new Error(`${name} must be more than 0`);
	return value as number;
}

function faultReply(fault: Fault, vendor: Vendor, limit?: number): Reply {
	const given = typeof fault.kind === 'number' ? fault.kind : undefined;
	if (fault.redirectTo !== undefined && given !== undefined)
		return { status: given, headers: { Location: fault.redirectTo } };
	if (fault.body !== undefined && given !== undefined) return { status: given, body: fault.body };
	if (fault.raw !== undefined && given !== undefined) {
		const json = fault.raw.trimStart().startsWith('{');
		const type = json ? 'application/json' : 'text/html; charset=utf-8';
		return { status: given, raw: fault.raw, headers: { 'Content-Type': type } };
	}
	if (fault.kind === 429) {
		const headers: Record<string, string> = {};
		if (fault.retryAfterSeconds !== undefined)
			headers['Retry-After'] = String(fault.retryAfterSeconds);
		if (vendor === 'stemp') {
			headers['X-RateLimit-Limit'] = String(limit ?? 60);
			headers['X-RateLimit-Remaining'] = '0';
			headers['X-RateLimit-Reset'] = String(
				Math.ceil(Date.now() / 1000) + (fault.retryAfterSeconds ?? 1),
			);
			return {
				status: 429,
				headers,
				body: { error: { code: 'RATE_LIMITED', message: 'Too many requests' } },
			};
		}
		return { status: 429, headers, body: { message: 'Too Many Requests' } };
	}
	const status = given ?? 500;
	return vendor === 'stemp'
		? {
				status,
				body: { error: { code: 'INTERNAL_ERROR', message: 'Temporary failure, please retry' } },
			}
		: { status, body: { message: 'Internal Server Error' } };
}

function send(res: http.ServerResponse, reply: Reply): void {
	const body = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
	res.writeHead(reply.status, {
		...(body && reply.raw === undefined ? { 'Content-Type': 'application/json' } : {}),
		...reply.headers,
	});
	res.end(body);
}

/** The answer's status, headers and the first half of its body, then the socket closed: an answer cut off. */
function sendCut(res: http.ServerResponse, reply: Reply): void {
	const body = Buffer.from(reply.raw ?? JSON.stringify(reply.body ?? {}));
	res.writeHead(reply.status, {
		'Content-Type': 'application/json',
		'Content-Length': String(body.length),
		...reply.headers,
	});
	res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseJson(raw: string): unknown {
	if (!raw) return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * How long a request waits for others under `holdUntilInFlight`: far longer than sending a round takes; a round
 * split by a longer pause is answered, and the next round is held again.
 */
const HOLD_TIMEOUT_MS = 150;

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function allValues(params: URLSearchParams): Record<string, string[]> {
	const values: Record<string, string[]> = {};
	for (const [key, value] of params) (values[key] ??= []).push(value);
	return values;
}
