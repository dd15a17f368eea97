/** Stamped.io's v2 REST API (customers, points, loyalty transactions, tiers, reviews) as documented. */
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
	readonly dashboard = new DashboardReviews();
	/** Called before every list page is answered, e.g. to insert customers while an export runs. */
	onListPage?: (page: number) => void;

	/** The customer list in list order, rebuilt only when customers were added or removed. */
	private listCache: { size: number; insertions: number; order: string; list: Customer[] } | undefined;
	private insertions = 0;
	private readonly expectedAuth: string;
	private readonly storeHash: string;
	private clock = Date.parse('2026-01-01T00:00:00Z');

	constructor(options: StampedOptions = {}) {
		const publicKey = options.publicKey ?? STAMPED_PUBLIC_KEY;
		const privateKey = options.privateKey ?? STAMPED_PRIVATE_KEY;
		this.expectedAuth = 'Basic ' + Buffer.from(`${publicKey}:${privateKey}`).toString('base64');
		this.storeHash = options.storeHash ?? STAMPED_STORE_HASH;
		this.order = options.order ?? 'newest';
		for (const customer of options.customers ?? []) this.insert(customer);
		this.reviews = options.reviews ?? [];
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
			this.insert({ email: `${prefix}${String(i).padStart(5, '0')}@example.com`, firstName: `First${i}`, points: i % 2000 });
		}
	}

	handle(request: VendorRequest): Reply {
		if (request.headers.authorization !== this.expectedAuth) {
			return { status: 401, body: { message: 'Unauthorized: the API key pair is not valid' } };
		}
		const [store, ...segments] = request.segments;
		if (store !== this.storeHash) return { status: 404, body: { message: 'Store not found' } };

		const route = `${request.method} /${segments.join('/')}`;
		const body = (request.body ?? {}) as Record<string, unknown>;
		if (route === 'GET /customers') return this.listCustomers(request.query);
		if (route === 'POST /customers') return this.upsert(body);
		if (route === 'POST /customers/points') return this.updatePoints(body);
		if (segments[0] === 'customers' && segments.length === 2) {
			const customer = this.customers.get(segments[1].toLowerCase());
			if (request.method === 'GET') {
				return customer ? { status: 200, body: customer } : { status: 404, body: { message: 'Customer not found' } };
			}
			if (request.method === 'DELETE') {
				if (!customer) return { status: 404, body: { message: 'Customer not found' } };
				this.customers.delete(segments[1].toLowerCase());
				return { status: 200, body: { success: true, message: 'Customer deleted.' }, applied: true };
			}
		}
		if (route === 'GET /reviews') return this.listReviews(request.query);
		if (route === 'GET /dashboard/reviews') return this.dashboard.list(request.query);
		if (route === 'POST /loyalty/transactions') return this.createTransaction(body);
		if (route === 'GET /loyalty/tiers') return { status: 200, body: { tiers: TIERS } };
		return { status: 404, body: { message: `No route for ${request.method} ${request.path}` } };
	}

	private page<T>(records: T[], query: Record<string, string>): { slice: T[]; page: number } {
		const page = Math.max(1, Number(query.page ?? 1) || 1);
		const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(query.limit ?? query.per ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE));
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
		if (cache && cache.size === this.customers.size && cache.insertions === this.insertions && cache.order === this.order) {
			return cache.list;
		}
		const list = [...this.customers.values()];
		if (this.order === 'newest') list.reverse();
		this.listCache = { size: this.customers.size, insertions: this.insertions, order: this.order, list };
		return list;
	}

	private upsert(body: Record<string, unknown>): Reply {
		const email = typeof body.email === 'string' ? body.email : '';
		if (!/^[^\s@]+@[^\s@]+$/.test(email)) return { status: 400, body: { message: 'A valid email is required' } };
		const existing = this.customers.get(email.toLowerCase());
		const fields = Object.fromEntries(
			Object.entries(body).filter(([key]) =>
				['firstName', 'lastName', 'customerId', 'points', 'pointsExpiry', 'tier', 'totalSpend', 'totalOrders', 'tags'].includes(key),
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
				if (points > customer.points) return { status: 400, body: { message: 'Insufficient points balance' } };
				balance = customer.points - points;
				break;
			case 'set':
				balance = points;
				break;
			default:
				return { status: 400, body: { message: "action must be 'add', 'subtract' or 'set'" } };
		}
		this.setPoints(customer, balance);
		return { status: 200, body: { email: customer.email, points: customer.points, tier: customer.tier, updatedAt: customer.updatedAt }, applied: true };
	}

	private setPoints(customer: Customer, balance: number): void {
		const oldTier = customer.tier;
		customer.points = balance;
		customer.tier = tierFor(balance);
		customer.updatedAt = new Date((this.clock += 1000)).toISOString();
		if (customer.tier !== oldTier) this.tierChanges.push({ email: customer.email, oldTier, newTier: customer.tier });
	}

	private createTransaction(body: Record<string, unknown>): Reply {
		const customer = this.customers.get(String(body.email ?? '').toLowerCase());
		if (!customer) return { status: 404, body: { message: 'Customer not found' } };
		if (typeof body.type !== 'string' || !TRANSACTION_TYPES.includes(body.type)) {
			return { status: 400, body: { message: `Transaction type '${String(body.type)}' is not configured in the loyalty program` } };
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

	private listReviews(query: Record<string, string>): Reply {
		const matching = query.email
			? this.reviews.filter((review) => review.email.toLowerCase() === query.email.toLowerCase())
			: this.reviews;
		const { slice, page } = this.page(matching, query);
		return { status: 200, body: { data: slice, total: matching.length, page } };
	}
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

export class DashboardReviews {
	/** Oldest first, as added. */
	readonly reviews: DashboardReview[] = [];
	/** Called before every page is answered, e.g. to add reviews while a poll reads. */
	onPage?: (page: number) => void;
	private clock = Date.parse('2026-03-01T00:00:00Z');

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

	/** Adds `count` reviews spread over the days before the current clock (one every `spacingMs`). */
	seed(count: number, spacingMs = 60_000): void {
		const start = this.clock - count * spacingMs;
		for (let i = 0; i < count; i++) this.add({ dateCreated: new Date(start + i * spacingMs).toISOString() });
	}

	list(query: Record<string, string>): Reply {
		const page = Math.max(1, Number(query.page ?? 1) || 1);
		this.onPage?.(page);
		const take = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(query.take ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE));
		const from = query.dateFrom ? Date.parse(`${query.dateFrom}T00:00:00Z`) : undefined;
		if (from !== undefined && !Number.isFinite(from)) return { status: 400, body: { message: 'dateFrom must be YYYY-MM-DD' } };
		const minRating = query.minRating ? Number(query.minRating) : undefined;
		const matching = this.reviews
			.map((review, index) => ({ review, index }))
			.filter(({ review }) => from === undefined || Date.parse(review.dateCreated) >= from)
			.filter(({ review }) => minRating === undefined || review.rating >= minRating)
			.filter(({ review }) => !query.productId || review.productId === query.productId)
			.sort((a, b) => Date.parse(b.review.dateCreated) - Date.parse(a.review.dateCreated) || b.index - a.index);
		const results = matching.slice((page - 1) * take, page * take).map(({ review }) => ({
			review,
			customer: { email: review.email, name: review.author },
		}));
		return { status: 200, body: { results, total: matching.length, page } };
	}
}
