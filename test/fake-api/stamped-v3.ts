/**
 * Stamped's API v3 (Loyalty 2.0) as its OpenAPI reference describes it: the `stamped-api-key` header,
 * customers under `/merchant/shops/{shopId}`, loyalty actions under `/loyalty/shops/{shopId}`, string customer
 * ids, numbers typed as strings in customer records, 0-based pages with `morePages` and no total,
 * `{message}` errors.
 */
import { findByKey } from './lenient';
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

/** A cart state as the reference's OrderCart: every figure as text. */
export type V3Cart = Record<string, unknown> & { lineItems?: Array<Record<string, unknown>> };

export interface V3Order {
	orderId: string;
	customerId: string;
	customOrderId?: string;
	shopifyId?: string;
	bigcommerceId?: string;
	currency?: string;
	tags?: string[];
	cartStates: V3Cart[];
	orderEntries: Array<{ cartHash: string; event: string; date: string }>;
	dateStampedCreated: string;
	dateStampedUpdated: string;
	/** Points the program's purchase rule awarded for this order (taken back on refund or cancellation). */
	pointsAwarded: number;
}

export interface V3Product {
	productId: string;
	customProductId?: string;
	shopifyId?: string;
	bigcommerceId?: string;
	title?: string;
	htmlProductDescription?: string;
	vendor?: string;
	type?: string;
	handle?: string;
	status?: string;
	publishedScope?: string;
	tags?: string[];
	variants?: Array<Record<string, unknown>>;
	images?: Array<Record<string, unknown>>;
	dateStampedCreated: string;
	dateStampedUpdated: string;
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
	/**
	 * How the order and product lists answer: `array`, an array holding one page object (as the reference types
	 * them), or `object`, the page object alone (as the customer list does, and the real service likely does).
	 */
	merchantListShape?: 'array' | 'object';
	/** Products the shop already has (e.g. synced from its platform). */
	products?: Array<Partial<V3Product>>;
	/** Orders placed already, each by a customer's e-mail; `total` is the order's total price. */
	orders?: Array<{ email: string; customOrderId: string; total: number; currency?: string }>;
	/** Rewards customers redeemed already, as `{email, rewardId}` (a rule of V3_REWARD_RULES). */
	rewards?: Array<{ email: string; rewardId: string }>;
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
/** The program's earning rules that `trigger-activity` fires, and the points each awards. */
export const V3_EARNING_RULES: Record<string, { title: string; points: number }> = {
	'rule-newsletter': { title: 'Newsletter sign-up', points: 50 },
	'rule-social-follow': { title: 'Follow us on Instagram', points: 20 },
};
/** The purchase rule applied to paid orders: points per whole unit of the order's total. */
export const V3_POINTS_PER_UNIT = 1;
/** Financial statuses after which an order's purchase points are taken back. */
const REVERSED_STATUSES = ['refunded', 'voided', 'cancelled'];
const ORDER_LOOKUP_KEYS = ['customOrderId', 'shopifyId', 'bigcommerceId'] as const;
const PRODUCT_LOOKUP_KEYS = ['customProductId', 'shopifyId', 'bigcommerceId'] as const;
const PRODUCT_FILTERS = [
	'shopifyId',
	'bigcommerceId',
	'customProductId',
	'publishedScope',
	'status',
	'vendor',
	'type',
	'handle',
] as const;
/** The cart figures the reference types as text (OrderCartRequest). */
const CART_FIGURES = [
	'shopPriceDiscountTotal',
	'shopPriceItemsTotal',
	'shopPriceSubTotal',
	'shopPriceTotal',
	'shopPriceShipping',
	'shopPriceTax',
];

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
	/** Orders and products by their Stamped id, in creation order. */
	readonly orders = new Map<string, V3Order>();
	readonly products = new Map<string, V3Product>();
	merchantListShape: 'array' | 'object';
	/** Lookups and reads by id match loosely (the `lenientLookups` hostile switch, see ./lenient). */
	lenientLookups = false;
	numbers: 'strings' | 'numbers';
	loyaltyKey: 'activity' | 'loyalty';
	moreKey: 'morePages' | 'more_pages';
	/**
	 * Called before every list page is answered, with the list's route (e.g. `merchant/orders`) and the 0-based
	 * page asked: to change the list while it is read.
	 */
	onListPage?: (list: string, page: number) => void;

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
		this.merchantListShape = options.merchantListShape ?? 'array';
		for (const customer of options.customers ?? []) this.insert(customer);
		for (const product of options.products ?? []) this.insertProduct(product);
		for (const order of options.orders ?? []) {
			const customer = this.byEmail(order.email);
			if (!customer) throw new Error(`No customer ${order.email} for seeded order`);
			this.placeOrder(
				customer,
				{
					customOrderId: order.customOrderId,
					currency: order.currency ?? 'USD',
					cart: { financialStatus: 'paid', shopPriceTotal: order.total.toFixed(2) },
				},
				false,
			); // history: the balances given already include its points
		}
		for (const reward of options.rewards ?? []) {
			const customer = this.byEmail(reward.email);
			if (!customer) throw new Error(`No customer ${reward.email} for seeded reward`);
			const number = String(this.rewards.length + 1).padStart(4, '0');
			this.issueReward(customer, reward.rewardId, `act_seed_${number}`, `SANDBOX-${number}`);
		}
	}

	/** Adds a product directly, as if synced from the shop platform. */
	insertProduct(product: Partial<V3Product>): V3Product {
		const now = this.now();
		const record: V3Product = {
			productId: `prd_${String(++this.sequence).padStart(5, '0')}`,
			dateStampedCreated: now,
			dateStampedUpdated: now,
			...product,
		};
		this.products.set(record.productId, record);
		return record;
	}

	/** Generates `count` products with custom ids `${prefix}00000`... */
	seedProducts(count: number, prefix = 'sku-'): void {
		for (let i = 0; i < count; i++)
			this.insertProduct({
				customProductId: `${prefix}${String(i).padStart(5, '0')}`,
				title: `Product ${i}`,
				status: 'active',
			});
	}

	/** Generates `count` paid orders of `customer`, custom ids `${prefix}00000`... */
	seedOrders(count: number, customer: V3Customer, prefix = 'order-'): void {
		for (let i = 0; i < count; i++)
			this.placeOrder(
				customer,
				{
					customOrderId: `${prefix}${String(i).padStart(5, '0')}`,
					currency: 'USD',
					cart: { financialStatus: 'paid', shopPriceTotal: String(10 + (i % 90)) },
				},
				false,
			);
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
		if (request.method === 'GET' && 'page' in request.query)
			this.onListPage?.(`${area}/${segments.join('/')}`, Number(request.query.page) || 0);

		if (route === 'GET merchant/customers')
			return this.listCustomers(request.query, request.queryAll);
		if (route === 'POST merchant/customers') return this.createCustomer(body);
		if (route === 'GET merchant/customers/lookup') return this.lookup(request.query);
		if (area === 'merchant' && segments[0] === 'customers' && segments.length === 2) {
			const customer = this.lenientLookups
				? findByKey(this.customers.values(), (entry) => entry.customerId, segments[1], true)
				: this.customers.get(segments[1]);
			if (!customer) return { status: 404, body: { message: 'Customer not found' } };
			if (request.method === 'GET') return { status: 200, body: this.view(customer) };
			if (request.method === 'PATCH') return this.updateCustomer(customer, body);
			if (request.method === 'DELETE') {
				this.customers.delete(customer.customerId);
				return { status: 200, body: { softDelete: true }, applied: true };
			}
		}
		if (area === 'merchant' && (segments[0] === 'orders' || segments[0] === 'products')) {
			const reply = this.merchantRecords(request, segments, body);
			if (reply) return reply;
		}
		if (route === 'GET loyalty/activities')
			return this.page(this.activities.slice().reverse(), request.query, 'activities');
		if (route === 'POST loyalty/activities') return this.customActivity(request.query);
		if (route === 'GET loyalty/rewards') return this.page(this.rewards, request.query, 'rewards');
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
				case 'trigger-activity':
					return this.triggerRule(customer, request.query);
			}
		}
		return { status: 404, body: { message: `No route for ${request.method} ${request.path}` } };
	}

	private now(): string {
		return new Date((this.clock += 1000)).toISOString();
	}

	/** Orders and products: create, list, lookup, and read / update / delete by Stamped's id. */
	private merchantRecords(
		request: VendorRequest,
		segments: string[],
		body: Record<string, unknown>,
	): Reply | undefined {
		const [kind, id] = segments;
		const isOrder = kind === 'orders';
		if (segments.length === 1) {
			if (request.method === 'POST')
				return isOrder ? this.createOrder(body) : this.createProduct(body);
			if (request.method === 'GET') {
				const listed = isOrder
					? [...this.orders.values()]
					: this.filterProducts(request.query, request.queryAll);
				if (!Array.isArray(listed)) return listed;
				const reply = isOrder
					? this.page(listed as V3Order[], request.query, kind, (order) => this.orderView(order))
					: this.page(listed as V3Product[], request.query, kind, (product) =>
							this.productView(product),
						);
				return this.merchantListShape === 'array' ? { ...reply, body: [reply.body] } : reply;
			}
			return undefined;
		}
		if (segments.length !== 2) return undefined;
		if (id === 'lookup' && request.method === 'GET') {
			const keys = (isOrder ? ORDER_LOOKUP_KEYS : PRODUCT_LOOKUP_KEYS).filter(
				(key) => request.query[key] !== undefined && request.query[key] !== '',
			);
			if (keys.length !== 1) {
				const names = (isOrder ? ORDER_LOOKUP_KEYS : PRODUCT_LOOKUP_KEYS).join(', ');
				return { status: 400, body: { message: `Provide exactly one of ${names}` } };
			}
			const [key] = keys;
			const records: Array<V3Order | V3Product> = [
				...(isOrder ? this.orders.values() : this.products.values()),
			];
			const found = findByKey(
				records,
				(record) => (record as unknown as Record<string, unknown>)[key],
				request.query[key],
				this.lenientLookups,
			);
			if (!found)
				return { status: 404, body: { message: `${isOrder ? 'Order' : 'Product'} not found` } };
			return { status: 200, body: this.viewOf(found) };
		}
		const byId = (records: Map<string, V3Order | V3Product>) =>
			this.lenientLookups
				? findByKey(
						records.values(),
						(entry) => ('orderId' in entry ? entry.orderId : entry.productId),
						id,
						true,
					)
				: records.get(id);
		const record = byId(isOrder ? this.orders : this.products);
		if (!record)
			return { status: 404, body: { message: `${isOrder ? 'Order' : 'Product'} not found` } };
		switch (request.method) {
			case 'GET':
				return { status: 200, body: this.viewOf(record) };
			case 'PATCH':
				return isOrder
					? this.updateOrder(record as V3Order, body)
					: this.updateProduct(record as V3Product, body);
			case 'DELETE':
				if (isOrder) {
					this.reversePoints(record as V3Order);
					this.orders.delete((record as V3Order).orderId);
				} else this.products.delete((record as V3Product).productId);
				return { status: 200, body: { softDelete: true }, applied: true };
			default:
				return undefined;
		}
	}

	private viewOf(record: V3Order | V3Product): Record<string, unknown> {
		return 'orderId' in record ? this.orderView(record) : this.productView(record);
	}

	/** An order as the API sends it (OrderResponse): the purchase points stay the fake's own. */
	orderView(order: V3Order): Record<string, unknown> {
		const { pointsAwarded: _points, ...rest } = order;
		return { ...rest, shopId: this.shopId };
	}

	productView(product: V3Product): Record<string, unknown> {
		return { ...product, shopId: this.shopId };
	}

	/** A cart's problems: figures that are not numbers as text, line items that are not objects. */
	private cartProblem(cart: unknown): string | undefined {
		if (cart === undefined) return undefined;
		if (!cart || typeof cart !== 'object' || Array.isArray(cart)) return 'cart must be an object';
		const record = cart as V3Cart;
		for (const figure of CART_FIGURES) {
			const value = record[figure];
			if (value !== undefined && (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)))
				return `${figure} must be a number as text, e.g. "12.50"`;
		}
		if (record.lineItems !== undefined) {
			if (!Array.isArray(record.lineItems)) return 'lineItems must be an array';
			for (const [index, item] of record.lineItems.entries()) {
				if (!item || typeof item !== 'object' || Array.isArray(item))
					return `lineItems[${index}] must be an object`;
				for (const figure of ['quantity', 'price']) {
					const value = item[figure];
					if (value !== undefined && (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)))
						return `lineItems[${index}].${figure} must be a number as text`;
				}
			}
		}
		return undefined;
	}

	private createOrder(body: Record<string, unknown>): Reply {
		const customer =
			typeof body.customerId === 'string'
				? this.customers.get(body.customerId)
				: typeof body.customCustomerId === 'string'
					? [...this.customers.values()].find(
							(candidate) => candidate.customCustomerId === body.customCustomerId,
						)
					: undefined;
		if (!customer) return { status: 404, body: { message: 'Customer not found' } };
		const problem = this.cartProblem(body.cart);
		if (problem) return { status: 400, body: { message: problem } };
		if (
			typeof body.customOrderId === 'string' &&
			[...this.orders.values()].some((order) => order.customOrderId === body.customOrderId)
		) {
			return {
				status: 400,
				body: { message: `An order with customOrderId ${body.customOrderId} already exists` },
			};
		}
		const order = this.placeOrder(customer, body as Parameters<StampedV3['placeOrder']>[1]);
		return { status: 200, body: this.orderView(order), applied: true };
	}

	/** Records an order and applies the purchase rule: points for a paid order's total. */
	placeOrder(
		customer: V3Customer,
		fields: { customOrderId?: string; currency?: string; tags?: string[]; cart?: V3Cart },
		applyRules = true,
	): V3Order {
		const now = this.now();
		const cart = fields.cart ?? {};
		const order: V3Order = {
			orderId: `ord_${String(++this.sequence).padStart(5, '0')}`,
			customerId: customer.customerId,
			...(fields.customOrderId !== undefined ? { customOrderId: fields.customOrderId } : {}),
			...(fields.tags !== undefined ? { tags: fields.tags } : {}),
			currency: fields.currency ?? (cart.shopCurrency as string | undefined),
			cartStates: [cart],
			orderEntries: [{ cartHash: `cart_${this.sequence}`, event: 'created', date: now }],
			dateStampedCreated: now,
			dateStampedUpdated: now,
			pointsAwarded: 0,
		};
		if (order.currency === undefined) delete order.currency;
		this.orders.set(order.orderId, order);
		if (applyRules && cart.financialStatus === 'paid') {
			const points = Math.floor(Number(cart.shopPriceTotal ?? 0)) * V3_POINTS_PER_UNIT;
			if (points > 0) {
				order.pointsAwarded = points;
				this.record(
					customer,
					points,
					`Placed order ${order.customOrderId ?? order.orderId}`,
					'order',
				);
			}
		}
		return order;
	}

	private reversePoints(order: V3Order): void {
		const customer = this.customers.get(order.customerId);
		if (!customer || order.pointsAwarded === 0) return;
		this.record(
			customer,
			-Math.min(order.pointsAwarded, customer.points),
			`Order ${order.customOrderId ?? order.orderId} reversed`,
			'order',
		);
		order.pointsAwarded = 0;
	}

	private updateOrder(order: V3Order, body: Record<string, unknown>): Reply {
		const problem = this.cartProblem(body);
		if (problem) return { status: 400, body: { message: problem } };
		const now = this.now();
		const cart = { ...order.cartStates[order.cartStates.length - 1], ...body } as V3Cart;
		order.cartStates.push(cart);
		order.orderEntries.push({ cartHash: `cart_${++this.sequence}`, event: 'updated', date: now });
		order.dateStampedUpdated = now;
		if (REVERSED_STATUSES.includes(String(cart.financialStatus))) this.reversePoints(order);
		return { status: 200, body: this.orderView(order), applied: true };
	}

	private productProblem(body: Record<string, unknown>): string | undefined {
		for (const list of ['tags', 'variants', 'images']) {
			if (body[list] !== undefined && !Array.isArray(body[list])) return `${list} must be an array`;
		}
		if (
			Array.isArray(body.variants) &&
			body.variants.some((variant) => !variant || typeof variant !== 'object')
		)
			return 'variants must be objects';
		return undefined;
	}

	private createProduct(body: Record<string, unknown>): Reply {
		const problem = this.productProblem(body);
		if (problem) return { status: 400, body: { message: problem } };
		if (typeof body.title !== 'string' || body.title === '')
			return { status: 400, body: { message: 'title is required' } };
		if (
			typeof body.customProductId === 'string' &&
			[...this.products.values()].some(
				(product) => product.customProductId === body.customProductId,
			)
		) {
			return {
				status: 400,
				body: { message: `A product with customProductId ${body.customProductId} already exists` },
			};
		}
		const product = this.insertProduct(body as Partial<V3Product>);
		return { status: 200, body: this.productView(product), applied: true };
	}

	private updateProduct(product: V3Product, body: Record<string, unknown>): Reply {
		const problem = this.productProblem(body);
		if (problem) return { status: 400, body: { message: problem } };
		if (
			typeof body.customProductId === 'string' &&
			[...this.products.values()].some(
				(other) => other !== product && other.customProductId === body.customProductId,
			)
		) {
			return {
				status: 400,
				body: { message: `A product with customProductId ${body.customProductId} already exists` },
			};
		}
		Object.assign(product, body, { dateStampedUpdated: this.now() });
		return { status: 200, body: this.productView(product), applied: true };
	}

	/** filterProducts: exact matches, `title` begins with, every tag present (`tags=a&tags=b`). */
	private filterProducts(
		query: Record<string, string>,
		queryAll: Record<string, string[]>,
	): V3Product[] | Reply {
		if (Object.keys(queryAll).some((key) => /^tags\[/.test(key)))
			return { status: 400, body: { message: 'tags must be sent as tags=a&tags=b' } };
		const tags = queryAll.tags ?? [];
		return [...this.products.values()].filter(
			(product) =>
				PRODUCT_FILTERS.every(
					(filter) => query[filter] === undefined || product[filter] === query[filter],
				) &&
				(query.title === undefined ||
					(product.title ?? '').toLowerCase().startsWith(query.title.toLowerCase())) &&
				tags.every((tag) => (product.tags ?? []).includes(tag)),
		);
	}

	/** trigger-activity: fires one of the program's earning rules for the customer. */
	private triggerRule(customer: V3Customer, query: Record<string, string>): Reply {
		const rule = V3_EARNING_RULES[query.ruleId ?? ''];
		if (!rule)
			return { status: 404, body: { message: `Rule '${String(query.ruleId)}' does not exist` } };
		const activity = this.record(customer, rule.points, query.title || rule.title, 'rule');
		return {
			status: 200,
			body: {
				customerId: customer.customerId,
				ruleId: query.ruleId,
				activityId: activity.activityId,
				pointsAdded: rule.points,
			},
			applied: true,
		};
	}

	/** A page of `records`, each shown as `view` shows it (only the page's records are turned into answers). */
	private page<Entry>(
		records: Entry[],
		query: Record<string, string>,
		key: string,
		view: (record: Entry) => unknown = (record) => record,
	): Reply {
		const page = Math.max(0, Number(query.page ?? 0) || 0);
		const limit = Math.min(
			MAX_PAGE_SIZE,
			Math.max(1, Number(query.limit ?? DEFAULT_PAGE_SIZE) || DEFAULT_PAGE_SIZE),
		);
		const slice = records.slice(page * limit, (page + 1) * limit).map(view);
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
		return this.page(matching, query, 'customers', (customer) => this.view(customer));
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
		const customer =
			key === 'email' && !this.lenientLookups
				? this.byEmail(query.email)
				: findByKey(
						this.customers.values(),
						(entry) => entry[key],
						query[key],
						this.lenientLookups,
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
		const issued = this.rewards.filter((reward) => reward.couponCode.startsWith('LOYAL-')).length;
		this.issueReward(
			customer,
			rewardId,
			activity.activityId,
			`LOYAL-${String(issued + 1).padStart(4, '0')}`,
			cost,
		);
		return { status: 200, body: activity, applied: true };
	}

	/** Adds a reward (a coupon) to the rewards list, as a redemption does. */
	private issueReward(
		customer: V3Customer,
		rewardId: string,
		activityId: string,
		couponCode: string,
		cost = V3_REWARD_RULES[rewardId]?.cost ?? 100,
	): V3Reward {
		const rule = V3_REWARD_RULES[rewardId];
		if (!rule) throw new Error(`No reward rule ${rewardId}`);
		const reward: V3Reward = {
			rewardId,
			activityId,
			customerId: customer.customerId,
			status: 'active',
			title: rule.title,
			couponCode,
			category: 'coupon',
			type: 'fixed_amount',
			value: String(cost / 100),
			dateCreated: this.now(),
		};
		this.rewards.push(reward);
		return reward;
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
