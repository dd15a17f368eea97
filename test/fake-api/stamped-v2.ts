/** Stamped.io's v2 REST API (customers, points, loyalty transactions, tiers, reviews) as documented. */
import { findByKey } from './lenient';
import type { Reply, VendorApi, VendorRequest } from './server';

export interface Customer {
	email: string;
	firstName?: string;
	lastName?: string;
	customerId?: string;
	points: number;
	pointsExpiry?: string;
	tier?: string;
	totalSpend?: number;
	totalOrders?: number;
	tags?: string[];
	createdAt: string;
	updatedAt: string;
}

export interface Review {
	reviewId: string;
	email: string;
	rating: number;
	body: string;
	productId: string;
	published: boolean;
	/** The dashboard list's fields; `reviewState` defaults to 1 (published) or 2 (unpublished). */
	title?: string;
	author?: string;
	productTitle?: string;
	/** ISO date-time; reviews without one count as written on 2026-01-01. */
	dateCreated?: string;
	reviewState?: number;
	verifiedType?: number;
	location?: string;
	/** The shop's public reply, empty when none. */
	reply?: string;
	dateReplied?: string;
}

/** A review request Stamped queued for an order. */
export interface QueuedRequest {
	id: string;
	orderNumber: string;
	email: string;
	dateScheduled: string;
	itemsList: unknown[];
}

export interface StampedOptions {
	publicKey?: string;
	privateKey?: string;
	storeHash?: string;
	customers?: Array<Partial<Customer> & { email: string }>;
	reviews?: Review[];
	/** Order of the customer list: newest first (inserts shift later pages) or oldest first. */
	order?: 'newest' | 'oldest';
}

/**
 * How the endpoints only the source document shows (evidence class S: customers, points, loyalty transactions,
 * tiers, reviews by e-mail) answer: served, or missing as a route would be on a server that lacks them (an
 * ASP.NET-style JSON "No HTTP resource" message, or a web page).
 */
export type UnconfirmedRoutes = 'served' | 'missingJson' | 'missingHtml';

/** The review states the dashboard list's `state` filter knows, and the `reviewState` numbers of each here. */
export const REVIEW_STATES: Record<string, number[]> = {
	published: [1, 6],
	featured: [6],
	unpublished: [2],
	pending: [0],
};

/** An order received on `POST /orders` (the order Stamped's Magento plugin sends for the loyalty program). */
export interface ReceivedOrder {
	id: string;
	body: Record<string, unknown>;
}

export const STAMPED_PUBLIC_KEY = 'pubkey-test-4b1d9e';
export const STAMPED_PRIVATE_KEY = 'privkey-test-8c2f7a0e';
export const STAMPED_STORE_HASH = 'store-123';

export const TIERS = [
	{ name: 'Bronze', minPoints: 0 },
	{ name: 'Silver', minPoints: 500 },
	{ name: 'Gold', minPoints: 1500 },
];
export const TRANSACTION_TYPES = ['custom', 'purchase', 'referral', 'birthday'];

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

export class StampedV2 implements VendorApi {
	/** Customers by lower-cased e-mail, in insertion order. */
	readonly customers = new Map<string, Customer>();
	readonly reviews: Review[];
	readonly transactions: Array<Record<string, unknown>> = [];
	/** Tier changes the API would have sent webhooks for. */
	readonly tierChanges: Array<{ email: string; oldTier?: string; newTier?: string }> = [];
	order: 'newest' | 'oldest';
	/** The dashboard review list, for the polling trigger (see DashboardReviews below). */
	readonly dashboard: DashboardReviews;
	/** The loyalty program's tiers, as `GET /loyalty/tiers` lists them. */
	tiers: Array<{ name: string; minPoints: number }> = [...TIERS];
	/** Reads of a customer or a review by its key match loosely (the `lenientLookups` hostile switch). */
	lenientLookups = false;
	/** Called before every list page is answered, e.g. to insert customers while an export runs. */
	onListPage?: (page: number) => void;
	/** Replaces the `total` the dashboard review list reports (to test an API whose total is wrong). */
	reviewTotal?: (actual: number, page: number) => number;
	/** Replies sent (private ones included), and the e-mails Stamped would have sent for them. */
	readonly replies: Array<{
		reviewId: string;
		reply: string;
		isPrivate: boolean;
		isEmail: boolean;
	}> = [];
	/** Review requests queued, by order number. */
	readonly reviewRequests = new Map<string, QueuedRequest>();
	/** The bodies of every bulk review request call, for asserting on batching. */
	readonly bulkCalls: unknown[][] = [];
	/** Orders received on `POST /orders`, in order. */
	readonly orders: ReceivedOrder[] = [];
	/** Whether the class S endpoints are served (see UnconfirmedRoutes). */
	unconfirmedRoutes: UnconfirmedRoutes = 'served';

	/** The customer list in list order, rebuilt only when customers were added or removed. */
	private listCache:
		| { size: number; insertions: number; order: string; list: Customer[] }
		| undefined;
	private insertions = 0;
	private readonly expectedAuth: string;
	private readonly storeHash: string;
	private readonly publicKey: string;
	private clock = Date.parse('2026-01-01T00:00:00Z');

	constructor(options: StampedOptions = {}) {
		const publicKey = options.publicKey ?? STAMPED_PUBLIC_KEY;
		const privateKey = options.privateKey ?? STAMPED_PRIVATE_KEY;
		this.expectedAuth = 'Basic ' + Buffer.from(`${publicKey}:${privateKey}`).toString('base64');
		this.storeHash = options.storeHash ?? STAMPED_STORE_HASH;
		this.publicKey = publicKey;
		this.order = options.order ?? 'newest';
		for (const customer of options.customers ?? []) this.insert(customer);
		this.reviews = (options.reviews ?? []).map((review) => ({ ...review }));
		// Reviews added for the polling trigger are newer than every seeded one, as new reviews are: a watermark
		// taken over the seeded list (the route serves it while the polling store is empty) then sees them as new.
		const seededTimes = this.reviews
			.map((review) => Date.parse(review.dateCreated ?? ''))
			.filter(Number.isFinite);
		this.dashboard = new DashboardReviews(Math.max(DASHBOARD_CLOCK_START, ...seededTimes));
	}

	/** Adds or replaces a customer directly, as if created in the Stamped dashboard. */
	insert(customer: Partial<Customer> & { email: string }): Customer {
		const now = new Date((this.clock += 1000)).toISOString();
		const record: Customer = { points: 0, createdAt: now, updatedAt: now, ...customer };
		record.tier ??= tierFor(record.points);
		this.customers.set(record.email.toLowerCase(), record);
		this.insertions++;
		return record;
	}

	seedCustomers(count: number, prefix = 'customer'): void {
		for (let i = 0; i < count; i++) {
			this.insert({
				email: `${prefix}${String(i).padStart(5, '0')}@example.com`,
				firstName: `First${i}`,
				points: i % 2000,
			});
		}
	}

	handle(request: VendorRequest): Reply {
		// `/api/reviews3` sits beside `/api/v2` and is authenticated by the public key and store hash in the query.
		if (request.outsideBase) {
			if (request.method === 'POST' && request.path === '/reviews3')
				return this.createReview(request);
			return { status: 404, body: { message: `No route for ${request.method} ${request.path}` } };
		}
		const [store, ...segments] = request.segments;
		const route = `${request.method} /${segments.join('/')}`;
		// A server without these routes answers before it looks at the keys, as routing comes first.
		if (this.unconfirmedRoutes !== 'served' && isUnconfirmedRoute(request.method, segments))
			return missingRoute(this.unconfirmedRoutes, request.path);
		if (request.headers.authorization !== this.expectedAuth) {
			return { status: 401, body: { message: 'Unauthorized: the API key pair is not valid' } };
		}
		if (store !== this.storeHash) return { status: 404, body: { message: 'Store not found' } };

		const body = (request.body ?? {}) as Record<string, unknown>;
		if (route === 'GET /customers') return this.listCustomers(request.query);
		if (route === 'POST /customers') return this.upsert(body);
		if (route === 'POST /customers/points') return this.updatePoints(body);
		if (segments[0] === 'customers' && segments.length === 2) {
			const customer = this.lenientLookups
				? findByKey(this.customers.values(), (entry) => entry.email, segments[1], true)
				: this.customers.get(segments[1].toLowerCase());
			if (request.method === 'GET') {
				return customer
					? { status: 200, body: customer }
					: { status: 404, body: { message: 'Customer not found' } };
			}
			if (request.method === 'DELETE') {
				if (!customer) return { status: 404, body: { message: 'Customer not found' } };
				this.customers.delete(customer.email.toLowerCase());
				return {
					status: 200,
					body: { success: true, message: 'Customer deleted.' },
					applied: true,
				};
			}
		}
		if (route === 'GET /reviews') return this.listReviews(request.query);
		if (route === 'GET /dashboard/reviews') {
			// The polling trigger's tests seed the time-ordered store below; the review operations' tests the reviews.
			return this.dashboard.reviews.length > 0
				? this.dashboard.list(request.query)
				: this.dashboardReviews(request.query);
		}
		if (
			request.method === 'POST' &&
			segments[0] === 'dashboard' &&
			segments[1] === 'reviews' &&
			segments[3] === 'reply' &&
			segments.length === 4
		) {
			return this.reply(segments[2], request.query, body);
		}
		if (
			request.method === 'GET' &&
			segments[0] === 'dashboard' &&
			segments[1] === 'reviews' &&
			segments.length === 3
		)
			return this.dashboardReview(segments[2]);
		// The Magento plugin sends `richsnippet`, the WooCommerce plugin `richSnippet`: both are served.
		if (route === 'GET /richsnippet' || route === 'GET /richSnippet')
			return this.richSnippet(request.query);
		if (route === 'POST /orders') return this.receiveOrder(request.body);
		if (route === 'POST /survey/reviews/bulk') return this.bulkReviewRequests(request.body);
		if (route === 'POST /loyalty/transactions') return this.createTransaction(body);
		if (route === 'GET /loyalty/tiers') return { status: 200, body: { tiers: this.tiers } };
		return { status: 404, body: { message: `No route for ${request.method} ${request.path}` } };
	}

	private page<T>(records: T[], query: Record<string, string>): { slice: T[]; page: number } {
		const page = Math.max(1, Number(query.page ?? 1) || 1);
		const limit = Math.min(
			MAX_PAGE_SIZE,
			Math.max(1, Number(query.limit ?? query.per ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE),
		);
		return { slice: records.slice((page - 1) * limit, page * limit), page };
	}

	private listCustomers(query: Record<string, string>): Reply {
		const page = Math.max(1, Number(query.page ?? 1) || 1);
		this.onListPage?.(page);
		const all = this.customerList();
		const { slice } = this.page(all, query);
		return { status: 200, body: { data: slice, total: all.length, page } };
	}

	private customerList(): Customer[] {
		const cache = this.listCache;
		if (
			cache &&
			cache.size === this.customers.size &&
			cache.insertions === this.insertions &&
			cache.order === this.order
		) {
			return cache.list;
		}
		const list = [...this.customers.values()];
		if (this.order === 'newest') list.reverse();
		this.listCache = {
			size: this.customers.size,
			insertions: this.insertions,
			order: this.order,
			list,
		};
		return list;
	}

	private upsert(body: Record<string, unknown>): Reply {
		const email = typeof body.email === 'string' ? body.email : '';
		if (!/^[^\s@]+@[^\s@]+$/.test(email))
			return { status: 400, body: { message: 'A valid email is required' } };
		const existing = this.customers.get(email.toLowerCase());
		const fields = Object.fromEntries(
			Object.entries(body).filter(([key]) =>
				[
					'firstName',
					'lastName',
					'customerId',
					'points',
					'pointsExpiry',
					'tier',
					'totalSpend',
					'totalOrders',
					'tags',
				].includes(key),
			),
		) as Partial<Customer>;
		if (existing) {
			Object.assign(existing, fields, { updatedAt: new Date((this.clock += 1000)).toISOString() });
			return { status: 200, body: existing, applied: true };
		}
		return { status: 200, body: this.insert({ email, ...fields }), applied: true };
	}

	private updatePoints(body: Record<string, unknown>): Reply {
		const customer = this.customers.get(String(body.email ?? '').toLowerCase());
		if (!customer) return { status: 404, body: { message: 'Customer not found' } };
		const points = body.points;
		if (typeof points !== 'number' || !Number.isInteger(points) || points < 0) {
			return { status: 400, body: { message: 'points must be a non-negative integer' } };
		}
		let balance: number;
		switch (body.action) {
			case 'add':
				balance = customer.points + points;
				break;
			case 'subtract':
				if (points > customer.points)
					return { status: 400, body: { message: 'Insufficient points balance' } };
				balance = customer.points - points;
				break;
			case 'set':
				balance = points;
				break;
			default:
				return { status: 400, body: { message: "action must be 'add', 'subtract' or 'set'" } };
		}
		this.setPoints(customer, balance);
		return {
			status: 200,
			body: {
				email: customer.email,
				points: customer.points,
				tier: customer.tier,
				updatedAt: customer.updatedAt,
			},
			applied: true,
		};
	}

	private setPoints(customer: Customer, balance: number): void {
		const oldTier = customer.tier;
		customer.points = balance;
		customer.tier = tierFor(balance);
		customer.updatedAt = new Date((this.clock += 1000)).toISOString();
		if (customer.tier !== oldTier)
			this.tierChanges.push({ email: customer.email, oldTier, newTier: customer.tier });
	}

	private createTransaction(body: Record<string, unknown>): Reply {
		const customer = this.customers.get(String(body.email ?? '').toLowerCase());
		if (!customer) return { status: 404, body: { message: 'Customer not found' } };
		if (typeof body.type !== 'string' || !TRANSACTION_TYPES.includes(body.type)) {
			return {
				status: 400,
				body: {
					message: `Transaction type '${String(body.type)}' is not configured in the loyalty program`,
				},
			};
		}
		if (typeof body.points !== 'number' || !Number.isInteger(body.points)) {
			return { status: 400, body: { message: 'points must be an integer' } };
		}
		if (body.type === 'purchase' && typeof body.orderValue !== 'number') {
			return { status: 400, body: { message: 'A purchase needs orderValue' } };
		}
		this.setPoints(customer, Math.max(0, customer.points + body.points));
		const transaction = {
			transactionId: `txn_${String(this.transactions.length + 1).padStart(3, '0')}`,
			email: customer.email,
			points: body.points,
			type: body.type,
			...(body.note !== undefined ? { note: body.note } : {}),
			...(body.orderValue !== undefined ? { orderValue: body.orderValue } : {}),
		};
		this.transactions.push(transaction);
		return { status: 200, body: transaction, applied: true };
	}

	/** Adds a review, as if written on the site; `front` puts it first in the dashboard list (newest first). */
	addReview(review: Review, front = true): void {
		if (front) this.reviews.unshift(review);
		else this.reviews.push(review);
	}

	/** The dashboard list: filtered, in stored order, `{review, customer}` when the reviewer is a customer. */
	private dashboardReviews(query: Record<string, string>): Reply {
		const page = Math.max(1, Number(query.page ?? 1) || 1);
		this.onListPage?.(page);
		const number = (name: string) => (query[name] ? Number(query[name]) : undefined);
		const rating = number('rating');
		const minRating = number('minRating');
		if (
			[rating, minRating].some(
				(value) => value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 5),
			)
		) {
			return { status: 400, body: { message: 'rating must be 1 to 5' } };
		}
		if (query.state && !REVIEW_STATES[query.state])
			return { status: 400, body: { message: `Unknown state '${query.state}'` } };
		const words = (query.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
		const matching = this.reviews.filter((review) => {
			const day = (review.dateCreated ?? '2026-01-01T00:00:00Z').slice(0, 10);
			const text = [review.title, review.body, review.author, review.productTitle]
				.join(' ')
				.toLowerCase();
			return (
				(!query.productId || review.productId === query.productId) &&
				(rating === undefined || review.rating === rating) &&
				(minRating === undefined || review.rating >= minRating) &&
				(!query.dateFrom || day >= query.dateFrom) &&
				(!query.dateTo || day <= query.dateTo) &&
				(!query.state || REVIEW_STATES[query.state].includes(stateOf(review))) &&
				words.every((word) => text.includes(word))
			);
		});
		const results = dashboardPage(matching, query).map((review) => this.dashboardEntry(review));
		const total = this.reviewTotal ? this.reviewTotal(matching.length, page) : matching.length;
		return { status: 200, body: { results, total, page } };
	}

	/** One review as the dashboard shows it: `{review, customer}` for a known customer, else the bare review. */
	private dashboardEntry(review: Review): Record<string, unknown> {
		const shown = {
			id: review.reviewId,
			productId: review.productId,
			productTitle: review.productTitle ?? '',
			author: review.author ?? '',
			email: review.email,
			title: review.title ?? '',
			body: review.body,
			rating: review.rating,
			dateCreated: review.dateCreated ?? '2026-01-01T00:00:00Z',
			reviewState: stateOf(review),
			verifiedType: review.verifiedType ?? 0,
			location: review.location ?? '',
			reply: review.reply ?? '',
			dateReplied: review.dateReplied ?? null,
		};
		const customer = this.customers.get(review.email.toLowerCase());
		// Reviews by known customers come nested, others bare: callers read `item.review || item`.
		return customer
			? {
					review: shown,
					customer: {
						email: customer.email,
						firstName: customer.firstName,
						lastName: customer.lastName,
					},
				}
			: shown;
	}

	/** `GET /dashboard/reviews/{id}`: one review, as the list shows it. */
	private dashboardReview(reviewId: string): Reply {
		const review = findByKey(
			this.reviews,
			(entry) => entry.reviewId,
			reviewId,
			this.lenientLookups,
		);
		if (!review) return { status: 404, body: { message: 'Review not found' } };
		return { status: 200, body: this.dashboardEntry(review) };
	}

	/** `GET /richsnippet?productId=`: the product's published reviews, averaged, as the WooCommerce plugin reads it. */
	private richSnippet(query: Record<string, string>): Reply {
		if (!query.productId) return { status: 400, body: { message: 'productId is required' } };
		const shown = this.reviews.filter(
			(review) =>
				review.productId === query.productId && REVIEW_STATES.published.includes(stateOf(review)),
		);
		const average =
			shown.length === 0
				? 0
				: Math.round((shown.reduce((sum, review) => sum + review.rating, 0) / shown.length) * 10) /
					10;
		return {
			status: 200,
			body: {
				productId: query.productId,
				reviewsAverage: average,
				reviewsCount: shown.length,
				httpStatusCode: 200,
				ttl: 86400,
			},
		};
	}

	/** `POST /orders`: any order with an e-mail, an order number and a list of items is received (every time). */
	private receiveOrder(body: unknown): Reply {
		const order = body as Record<string, unknown> | undefined;
		if (
			!order ||
			typeof order !== 'object' ||
			Array.isArray(order) ||
			typeof order.email !== 'string' ||
			order.orderNumber === undefined ||
			!Array.isArray(order.itemsList)
		)
			return { status: 400, body: { message: 'An order needs email, orderNumber and itemsList' } };
		const received: ReceivedOrder = { id: `ord_${this.orders.length + 1}`, body: order };
		this.orders.push(received);
		return {
			status: 200,
			body: { id: received.id, orderNumber: order.orderNumber, email: order.email },
			applied: true,
		};
	}

	private reply(
		reviewId: string,
		query: Record<string, string>,
		body: Record<string, unknown>,
	): Reply {
		const review = this.reviews.find((entry) => entry.reviewId === reviewId);
		if (!review) return { status: 404, body: { message: 'Review not found' } };
		if (typeof body.reply !== 'string' || body.reply.trim() === '')
			return { status: 400, body: { message: 'reply is required' } };
		const isPrivate = query.isPrivate === 'true';
		const isEmail = query.isEmail === 'true';
		this.replies.push({ reviewId, reply: body.reply, isPrivate, isEmail });
		if (!isPrivate) {
			review.reply = body.reply;
			review.dateReplied = new Date((this.clock += 1000)).toISOString();
		}
		return { status: 200, body: body.reply, applied: true };
	}

	private createReview(request: VendorRequest): Reply {
		if (request.query.apiKey !== this.publicKey || request.query.sId !== this.storeHash) {
			return { status: 401, body: { message: 'Invalid apiKey or sId' } };
		}
		if (
			!String(request.headers['content-type'] ?? '').startsWith(
				'application/x-www-form-urlencoded',
			) ||
			typeof request.body !== 'string'
		) {
			return { status: 400, body: { message: 'Expected a form body' } };
		}
		const form = Object.fromEntries(new URLSearchParams(request.body));
		const rating = Number(form.reviewRating);
		if (!form.productId) return { status: 400, body: { message: 'productId is required' } };
		if (!Number.isInteger(rating) || rating < 1 || rating > 5)
			return { status: 400, body: { message: 'reviewRating must be 1 to 5' } };
		const review: Review = {
			reviewId: String(9000 + this.reviews.length),
			email: form.email ?? '',
			rating,
			body: form.reviewMessage ?? '',
			productId: form.productId,
			published: false,
			title: form.reviewTitle,
			author: form.author,
			productTitle: form.productName,
			location: form.location,
			dateCreated: new Date((this.clock += 1000)).toISOString(),
			reviewState: 0,
		};
		this.addReview(review);
		return {
			status: 200,
			body: {
				id: Number(review.reviewId),
				productId: review.productId,
				author: review.author,
				email: review.email,
				rating,
				reviewTitle: review.title,
				reviewMessage: review.body,
				reviewSource: form.reviewSource,
				reviewState: 0,
				dateCreated: review.dateCreated,
			},
			applied: true,
		};
	}

	/** Queues each order whose number is new; an order number seen before is left out of the answer. */
	private bulkReviewRequests(body: unknown): Reply {
		if (!Array.isArray(body))
			return { status: 400, body: { message: 'Expected an array of orders' } };
		this.bulkCalls.push(body);
		for (const order of body as Array<Record<string, unknown>>) {
			if (
				!order ||
				typeof order.email !== 'string' ||
				order.orderNumber === undefined ||
				!Array.isArray(order.itemsList)
			) {
				return {
					status: 400,
					body: { message: 'Each order needs email, orderNumber and itemsList' },
				};
			}
		}
		const queued: QueuedRequest[] = [];
		for (const order of body as Array<Record<string, unknown>>) {
			const orderNumber = String(order.orderNumber);
			if (this.reviewRequests.has(orderNumber)) continue;
			const request: QueuedRequest = {
				id: `rr_${this.reviewRequests.size + 1}`,
				orderNumber,
				email: String(order.email),
				dateScheduled:
					typeof order.dateScheduled === 'string'
						? order.dateScheduled
						: new Date((this.clock += 1000) + 7 * 86_400_000).toISOString(),
				itemsList: order.itemsList as unknown[],
			};
			this.reviewRequests.set(orderNumber, request);
			queued.push(request);
		}
		return { status: 200, body: queued, applied: queued.length > 0 };
	}

	private listReviews(query: Record<string, string>): Reply {
		const matching = query.email
			? this.reviews.filter((review) => review.email.toLowerCase() === query.email.toLowerCase())
			: this.reviews;
		const { slice, page } = this.page(matching, query);
		return { status: 200, body: { data: slice, total: matching.length, page } };
	}
}

function stateOf(review: Review): number {
	return review.reviewState ?? (review.published ? 1 : 2);
}

/** The routes only the source document shows (class S in the package's evidence table). */
function isUnconfirmedRoute(method: string, segments: string[]): boolean {
	const [first, second] = segments;
	if (first === 'customers') return true;
	if (first === 'loyalty' && (second === 'transactions' || second === 'tiers')) return true;
	return method === 'GET' && first === 'reviews' && segments.length === 1;
}

function missingRoute(kind: UnconfirmedRoutes, path: string): Reply {
	if (kind === 'missingHtml')
		return {
			status: 404,
			raw: '<!DOCTYPE html><html><head><title>404 - Not Found</title></head><body><h1>Page not found</h1></body></html>',
			headers: { 'Content-Type': 'text/html; charset=utf-8' },
		};
	return {
		status: 404,
		body: {
			Message: `No HTTP resource was found that matches the request URI 'https://stamped.io/api/v2${path}'.`,
		},
	};
}

/** Page `page` (1-based) of `take` entries, at most 100. */
function dashboardPage<T>(records: T[], query: Record<string, string>): T[] {
	const page = Math.max(1, Number(query.page ?? 1) || 1);
	const take = Math.min(
		MAX_PAGE_SIZE,
		Math.max(1, Number(query.take ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE),
	);
	return records.slice((page - 1) * take, page * take);
}

export function tierFor(points: number): string {
	return [...TIERS].reverse().find((tier) => points >= tier.minPoints)!.name;
}

// ---------------------------------------------------------------------------------------------------------
// Dashboard review list, for the Stamped Polling Trigger: `GET /{storeHash}/dashboard/reviews` with `page`
// (1-based), `take` (at most 100), `dateFrom` (YYYY-MM-DD, UTC), `minRating`, `productId`; answers
// `{results: [{review, customer}], total, page}`, newest first (equal dates: the later added first).
// ---------------------------------------------------------------------------------------------------------

export interface DashboardReview {
	id: number;
	productId: string;
	productTitle: string;
	author: string;
	email: string;
	title: string;
	body: string;
	rating: number;
	dateCreated: string;
	reviewState: number;
	reply: string;
}

const DASHBOARD_CLOCK_START = Date.parse('2026-03-01T00:00:00Z');

export class DashboardReviews {
	/** Oldest first, as added. */
	readonly reviews: DashboardReview[] = [];
	/** Called before every page is answered, e.g. to add reviews while a poll reads. */
	onPage?: (page: number) => void;
	/** Reviews listed first whatever their date, as a list sorted by last change shows an edited review. */
	readonly listedFirst = new Set<number>();
	constructor(private clock: number = DASHBOARD_CLOCK_START) {}

	/** Adds a review; each is one second after the previous one unless `dateCreated` is given. */
	add(review: Partial<DashboardReview> = {}): DashboardReview {
		const id = this.reviews.length + 1;
		const record: DashboardReview = {
			id,
			productId: `prod${id % 7}`,
			productTitle: `Product ${id % 7}`,
			author: `Buyer ${id}`,
			email: `buyer${id}@example.com`,
			title: `Review ${id}`,
			body: `Body of review ${id}`,
			rating: 1 + (id % 5),
			dateCreated: review.dateCreated ?? new Date((this.clock += 1000)).toISOString(),
			reviewState: 1,
			reply: '',
			...review,
		};
		this.reviews.push(record);
		return record;
	}

	/**
	 * Deletes a review. Ids are counted from the number of reviews, so the next review added after the newest
	 * was deleted gets that id again, as an id counter taken from the newest record's id does.
	 */
	remove(id: number): void {
		const index = this.reviews.findIndex((review) => review.id === id);
		if (index >= 0) this.reviews.splice(index, 1);
	}

	/** Adds `count` reviews spread over the days before the current clock (one every `spacingMs`). */
	seed(count: number, spacingMs = 60_000): void {
		const start = this.clock - count * spacingMs;
		for (let i = 0; i < count; i++)
			this.add({ dateCreated: new Date(start + i * spacingMs).toISOString() });
	}

	list(query: Record<string, string>): Reply {
		const page = Math.max(1, Number(query.page ?? 1) || 1);
		this.onPage?.(page);
		const take = Math.min(
			MAX_PAGE_SIZE,
			Math.max(1, Number(query.take ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE),
		);
		const from = query.dateFrom ? Date.parse(`${query.dateFrom}T00:00:00Z`) : undefined;
		if (from !== undefined && !Number.isFinite(from))
			return { status: 400, body: { message: 'dateFrom must be YYYY-MM-DD' } };
		const minRating = query.minRating ? Number(query.minRating) : undefined;
		const matching = this.reviews
			.map((review, index) => ({ review, index }))
			.filter(({ review }) => from === undefined || Date.parse(review.dateCreated) >= from)
			.filter(({ review }) => minRating === undefined || review.rating >= minRating)
			.filter(({ review }) => !query.productId || review.productId === query.productId)
			.sort(
				(a, b) =>
					Number(this.listedFirst.has(b.review.id)) - Number(this.listedFirst.has(a.review.id)) ||
					Date.parse(b.review.dateCreated) - Date.parse(a.review.dateCreated) ||
					b.index - a.index,
			);
		const results = matching.slice((page - 1) * take, page * take).map(({ review }) => ({
			review,
			customer: { email: review.email, name: review.author },
		}));
		return { status: 200, body: { results, total: matching.length, page } };
	}
}
