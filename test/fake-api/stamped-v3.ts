/**
 * Stamped's API v3 (Loyalty 2.0) as its OpenAPI reference describes it: the `stamped-api-key` header,
 * customers under `/merchant/shops/{shopId}`, loyalty actions under `/loyalty/shops/{shopId}`, string customer
 * ids, numbers typed as strings in customer records, 0-based pages with `morePages` and no total,
 * `{message}` errors.
 */
import type { Reply, VendorApi, VendorRequest } from './server';

export interface V3Customer {
	customerId: string;
	email: string;
	firstName?: string;
	lastName?: string;
	customCustomerId?: string;
	shopifyId?: string;
	bigcommerceId?: string;
	tags?: string[];
	referralCode: string;
	dateStampedCreated: string;
	dateStampedUpdated: string;
	/** The balance and tier; sent under `activity` (or `loyalty`), the numbers as text unless configured. */
	points: number;
	vipTier: string;
}

export interface V3Activity {
	activityId: string;
	customerId: string;
	dateCreated: string;
	rule: { category: string; type: string; title: string; description?: string };
	activity: { pointsCredit: number; pointsDebit: number; event: string };
}

export interface V3Reward {
	rewardId: string;
	activityId: string;
	customerId: string;
	status: 'active' | 'voided';
	title: string;
	couponCode: string;
	category: string;
	type: string;
	value: string;
	dateCreated: string;
}

export interface StampedV3Options {
	privateKey?: string;
	shopId?: string;
	customers?: Array<Partial<V3Customer> & { email: string }>;
	/** How numbers in customer records are sent: as text (`"150"`, as the reference types them) or as numbers. */
	numbers?: 'strings' | 'numbers';
	/** Where a customer's loyalty figures are: under `activity` (the reference) or `loyalty`. */
	loyaltyKey?: 'activity' | 'loyalty';
	/** The name of the "more pages follow" flag: `morePages` (the reference) or `more_pages`. */
	moreKey?: 'morePages' | 'more_pages';
}

export const STAMPED_V3_PRIVATE_KEY = 'v3-privkey-test-5e7c1d9a';
export const STAMPED_V3_SHOP_ID = 'shop-456';

export const V3_TIERS = ['Bronze', 'Silver', 'Gold'];
/** API reward rules: a fixed-cost coupon, and one whose value follows the points spent. */
export const V3_REWARD_RULES: Record<string, { title: string; cost?: number }> = {
	'rwd-5off': { title: '$5 off', cost: 500 },
	'rwd-variable': { title: '$1 off per 100 points' },
};
/** Custom activity rules (campaigns) and the points each awards. */
export const V3_CAMPAIGNS: Record<string, number> = { 'cmp-birthday': 100, 'cmp-instagram': 25 };

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 25;
const LOOKUP_KEYS = ['email', 'customCustomerId', 'shopifyId', 'bigcommerceId'] as const;
const WRITABLE_FIELDS = [
	'email',
	'customCustomerId',
	'firstName',
	'lastName',
	'dateOfBirth',
	'datePlatformUpdated',
	'tags',
	'addresses',
];

export class StampedV3 implements VendorApi {
	/** Customers by customerId, in creation order. */
	readonly customers = new Map<string, V3Customer>();
	/** The points ledger, oldest first. */
	readonly activities: V3Activity[] = [];
	readonly rewards: V3Reward[] = [];
	/**
	 * Orders and products for the v3 pickers' list searches only (issue 24's minimal addition; the order and
	 * product operations bring their own): listed as the reference types them, an array holding one page object.
	 */
	readonly orders: Array<Record<string, unknown>> = [];
	readonly products: Array<Record<string, unknown>> = [];
	numbers: 'strings' | 'numbers';
	loyaltyKey: 'activity' | 'loyalty';
	moreKey: 'morePages' | 'more_pages';

	private readonly privateKey: string;
	private readonly shopId: string;
	private sequence = 0;
	private clock = Date.parse('2026-02-01T00:00:00Z');

	constructor(options: StampedV3Options = {}) {
		this.privateKey = options.privateKey ?? STAMPED_V3_PRIVATE_KEY;
		this.shopId = options.shopId ?? STAMPED_V3_SHOP_ID;
		this.numbers = options.numbers ?? 'strings';
		this.loyaltyKey = options.loyaltyKey ?? 'activity';
		this.moreKey = options.moreKey ?? 'morePages';
		for (const customer of options.customers ?? []) this.insert(customer);
	}

	/** Adds a customer directly, as if it came from the shop platform. */
	insert(customer: Partial<V3Customer> & { email: string }): V3Customer {
		const now = this.now();
		const id = `cus_${String(++this.sequence).padStart(5, '0')}`;
		const record: V3Customer = {
			customerId: id,
			referralCode: `REF${this.sequence}`,
			dateStampedCreated: now,
			dateStampedUpdated: now,
			points: 0,
			vipTier: 'Bronze',
			...customer,
		};
		this.customers.set(record.customerId, record);
		return record;
	}

	seedCustomers(count: number, prefix = 'member'): void {
		for (let i = 0; i < count; i++) {
			this.insert({
				email: `${prefix}${String(i).padStart(5, '0')}@example.com`,
				points: i % 1000,
			});
		}
	}

	seedActivities(count: number, customer: V3Customer): void {
		for (let i = 0; i < count; i++)
			this.record(customer, 1 + (i % 50), `Seeded activity ${i}`, 'custom');
	}

	/** Adds rewards to the rewards list directly, as if customers had redeemed them (one per reward rule in turn). */
	seedRewards(count: number, customer: V3Customer): void {
		const rules = Object.entries(V3_REWARD_RULES);
		for (let i = 0; i < count; i++) {
			const [rewardId, rule] = rules[i % rules.length];
			this.rewards.push({
				rewardId,
				activityId: `act_seed_${String(i).padStart(5, '0')}`,
				customerId: customer.customerId,
				status: 'active',
				title: rule.title,
				couponCode: `SEED-${String(i).padStart(5, '0')}`,
				category: 'coupon',
				type: 'fixed_amount',
				value: String((rule.cost ?? 100) / 100),
				dateCreated: this.now(),
			});
		}
	}

	byEmail(email: string): V3Customer | undefined {
		return [...this.customers.values()].find(
			(customer) => customer.email.toLowerCase() === email.toLowerCase(),
		);
	}

	/** A customer as the API sends it. */
	view(customer: V3Customer): Record<string, unknown> {
		const { points, vipTier, ...rest } = customer;
		const figure = (value: number) => (this.numbers === 'strings' ? String(value) : value);
		return {
			...rest,
			shopId: this.shopId,
			[this.loyaltyKey]: {
				totalPoints: figure(points),
				vipTier,
				dateVipTierUpdated: customer.dateStampedUpdated,
				totalOrders: figure(0),
				totalOrderSpent: figure(0),
			},
		};
	}

	handle(request: VendorRequest): Reply {
		if (request.headers['stamped-api-key'] !== this.privateKey) {
			return { status: 401, body: { message: 'Unauthorized: invalid stamped-api-key' } };
		}
		const [area, shops, shopId, ...segments] = request.segments;
		if ((area !== 'merchant' && area !== 'loyalty') || shops !== 'shops') {
			return { status: 404, body: { message: `No route for ${request.method} ${request.path}` } };
		}
		if (shopId !== this.shopId) return { status: 404, body: { message: 'Shop not found' } };
		const body = (request.body ?? {}) as Record<string, unknown>;
		const route = `${request.method} ${area}/${segments.join('/')}`;

		if (route === 'GET merchant/customers')
			return this.listCustomers(request.query, request.queryAll);
		if (route === 'POST merchant/customers') return this.createCustomer(body);
		if (route === 'GET merchant/customers/lookup') return this.lookup(request.query);
		if (area === 'merchant' && segments[0] === 'customers' && segments.length === 2) {
			const customer = this.customers.get(segments[1]);
			if (!customer) return { status: 404, body: { message: 'Customer not found' } };
			if (request.method === 'GET') return { status: 200, body: this.view(customer) };
			if (request.method === 'PATCH') return this.updateCustomer(customer, body);
			if (request.method === 'DELETE') {
				this.customers.delete(customer.customerId);
				return { status: 200, body: { softDelete: true }, applied: true };
			}
		}
		if (route === 'GET loyalty/activities')
			return this.page(this.activities.slice().reverse(), request.query, 'activities');
		if (route === 'POST loyalty/activities') return this.customActivity(request.query);
		if (route === 'GET loyalty/rewards') return this.page(this.rewards, request.query, 'rewards');
		if (route === 'GET merchant/orders' || route === 'GET merchant/products') {
			const key = segments[0];
			const reply = this.page(key === 'orders' ? this.orders : this.products, request.query, key);
			return { ...reply, body: [reply.body] };
		}
		if (
			area === 'loyalty' &&
			segments[0] === 'customers' &&
			segments.length >= 3 &&
			request.method === 'POST'
		) {
			const customer = this.customers.get(segments[1]);
			if (!customer) return { status: 404, body: { message: 'Customer not found' } };
			switch (segments[2]) {
				case 'adjust-points':
					return this.adjustPoints(customer, body);
				case 'adjust-vip-tier':
					return this.adjustTier(customer, body);
				case 'redeem-reward':
					return this.redeem(customer, segments[3], request.query);
				case 'void-coupon':
					return this.voidCoupon(customer, segments[3]);
			}
		}
		return { status: 404, body: { message: `No route for ${request.method} ${request.path}` } };
	}

	private now(): string {
		return new Date((this.clock += 1000)).toISOString();
	}

	private page(records: unknown[], query: Record<string, string>, key: string): Reply {
		const page = Math.max(0, Number(query.page ?? 0) || 0);
		const limit = Math.min(
			MAX_PAGE_SIZE,
			Math.max(1, Number(query.limit ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE),
		);
		const slice = records.slice(page * limit, (page + 1) * limit);
		return {
			status: 200,
			body: {
				page,
				limit,
				[this.moreKey]: (page + 1) * limit < records.length,
				subset: false,
				[key]: slice,
			},
		};
	}

	/**
	 * The customer filter: `email` begins with, `vipTier` exact, `pointsMin`/`pointsMax` inclusive, `tags` (sent
	 * repeated, `tags=a&tags=b`, or as `tags[]`) all present on the customer. A malformed number is a 400.
	 */
	private listCustomers(query: Record<string, string>, queryAll: Record<string, string[]>): Reply {
		const email = query.email?.toLowerCase();
		const bound = (name: string): number | undefined | null => {
			if (query[name] === undefined) return undefined;
			return /^\d+$/.test(query[name]) ? Number(query[name]) : null;
		};
		const pointsMin = bound('pointsMin');
		const pointsMax = bound('pointsMax');
		if (pointsMin === null || pointsMax === null)
			return { status: 400, body: { message: 'pointsMin and pointsMax must be numbers' } };
		const tags = [...(queryAll.tags ?? []), ...(queryAll['tags[]'] ?? [])];
		if (Object.keys(queryAll).some((key) => /^tags\[\d+\]$/.test(key))) {
			return { status: 400, body: { message: 'tags must be sent as tags=a&tags=b' } };
		}
		const matching = [...this.customers.values()].filter(
			(customer) =>
				(!email || customer.email.toLowerCase().startsWith(email)) &&
				(query.vipTier === undefined || customer.vipTier === query.vipTier) &&
				(pointsMin === undefined || customer.points >= pointsMin) &&
				(pointsMax === undefined || customer.points <= pointsMax) &&
				tags.every((tag) => (customer.tags ?? []).includes(tag)),
		);
		return this.page(
			matching.map((customer) => this.view(customer)),
			query,
			'customers',
		);
	}

	private lookup(query: Record<string, string>): Reply {
		const keys = LOOKUP_KEYS.filter((key) => query[key] !== undefined && query[key] !== '');
		if (keys.length !== 1) {
			return {
				status: 400,
				body: {
					message: 'Provide exactly one of email, customCustomerId, shopifyId, bigcommerceId',
				},
			};
		}
		const [key] = keys;
		const customer = [...this.customers.values()].find((candidate) =>
			key === 'email'
				? candidate.email.toLowerCase() === query.email.toLowerCase()
				: candidate[key] === query[key],
		);
		return customer
			? { status: 200, body: this.view(customer) }
			: { status: 404, body: { message: 'Customer not found' } };
	}

	private checkFields(body: Record<string, unknown>): Reply | undefined {
		const unknown = Object.keys(body).filter((key) => !WRITABLE_FIELDS.includes(key));
		if (unknown.length > 0)
			return { status: 400, body: { message: `Unknown customer fields: ${unknown.join(', ')}` } };
		if (
			body.tags !== undefined &&
			(!Array.isArray(body.tags) || body.tags.some((tag) => typeof tag !== 'string'))
		) {
			return { status: 400, body: { message: 'tags must be an array of strings' } };
		}
		return undefined;
	}

	private createCustomer(body: Record<string, unknown>): Reply {
		const email = typeof body.email === 'string' ? body.email : '';
		if (!/^[^\s@]+@[^\s@]+$/.test(email))
			return { status: 400, body: { message: 'A valid email is required' } };
		const invalid = this.checkFields(body);
		if (invalid) return invalid;
		if (this.byEmail(email))
			return { status: 400, body: { message: 'A customer with this email already exists' } };
		const { email: _email, ...fields } = body;
		const customer = this.insert({ email, ...(fields as Partial<V3Customer>) });
		return { status: 200, body: this.view(customer), applied: true };
	}

	private updateCustomer(customer: V3Customer, body: Record<string, unknown>): Reply {
		const invalid = this.checkFields(body);
		if (invalid) return invalid;
		Object.assign(customer, body, { dateStampedUpdated: this.now() });
		return { status: 200, body: this.view(customer), applied: true };
	}

	private record(
		customer: V3Customer,
		points: number,
		title: string,
		category: string,
	): V3Activity {
		const activity: V3Activity = {
			activityId: `act_${String(this.activities.length + 1).padStart(5, '0')}`,
			customerId: customer.customerId,
			dateCreated: this.now(),
			rule: { category, type: 'api', title },
			activity: {
				pointsCredit: Math.max(0, points),
				pointsDebit: Math.max(0, -points),
				event: category,
			},
		};
		customer.points += points;
		this.activities.push(activity);
		return activity;
	}

	private adjustPoints(customer: V3Customer, body: Record<string, unknown>): Reply {
		const { points, reason } = body;
		if (typeof points !== 'number' || !Number.isInteger(points)) {
			return { status: 400, body: { message: 'points must be a number' } };
		}
		if (reason !== undefined && typeof reason !== 'string')
			return { status: 400, body: { message: 'reason must be a string' } };
		if (customer.points + points < 0)
			return { status: 400, body: { message: 'Insufficient points balance' } };
		return {
			status: 200,
			body: this.record(customer, points, reason ?? 'Points adjusted', 'adjustment'),
			applied: true,
		};
	}

	private adjustTier(customer: V3Customer, body: Record<string, unknown>): Reply {
		if (typeof body.tierName !== 'string' || !V3_TIERS.includes(body.tierName)) {
			return {
				status: 400,
				body: { message: `VIP tier '${String(body.tierName)}' does not exist` },
			};
		}
		customer.vipTier = body.tierName;
		return {
			status: 200,
			body: this.record(customer, 0, `VIP tier set to ${body.tierName}`, 'vip'),
			applied: true,
		};
	}

	private redeem(
		customer: V3Customer,
		rewardId: string | undefined,
		query: Record<string, string>,
	): Reply {
		const rule = rewardId ? V3_REWARD_RULES[rewardId] : undefined;
		if (!rule || !rewardId) return { status: 404, body: { message: 'Reward not found' } };
		let cost = rule.cost;
		if (cost === undefined) {
			cost = Number(query.points);
			if (!query.points || !Number.isInteger(cost) || cost <= 0) {
				return { status: 400, body: { message: 'This reward needs the points to redeem' } };
			}
		}
		if (customer.points < cost)
			return { status: 400, body: { message: 'Insufficient points balance' } };
		const activity = this.record(customer, -cost, `Redeemed ${rule.title}`, 'redemption');
		this.rewards.push({
			rewardId,
			activityId: activity.activityId,
			customerId: customer.customerId,
			status: 'active',
			title: rule.title,
			couponCode: `LOYAL-${String(this.rewards.length + 1).padStart(4, '0')}`,
			category: 'coupon',
			type: 'fixed_amount',
			value: String(cost / 100),
			dateCreated: activity.dateCreated,
		});
		return { status: 200, body: activity, applied: true };
	}

	private voidCoupon(customer: V3Customer, couponCode: string | undefined): Reply {
		const reward = this.rewards.find(
			(entry) => entry.couponCode === couponCode && entry.customerId === customer.customerId,
		);
		if (!reward) return { status: 404, body: { message: 'Coupon not found' } };
		if (reward.status === 'voided')
			return { status: 400, body: { message: 'Coupon is already voided' } };
		reward.status = 'voided';
		return { status: 200, body: reward, applied: true };
	}

	private customActivity(query: Record<string, string>): Reply {
		const customer = query.email ? this.byEmail(query.email) : undefined;
		if (!customer) return { status: 404, body: { message: 'Customer not found' } };
		const points = V3_CAMPAIGNS[query.campaignId ?? ''];
		if (points === undefined)
			return {
				status: 400,
				body: { message: `Campaign '${String(query.campaignId)}' does not exist` },
			};
		const activity = this.record(customer, points, `Campaign ${query.campaignId}`, 'custom');
		return {
			status: 200,
			body: {
				customerId: customer.customerId,
				ruleId: query.campaignId,
				activityId: activity.activityId,
				pointsAdded: points,
			},
			applied: true,
		};
	}
}
