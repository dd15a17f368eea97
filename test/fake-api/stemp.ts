/**
 * The stemp API as its published OpenAPI file declares it (test/contract/openapi/stemp/openapi.json), with the
 * error shapes of its documentation: users, wallet passes, stamps, points, reward tiers and redemptions, stamp
 * rewards, push notifications, templates, webhook endpoints and the webhook outbox, the organization. Bodies are
 * validated against the file's request schemas and refused in stemp's STANDARD_VALIDATION shape; answers carry
 * what the file declares (the contract check in server.ts holds them to it). Where the file and the documentation
 * disagree, the file's form is the default and the documentation's can be switched on (see `usersEnvelope`).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

import { minimalInstance, schemaNamed, schemaProblems } from '../contract/stemp-contract';
import { findByKey } from './lenient';
import type { Reply, VendorApi, VendorRequest } from './server';

export interface StampState {
	id: string;
	walletPassId: string;
	currentStamps: number;
	maxStampsSnapshot: number;
	totalStampsCollected: number;
	timesCompleted: number;
	lastStampAt: string | null;
}

/** The file's stamp history actions. */
export type StampAction =
	| 'STAMP_ADDED'
	| 'STAMP_REMOVED'
	| 'REWARD_CLAIMED'
	| 'RESET_AFTER_REWARD'
	| 'MANUAL_ADJUSTMENT';

export interface HistoryEntry {
	id: string;
	walletPassId: string;
	stampsBefore: number;
	stampsAfter: number;
	stampsDelta: number;
	actionType: StampAction;
	triggeredByMemberId: string;
	note: string | null;
	createdAt: string;
}

export interface PointsState {
	id: string;
	walletPassId: string;
	currentPoints: number;
	totalPointsEarned: number;
	totalPointsRedeemed: number;
	lifetimeValue: number;
	lastPointsAt: string | null;
}

export interface PointsHistoryEntry {
	id: string;
	walletPassId: string;
	actionType:
		| 'POINTS_ADDED'
		| 'POINTS_REMOVED'
		| 'POINTS_REDEEMED'
		| 'MANUAL_ADJUSTMENT'
		| 'POINTS_EXPIRED';
	pointsBefore: number;
	pointsAfter: number;
	pointsDelta: number;
	monetaryValue: number | null;
	note: string | null;
	isSystemAction: boolean;
	triggeredByMemberId: string | null;
	createdAt: string;
}

/**
 * How a paged list wraps its entries. `paged` is the file's PagedModel (`{content, page: {size, number,
 * totalElements, totalPages}}`); `spring` Spring's flat Page (`{content, number, size, totalElements, totalPages,
 * first, last}`), as the documentation pages users; `unpaged` a plain array of every entry whatever page was
 * asked (the file's `GET /users`); `array`, `data` and `items` other forms a tolerant client reads.
 */
export type HistoryEnvelope = 'paged' | 'spring' | 'unpaged' | 'array' | 'data' | 'items';

/** A stemp user: a customer that wallet passes belong to. */
export interface StempUser {
	id: string;
	object: 'user';
	email: string;
	name: string | null;
	phone: string | null;
	externalId: string | null;
	/** The file's form: `{public, private, unsafe}`, each an object. */
	metadata: Record<string, unknown>;
	createdAt: string;
	updatedAt: string;
}

/** A user to seed, and the passes (already seeded, or added empty) that belong to it. */
export type SeedUser = Partial<StempUser> & { email: string; walletPassIds?: string[] };

export interface StempTemplate {
	id: string;
	name: string;
	hasStampFeature: boolean;
	hasPointsFeature: boolean;
	stampConfig: {
		maxStamps: number;
		rewardName: string | null;
		rewardDescription: string | null;
		autoResetOnComplete: boolean;
	};
	pointsConfig: {
		pointsPerUnit: number;
		unitLabel: string;
		pointsLabel: string;
		minimumRedemptionPoints: number | null;
		pointsExpiryDays: number | null;
	};
}

export interface RewardTier {
	id: string;
	templateId: string;
	name: string;
	description: string | null;
	externalId: string | null;
	pointsRequired: number;
	sortOrder: number;
}

export interface Redemption {
	id: string;
	walletPassId: string;
	rewardTierId: string;
	rewardTierName: string;
	pointsRedeemed: number;
	status: 'PENDING' | 'COMPLETED' | 'CANCELLED';
	createdAt: string;
	redeemedAt: string | null;
}

export interface StampReward {
	id: string;
	walletPassId: string;
	templateId: string;
	rewardName: string | null;
	stampsAtCompletion: number;
	status: 'PENDING' | 'CLAIMED' | 'EXPIRED';
	createdAt: string;
	claimedAt: string | null;
}

export interface WalletPassRecord {
	id: string;
	templateId: string;
	/** The owner; passes seeded without one belong to a walk-in customer stemp does not list. */
	userId: string | null;
	qrCodeValue: string;
	/** What a scanned QR code carries besides the pass ID (`POST walletpasses/validate`). */
	signature: string;
	installations: Array<{
		platform: 'APPLE' | 'GOOGLE';
		status: 'INSTALLED' | 'UNINSTALLED';
		installedAt: string;
	}>;
	createdAt: string;
	updatedAt: string;
}

export interface PushNotification {
	id: string;
	targetScope: 'PASS' | 'TEMPLATE';
	walletPassId: string | null;
	templateId: string | null;
	messageBody: string;
	messageHeader: string | null;
	targetCount: number;
	status: 'COMPLETED';
	appleSuccessCount: number;
	appleFailureCount: number;
	googleSuccessCount: number;
	googleFailureCount: number;
	createdAt: string;
	completedAt: string;
}

export interface WebhookEndpoint {
	id: string;
	url: string;
	eventTypes: string[];
	description: string | null;
	isActive: boolean;
	/** Shown once, in the answer to the create. */
	secret: string;
	createdAt: string;
	updatedAt: string;
}

export interface OutboxEvent {
	id: string;
	businessEventId: string;
	eventType: string;
	eventPayload: Record<string, unknown>;
	endpointId: string | null;
	endpointUrl: string | null;
	status: 'PENDING' | 'DELIVERED' | 'FAILED';
	retryCount: number;
	maxRetries: number;
	httpStatus: number | null;
	lastError: string | null;
	createdAt: string;
	lastAttemptAt: string | null;
	deliveredAt: string | null;
}

/** A webhook event the API fired: its type, the pass it concerns (when one), and its envelope. */
export interface WebhookEvent {
	id: string;
	type: string;
	walletPassId?: string;
	data: Record<string, unknown>;
	timestamp: string;
}

export interface StempOptions {
	token?: string;
	/** A valid token with read scopes only: reads work, writes get 403. */
	readOnlyToken?: string;
	templates?: Array<Partial<StempTemplate> & { id: string; name: string }>;
	/** Reward tiers of the points templates (ids generated when left out). */
	rewardTiers?: Array<
		Partial<RewardTier> & { templateId: string; name: string; pointsRequired: number }
	>;
	passes?: Array<
		Partial<StampState> & {
			walletPassId: string;
			templateId?: string;
			currentPoints?: number;
			installed?: boolean;
		}
	>;
	historyEnvelope?: HistoryEnvelope;
	users?: SeedUser[];
	/** Webhook outbox entries to start with (the sandbox's: delivered ones and a failed one). */
	outbox?: Array<Partial<OutboxEvent> & { eventType: string }>;
}

export const STEMP_TOKEN = 'stemp-test-token-7f3a9c1e5b';
export const STEMP_READ_ONLY_TOKEN = 'stemp-readonly-token-2d8e4a';

export const STAMP_TEMPLATE_ID = 'tpl_stamps';
export const POINTS_TEMPLATE_ID = 'tpl_points';

/** The templates every fake starts with: a 10-stamp coffee card and a points card (1 point per euro). */
export const DEFAULT_TEMPLATES: NonNullable<StempOptions['templates']> = [
	{
		id: STAMP_TEMPLATE_ID,
		name: 'Coffee stamp card',
		hasStampFeature: true,
		hasPointsFeature: false,
		stampConfig: {
			maxStamps: 10,
			rewardName: 'Free coffee',
			rewardDescription: 'Any hot drink, any size',
			autoResetOnComplete: true,
		},
	},
	{
		id: POINTS_TEMPLATE_ID,
		name: 'Bakery points card',
		hasStampFeature: false,
		hasPointsFeature: true,
	},
];

export const DEFAULT_REWARD_TIERS: NonNullable<StempOptions['rewardTiers']> = [
	{
		id: 'rt_croissant',
		templateId: POINTS_TEMPLATE_ID,
		name: 'Free croissant',
		pointsRequired: 100,
		sortOrder: 1,
	},
	{
		id: 'rt_cake',
		templateId: POINTS_TEMPLATE_ID,
		name: 'Free slice of cake',
		pointsRequired: 250,
		sortOrder: 2,
		externalId: 'cake-slice',
	},
	{
		id: 'rt_tenoff',
		templateId: POINTS_TEMPLATE_ID,
		name: '10 € off',
		description: 'On an order of 30 € or more',
		pointsRequired: 500,
		sortOrder: 3,
	},
];

/**
 * The event types stemp lists at `GET webhooks/event-types`: the documented ones, and in this fake two more
 * (points), so that a client can show types beyond a fixed list.
 */
export const STEMP_EVENT_TYPES = [
	{
		type: 'user.created',
		name: 'User created',
		category: 'User',
		description: 'A user was created',
	},
	{ type: 'user.updated', name: 'User updated', category: 'User', description: 'A user changed' },
	{
		type: 'user.deleted',
		name: 'User deleted',
		category: 'User',
		description: 'A user was deleted',
	},
	{
		type: 'pass.created',
		name: 'Pass created',
		category: 'Pass',
		description: 'A pass was issued',
	},
	{ type: 'pass.updated', name: 'Pass updated', category: 'Pass', description: 'A pass changed' },
	{
		type: 'stamp.created',
		name: 'Stamp created',
		category: 'Stamp',
		description: 'A stamp was added',
	},
	{
		type: 'stamp.reward_triggered',
		name: 'Stamp reward triggered',
		category: 'Stamp',
		description: 'A completed card earned its reward',
	},
	{
		type: 'stamp.card_completed',
		name: 'Stamp card completed',
		category: 'Stamp',
		description: 'A card reached its last stamp',
	},
	{
		type: 'points.added',
		name: 'Points added',
		category: 'Points',
		description: 'Points were added',
	},
	{
		type: 'points.redeemed',
		name: 'Points redeemed',
		category: 'Points',
		description: 'Points were redeemed for a reward tier',
	},
];

/** The ID of the `index`-th pass `seedPasses` generates. */
export function seededPassId(index: number): string {
	return `wp_seed_${String(index).padStart(5, '0')}`;
}

/** The signature a pass's QR code carries (what `POST walletpasses/validate` checks). */
export function passSignature(walletPassId: string): string {
	return createHash('sha256').update(`stemp-fake:${walletPassId}`).digest('hex').slice(0, 24);
}

/** The owner shown for a pass seeded without one (stemp does not list it among the users). */
const WALK_IN = { id: 'usr_walkin', email: 'walk-in@example.com', name: 'Walk-in customer' };

const ORGANIZATION = {
	id: 'org_sandbox',
	object: 'organization',
	name: 'Sandbox Coffee & Bakery',
	slug: 'sandbox-coffee',
	role: 'OWNER',
	defaultTemplateId: STAMP_TEMPLATE_ID,
	createdAt: '2025-01-01T00:00:00Z',
	updatedAt: '2025-01-01T00:00:00Z',
};

type Params = Record<string, string>;
type Handler = (request: VendorRequest, params: Params) => Reply;

interface Route {
	method: string;
	segments: string[];
	/** The scope the API token needs; the read-only token holds the `:read` ones. */
	scope: string;
	handle: Handler;
}

const notFoundRoute = (request: VendorRequest): Reply => ({
	status: 404,
	body: { error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.path}` } },
});

const isReadScope = (scope: string) => scope.endsWith(':read');

/** A field problem of the contract check, as Spring's validation answers it: `{field: message}`. */
function validationReply(body: unknown, schemaName: string): Reply | undefined {
	const problems = schemaProblems(body ?? {}, schemaNamed(schemaName), 'body', 'request');
	if (problems.length === 0) return undefined;
	const fields: Record<string, string> = {};
	for (const problem of problems) {
		const [where, ...message] = problem.split(': ');
		fields[where.replace(/^body\.?/, '') || 'body'] = message.join(': ');
	}
	return { status: 400, body: { STANDARD_VALIDATION: fields } };
}

const now = () => new Date().toISOString();

export class Stemp implements VendorApi {
	/** Stamp state per wallet pass ID. */
	readonly passes = new Map<string, StampState>();
	/** Stamp history per wallet pass ID, newest first. */
	readonly history = new Map<string, HistoryEntry[]>();
	readonly walletPasses = new Map<string, WalletPassRecord>();
	readonly points = new Map<string, PointsState>();
	readonly pointsHistory = new Map<string, PointsHistoryEntry[]>();
	readonly templates = new Map<string, StempTemplate>();
	readonly rewardTiers = new Map<string, RewardTier>();
	readonly redemptions = new Map<string, Redemption>();
	readonly stampRewards = new Map<string, StampReward>();
	/** Push notifications sent, oldest first. */
	readonly notifications: PushNotification[] = [];
	readonly endpoints = new Map<string, WebhookEndpoint>();
	readonly outbox: OutboxEvent[] = [];
	/** E-mails stemp would have sent (a new pass with sendEmailNotification). */
	readonly emailsSent: Array<{ to: string; walletPassId: string }> = [];
	/** Webhook events the API fired, in order. */
	readonly events: WebhookEvent[] = [];
	historyEnvelope: HistoryEnvelope;
	/** Users by stemp's ID, in the order they were created. */
	readonly users = new Map<string, StempUser>();
	/** Passes revoked by deleting them or their user (stemp answers 404 for them afterwards). */
	readonly revokedPasses: string[] = [];
	/** How `GET /users` answers: the file's plain array of every user by default, the documentation's pages on request. */
	usersEnvelope: HistoryEnvelope = 'unpaged';
	/**
	 * Where the webhook events of registered endpoints are POSTed, signed as stemp signs them: the origin that
	 * replaces each endpoint URL's own (`http://127.0.0.1:5678` for an n8n registered as `https://…`). Unset,
	 * events only go into the outbox. The sandbox sets it with `POST /__settings {stempWebhookOrigin}`.
	 */
	webhookOrigin: string | undefined;
	/** Users are resolved loosely (the `lenientLookups` hostile switch, see ./lenient). */
	lenientLookups = false;
	private readonly token: string;
	private readonly readOnlyToken: string;
	private sequence = 0;
	private readonly routes: Route[];

	constructor(options: StempOptions = {}) {
		this.token = options.token ?? STEMP_TOKEN;
		this.readOnlyToken = options.readOnlyToken ?? STEMP_READ_ONLY_TOKEN;
		this.historyEnvelope = options.historyEnvelope ?? 'paged';
		for (const template of options.templates ?? DEFAULT_TEMPLATES) this.addTemplate(template);
		for (const tier of options.rewardTiers ?? DEFAULT_REWARD_TIERS) this.addRewardTier(tier);
		for (const pass of options.passes ?? [{ walletPassId: 'wp_abc456', currentStamps: 5 }])
			this.addPass(pass);
		for (const user of options.users ?? []) this.addUser(user);
		for (const entry of options.outbox ?? []) this.addOutboxEvent(entry);
		this.routes = this.buildRoutes();
	}

	private nextId(prefix: string): string {
		return `${prefix}_${String(++this.sequence).padStart(6, '0')}`;
	}

	// ---- seeding (tests and the sandbox) ----

	addTemplate(template: Partial<StempTemplate> & { id: string; name: string }): StempTemplate {
		const record: StempTemplate = {
			hasStampFeature: true,
			hasPointsFeature: false,
			...template,
			stampConfig: {
				maxStamps: 10,
				rewardName: null,
				rewardDescription: null,
				autoResetOnComplete: true,
				...template.stampConfig,
			},
			pointsConfig: {
				pointsPerUnit: 1,
				unitLabel: 'EUR',
				pointsLabel: 'Points',
				minimumRedemptionPoints: null,
				pointsExpiryDays: null,
				...template.pointsConfig,
			},
		};
		this.templates.set(record.id, record);
		return record;
	}

	addRewardTier(
		tier: Partial<RewardTier> & { templateId: string; name: string; pointsRequired: number },
	): RewardTier {
		const record: RewardTier = {
			description: null,
			externalId: null,
			sortOrder: 0,
			...tier,
			id: tier.id ?? this.nextId('rt'),
		};
		this.rewardTiers.set(record.id, record);
		return record;
	}

	/** Adds a user directly; its passes are added empty (on the stamp template) when not there yet. */
	addUser({ walletPassIds = [], ...user }: SeedUser): StempUser {
		const createdAt = now();
		const record: StempUser = {
			id: this.nextId('usr'),
			object: 'user',
			name: null,
			phone: null,
			externalId: null,
			createdAt,
			updatedAt: createdAt,
			...user,
			metadata: user.metadata ?? {},
		};
		this.users.set(record.id, record);
		for (const walletPassId of walletPassIds) {
			if (!this.walletPasses.has(walletPassId)) this.addPass({ walletPassId });
			this.walletPasses.get(walletPassId)!.userId = record.id;
		}
		return record;
	}

	/** Adds `count` users, `user0@example.com`… with external IDs `ext-0`… (for paging tests). */
	seedUsers(count: number): void {
		for (let i = 0; i < count; i++)
			this.addUser({ email: `user${i}@example.com`, externalId: `ext-${i}`, name: `User ${i}` });
	}

	/** stemp's ID or the external ID, as stemp resolves `/users/{id}`. */
	findUser(idOrExternalId: string): StempUser | undefined {
		if (this.lenientLookups)
			return (
				findByKey(this.users.values(), (user) => user.id, idOrExternalId, true) ??
				findByKey(this.users.values(), (user) => user.externalId, idOrExternalId, true)
			);
		return (
			this.users.get(idOrExternalId) ??
			[...this.users.values()].find((user) => user.externalId === idOrExternalId)
		);
	}

	/** Adds a pass (on the stamp template unless told otherwise) with its stamp and points state. */
	addPass(
		pass: Partial<StampState> & {
			walletPassId: string;
			templateId?: string;
			userId?: string | null;
			currentPoints?: number;
			installed?: boolean;
		},
	): StampState {
		const {
			templateId = STAMP_TEMPLATE_ID,
			userId = null,
			currentPoints = 0,
			installed = true,
		} = pass;
		const { walletPassId } = pass;
		const createdAt = now();
		const signature = passSignature(walletPassId);
		this.walletPasses.set(walletPassId, {
			id: walletPassId,
			templateId,
			userId,
			qrCodeValue: `stemp:${walletPassId}:${signature}`,
			signature,
			installations: installed
				? [{ platform: 'APPLE', status: 'INSTALLED', installedAt: createdAt }]
				: [],
			createdAt,
			updatedAt: createdAt,
		});
		const maxStamps = this.templates.get(templateId)?.stampConfig.maxStamps ?? 10;
		const state: StampState = {
			id: `ss_${walletPassId}`,
			walletPassId,
			currentStamps: pass.currentStamps ?? 0,
			maxStampsSnapshot: pass.maxStampsSnapshot ?? maxStamps,
			totalStampsCollected: pass.totalStampsCollected ?? pass.currentStamps ?? 0,
			timesCompleted: pass.timesCompleted ?? 0,
			lastStampAt: pass.lastStampAt ?? null,
		};
		this.passes.set(walletPassId, state);
		this.history.set(walletPassId, []);
		this.points.set(walletPassId, {
			id: `ps_${walletPassId}`,
			walletPassId,
			currentPoints,
			totalPointsEarned: currentPoints,
			totalPointsRedeemed: 0,
			lifetimeValue: 0,
			lastPointsAt: null,
		});
		this.pointsHistory.set(walletPassId, []);
		return state;
	}

	/** Adds `count` empty passes, `seededPassId(0)` to `seededPassId(count - 1)` (for bulk runs). */
	seedPasses(count: number, templateId = STAMP_TEMPLATE_ID): void {
		for (let i = 0; i < count; i++) this.addPass({ walletPassId: seededPassId(i), templateId });
	}

	/** Adds stamp history entries directly, oldest first (for paging tests). */
	seedHistory(walletPassId: string, count: number): void {
		const pass = this.passes.get(walletPassId) ?? this.addPass({ walletPassId });
		for (let i = 0; i < count; i++)
			this.changeStamps(
				pass,
				'STAMP_ADDED',
				(pass.currentStamps + 1) % pass.maxStampsSnapshot,
				`seed ${i}`,
			);
	}

	/** Adds points history entries directly, oldest first (for paging tests). */
	seedPointsHistory(walletPassId: string, count: number): void {
		if (!this.points.has(walletPassId))
			this.addPass({ walletPassId, templateId: POINTS_TEMPLATE_ID });
		for (let i = 0; i < count; i++)
			this.changePoints(walletPassId, 'POINTS_ADDED', 1, null, `seed ${i}`);
	}

	/** Adds `count` push notifications to a template's history (for paging tests). */
	seedNotifications(templateId: string, count: number): void {
		for (let i = 0; i < count; i++)
			this.push('TEMPLATE', null, templateId, `Seeded message ${i}`, null);
	}

	addOutboxEvent(entry: Partial<OutboxEvent> & { eventType: string }): OutboxEvent {
		const createdAt = now();
		const record: OutboxEvent = {
			id: this.nextId('obx'),
			businessEventId: this.nextId('evt'),
			eventPayload: {},
			endpointId: null,
			endpointUrl: null,
			status: 'DELIVERED',
			retryCount: 0,
			maxRetries: 5,
			httpStatus: 200,
			lastError: null,
			createdAt,
			lastAttemptAt: createdAt,
			deliveredAt: createdAt,
			...entry,
		};
		this.outbox.push(record);
		return record;
	}

	// ---- what the API answers with ----

	userView(user: StempUser) {
		const passInfos = [...this.walletPasses.values()]
			.filter((pass) => pass.userId === user.id)
			.map((pass) => ({ passId: pass.id, templateId: pass.templateId }));
		return { ...user, resolvedId: user.id, isMemberUser: false, passInfos };
	}

	private templateSummary(templateId: string) {
		const template = this.templates.get(templateId);
		return {
			id: templateId,
			name: template?.name ?? templateId,
			hasStampFeature: template?.hasStampFeature ?? true,
			hasPointsFeature: template?.hasPointsFeature ?? false,
		};
	}

	/** The file's UserPassDTO (a pass without its user). */
	private passView(pass: WalletPassRecord) {
		const stamps = this.passes.get(pass.id);
		const points = this.points.get(pass.id);
		const template = this.templateSummary(pass.templateId);
		return {
			id: pass.id,
			object: 'wallet_pass',
			qrCodeValue: pass.qrCodeValue,
			installations: pass.installations,
			template,
			...(stamps && template.hasStampFeature
				? {
						stampState: {
							currentStamps: stamps.currentStamps,
							maxStamps: stamps.maxStampsSnapshot,
							timesCompleted: stamps.timesCompleted,
							totalStampsCollected: stamps.totalStampsCollected,
							lastStampAt: stamps.lastStampAt,
						},
					}
				: {}),
			...(points && template.hasPointsFeature
				? {
						pointsState: {
							currentPoints: points.currentPoints,
							totalPointsEarned: points.totalPointsEarned,
							totalPointsRedeemed: points.totalPointsRedeemed,
							lifetimeValue: points.lifetimeValue,
							lastPointsAt: points.lastPointsAt,
						},
					}
				: {}),
			createdAt: pass.createdAt,
			updatedAt: pass.updatedAt,
		};
	}

	/** The file's WalletPassWithUserDTO. */
	private passWithUserView(pass: WalletPassRecord) {
		const owner = pass.userId ? this.users.get(pass.userId) : undefined;
		const user = owner
			? {
					id: owner.id,
					email: owner.email,
					name: owner.name,
					phone: owner.phone,
					externalId: owner.externalId,
				}
			: WALK_IN;
		return { ...this.passView(pass), user };
	}

	/** The file's WalletPass (what issuing a pass answers). */
	private walletPassView(pass: WalletPassRecord) {
		return {
			id: pass.id,
			object: 'wallet_pass',
			templateId: pass.templateId,
			userId: pass.userId ?? WALK_IN.id,
			qrCodeValue: pass.qrCodeValue,
			createdAt: pass.createdAt,
			updatedAt: pass.updatedAt,
			contentUpdatedAt: pass.updatedAt,
		};
	}

	private templateView(template: StempTemplate) {
		const base = minimalInstance(schemaNamed('Template')) as Record<string, unknown>;
		return {
			...base,
			id: template.id,
			object: 'template',
			name: template.name,
			isActive: true,
			active: true,
			isReady: true,
			isMainBranch: true,
			presetId: 'preset_loyalty',
			featureSet: { stamps: template.hasStampFeature, points: template.hasPointsFeature },
			createdAt: '2025-01-01T00:00:00Z',
			updatedAt: '2025-01-01T00:00:00Z',
		};
	}

	private stampConfigView(template: StempTemplate) {
		return { id: `sc_${template.id}`, templateId: template.id, ...template.stampConfig };
	}

	private pointsConfigView(template: StempTemplate) {
		return { id: `pc_${template.id}`, templateId: template.id, ...template.pointsConfig };
	}

	private endpointView(endpoint: WebhookEndpoint, withSecret = false) {
		const { secret, ...rest } = endpoint;
		return { object: 'webhook_endpoint', ...rest, ...(withSecret ? { secret } : {}) };
	}

	// ---- events ----

	/** Records a webhook event, and an outbox entry for every active endpoint that listens to it. */
	fire(type: string, data: Record<string, unknown>, walletPassId?: string): WebhookEvent {
		const event: WebhookEvent = {
			id: this.nextId('evt'),
			type,
			...(walletPassId ? { walletPassId } : {}),
			data,
			timestamp: now(),
		};
		this.events.push(event);
		for (const endpoint of this.endpoints.values()) {
			if (!endpoint.isActive || !endpoint.eventTypes.includes(type)) continue;
			const entry = this.addOutboxEvent({
				businessEventId: event.id,
				eventType: type,
				eventPayload: { id: event.id, type, timestamp: event.timestamp, data },
				endpointId: endpoint.id,
				endpointUrl: endpoint.url,
				status: 'PENDING',
				httpStatus: null,
				lastAttemptAt: null,
				deliveredAt: null,
			});
			this.deliver(entry, endpoint, event);
		}
		return event;
	}

	/** POSTs an outbox entry to `webhookOrigin` (see there), and records how the endpoint answered. */
	private deliver(entry: OutboxEvent, endpoint: WebhookEndpoint, event: WebhookEvent): void {
		if (!this.webhookOrigin) return;
		const url = new URL(endpoint.url);
		const { body, headers } = Stemp.signedDelivery(event, endpoint.secret, entry.id);
		entry.lastAttemptAt = now();
		void fetch(`${this.webhookOrigin}${url.pathname}${url.search}`, {
			method: 'POST',
			headers,
			body,
		})
			.then((response) => {
				entry.httpStatus = response.status;
				entry.status = response.ok ? 'DELIVERED' : 'FAILED';
				if (response.ok) entry.deliveredAt = now();
				else entry.lastError = `HTTP ${response.status}`;
			})
			.catch((error: Error) => {
				entry.status = 'FAILED';
				entry.lastError = error.message;
			});
	}

	/** The body and headers stemp would POST to `endpoint` for an event: signed with the endpoint's secret. */
	static signedDelivery(event: WebhookEvent, secret: string, deliveryId: string) {
		const body = JSON.stringify({
			id: event.id,
			type: event.type,
			timestamp: event.timestamp,
			data: event.data,
		});
		return {
			body,
			headers: {
				'Content-Type': 'application/json',
				'X-Stemp-Signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
				'X-Stemp-Event': event.type,
				'X-Stemp-Delivery': deliveryId,
			},
		};
	}

	// ---- routing ----

	handle(request: VendorRequest): Reply {
		const authorization = String(request.headers.authorization ?? '');
		const token = authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : '';
		if (token !== this.token && token !== this.readOnlyToken) {
			return {
				status: 401,
				body: { error: { code: 'UNAUTHORIZED', message: 'Invalid or expired API token' } },
			};
		}
		const match = this.route(request);
		if (!match) {
			const samePath = this.routes.some(
				(route) => this.paramsOf(route, request.segments) !== undefined,
			);
			if (samePath)
				return {
					status: 405,
					body: {
						error: { code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not allowed here` },
					},
				};
			return notFoundRoute(request);
		}
		const { route, params } = match;
		if (token === this.readOnlyToken && !isReadScope(route.scope)) {
			return {
				status: 403,
				body: { code: 'INSUFFICIENT_SCOPE', params: { required: route.scope } },
			};
		}
		return route.handle(request, params);
	}

	private paramsOf(route: Route, segments: string[]): Params | undefined {
		if (route.segments.length !== segments.length) return undefined;
		const params: Params = {};
		for (const [index, part] of route.segments.entries()) {
			if (part.startsWith('{')) {
				if (segments[index] === '') return undefined;
				params[part.slice(1, -1)] = segments[index];
			} else if (part !== segments[index]) return undefined;
		}
		return params;
	}

	/** The route for a request; literal segments win over parameters, as Spring routes them. */
	private route(request: VendorRequest): { route: Route; params: Params } | undefined {
		const literals = (route: Route) =>
			route.segments.filter((part) => !part.startsWith('{')).length;
		const candidates = this.routes
			.filter((route) => route.method === request.method)
			.map((route) => ({ route, params: this.paramsOf(route, request.segments) }))
			.filter((entry): entry is { route: Route; params: Params } => entry.params !== undefined)
			.sort((a, b) => literals(b.route) - literals(a.route));
		return candidates[0];
	}

	private buildRoutes(): Route[] {
		const routes: Route[] = [];
		const on = (method: string, path: string, scope: string, handle: Handler) =>
			routes.push({ method, segments: path.split('/').filter(Boolean), scope, handle });

		on('GET', '/organization', 'org:read', () => ({ status: 200, body: ORGANIZATION }));

		// users
		on('GET', '/users', 'user:read', (request) => ({
			status: 200,
			body: this.page(
				[...this.users.values()].map((user) => this.userView(user)),
				request.query,
				this.usersEnvelope,
			),
		}));
		on('POST', '/users', 'user:create', (request) => this.createUser(request.body));
		on('GET', '/users/search', 'user:read', (request) => this.searchUsers(request.query));
		on('GET', '/users/{identifier}', 'user:read', (_, { identifier }) =>
			this.withUser(identifier, (user) => ({ status: 200, body: this.userView(user) })),
		);
		on('PATCH', '/users/{userId}', 'user:update', (request, { userId }) =>
			this.withUser(userId, (user) => this.updateUser(user, request.body)),
		);
		on('DELETE', '/users/{userId}', 'user:update', (_, { userId }) =>
			this.withUser(userId, (user) => this.deleteUser(user)),
		);
		on('GET', '/users/{userId}/passes', 'user:read', (_, { userId }) =>
			this.withUser(userId, (user) => ({
				status: 200,
				body: {
					passes: [...this.walletPasses.values()]
						.filter((pass) => pass.userId === user.id)
						.map((pass) => this.passView(pass)),
				},
			})),
		);

		// wallet passes
		on('POST', '/templates/{templateId}/walletpasses', 'pass:create', (request, { templateId }) =>
			this.createPass(templateId, request.body),
		);
		on('GET', '/walletpasses', 'pass:read', (request) => this.listPasses(request.query));
		on('POST', '/walletpasses/validate', 'pass:read', (request) =>
			this.validateQrCode(request.body),
		);
		on('GET', '/walletpasses/{walletPassId}', 'pass:read', (_, { walletPassId }) =>
			this.withPass(walletPassId, (pass) => ({ status: 200, body: this.passWithUserView(pass) })),
		);
		on('DELETE', '/walletpasses/{walletPassId}', 'pass:delete', (_, { walletPassId }) =>
			this.withPass(walletPassId, (pass) => {
				this.revokePass(pass.id);
				return { status: 204, applied: true };
			}),
		);

		// stamps
		on('GET', '/walletpasses/{walletPassId}/stamps', 'pass:read', (_, { walletPassId }) =>
			this.withStamps(walletPassId, (state) => ({ status: 200, body: state })),
		);
		on(
			'GET',
			'/walletpasses/{walletPassId}/stamps/history',
			'pass:read',
			(request, { walletPassId }) =>
				this.withStamps(walletPassId, () =>
					this.historyReply(this.history.get(walletPassId) ?? [], request.query),
				),
		);
		on(
			'POST',
			'/walletpasses/{walletPassId}/stamps/add',
			'loyalty:manage',
			(request, { walletPassId }) =>
				this.withStamps(walletPassId, (state) => {
					const refused = validationReply(request.body ?? {}, 'AddStampRequest');
					if (refused) return refused;
					return this.addStamp(
						state,
						(request.body as { note?: string } | undefined)?.note ?? null,
					);
				}),
		);
		on(
			'POST',
			'/walletpasses/{walletPassId}/stamps/remove',
			'loyalty:manage',
			(_, { walletPassId }) =>
				this.withStamps(walletPassId, (state) => {
					if (state.currentStamps === 0)
						return {
							status: 400,
							body: { CUSTOM_VALIDATION: { stamps: 'The card has no stamp to remove' } },
						};
					return this.changeStamps(state, 'STAMP_REMOVED', state.currentStamps - 1, null);
				}),
		);
		on(
			'POST',
			'/walletpasses/{walletPassId}/stamps/set',
			'loyalty:manage',
			(request, { walletPassId }) =>
				this.withStamps(walletPassId, (state) => {
					const refused = validationReply(request.body, 'SetStampsRequest');
					if (refused) return refused;
					const value = (request.body as { stamps: number }).stamps;
					if (value > state.maxStampsSnapshot)
						return {
							status: 400,
							body: {
								STANDARD_VALIDATION: {
									stamps: `must be an integer between 0 and ${state.maxStampsSnapshot}`,
								},
							},
						};
					return this.changeStamps(state, 'MANUAL_ADJUSTMENT', value, null);
				}),
		);
		on(
			'POST',
			'/walletpasses/{walletPassId}/stamps/reset',
			'loyalty:manage',
			(_, { walletPassId }) =>
				this.withStamps(walletPassId, (state) =>
					this.changeStamps(state, 'MANUAL_ADJUSTMENT', 0, null),
				),
		);

		// points
		const points = (
			method: string,
			action: string,
			scope: string,
			handle: (walletPassId: string, request: VendorRequest) => Reply,
		) =>
			on(
				method,
				`/walletpasses/{walletPassId}/points${action}`,
				scope,
				(request, { walletPassId }) =>
					this.points.has(walletPassId)
						? handle(walletPassId, request)
						: { status: 404, body: { code: 'WALLET_PASS_NOT_FOUND', params: { walletPassId } } },
			);
		points('GET', '', 'pass:read', (walletPassId) => ({
			status: 200,
			body: this.points.get(walletPassId),
		}));
		points('POST', '/add', 'loyalty:manage', (walletPassId, request) => {
			const refused = validationReply(request.body, 'AddPointsRequest');
			if (refused) return refused;
			const {
				points: amount,
				monetaryValue,
				note,
			} = request.body as {
				points: number;
				monetaryValue?: number;
				note?: string;
			};
			return this.changePoints(
				walletPassId,
				'POINTS_ADDED',
				amount,
				monetaryValue ?? null,
				note ?? null,
			);
		});
		points('POST', '/remove', 'loyalty:manage', (walletPassId, request) => {
			const refused = validationReply(request.body, 'SetPointsRequest');
			if (refused) return refused;
			const amount = (request.body as { points: number }).points;
			const state = this.points.get(walletPassId)!;
			if (amount > state.currentPoints)
				return {
					status: 400,
					body: {
						code: 'INSUFFICIENT_POINTS',
						params: { current: state.currentPoints, requested: amount },
					},
				};
			return this.changePoints(walletPassId, 'POINTS_REMOVED', -amount, null, null);
		});
		points('POST', '/set', 'loyalty:manage', (walletPassId, request) => {
			const refused = validationReply(request.body, 'SetPointsRequest');
			if (refused) return refused;
			const value = (request.body as { points: number }).points;
			return this.changePoints(
				walletPassId,
				'MANUAL_ADJUSTMENT',
				value - this.points.get(walletPassId)!.currentPoints,
				null,
				null,
			);
		});
		points('POST', '/redeem', 'loyalty:manage', (walletPassId, request) =>
			this.redeem(walletPassId, request.body),
		);
		points('GET', '/history', 'pass:read', (walletPassId, request) =>
			this.historyReply(this.pointsHistory.get(walletPassId) ?? [], request.query),
		);
		points('GET', '/redemptions', 'pass:read', (walletPassId, request) => {
			const status = request.query.status;
			if (status !== undefined && !['PENDING', 'COMPLETED', 'CANCELLED'].includes(status))
				return {
					status: 400,
					body: { STANDARD_VALIDATION: { status: 'must be PENDING, COMPLETED or CANCELLED' } },
				};
			return {
				status: 200,
				body: [...this.redemptions.values()].filter(
					(entry) =>
						entry.walletPassId === walletPassId &&
						(status === undefined || entry.status === status),
				),
			};
		});
		on(
			'POST',
			'/points-redemptions/{redemptionId}/complete',
			'loyalty:manage',
			(_, { redemptionId }) => this.settleRedemption(redemptionId, 'COMPLETED'),
		);
		on(
			'POST',
			'/points-redemptions/{redemptionId}/cancel',
			'loyalty:manage',
			(_, { redemptionId }) => this.settleRedemption(redemptionId, 'CANCELLED'),
		);

		// stamp rewards
		on('GET', '/walletpasses/{walletPassId}/rewards', 'pass:read', (_, { walletPassId }) =>
			this.withPass(walletPassId, () => ({
				status: 200,
				body: [...this.stampRewards.values()].filter(
					(reward) => reward.walletPassId === walletPassId,
				),
			})),
		);
		on('GET', '/templates/{templateId}/rewards', 'template:read', (_, { templateId }) =>
			this.withTemplate(templateId, () => ({
				status: 200,
				body: [...this.stampRewards.values()].filter((reward) => reward.templateId === templateId),
			})),
		);
		on('POST', '/rewards/{rewardId}/claim', 'loyalty:manage', (_, { rewardId }) =>
			this.claimReward(rewardId),
		);

		// reward tiers
		on('GET', '/templates/{templateId}/points-rewards', 'template:read', (_, { templateId }) =>
			this.withTemplate(templateId, () => ({
				status: 200,
				body: [...this.rewardTiers.values()]
					.filter((tier) => tier.templateId === templateId)
					.sort((a, b) => a.sortOrder - b.sortOrder),
			})),
		);
		on(
			'POST',
			'/templates/{templateId}/points-rewards',
			'loyalty:manage',
			(request, { templateId }) =>
				this.withTemplate(templateId, () => {
					const refused = validationReply(request.body, 'CreatePointsRewardTierRequest');
					if (refused) return refused;
					const tier = this.addRewardTier({
						...(request.body as RewardTier),
						id: undefined,
						templateId,
					});
					return { status: 201, body: tier, applied: true };
				}),
		);
		on('PATCH', '/points-rewards/{rewardTierId}', 'loyalty:manage', (request, { rewardTierId }) =>
			this.withTier(rewardTierId, (tier) => {
				const refused = validationReply(request.body, 'UpdatePointsRewardTierRequest');
				if (refused) return refused;
				Object.assign(tier, request.body);
				return { status: 200, body: tier, applied: true };
			}),
		);
		on('DELETE', '/points-rewards/{rewardTierId}', 'loyalty:manage', (_, { rewardTierId }) =>
			this.withTier(rewardTierId, (tier) => {
				this.rewardTiers.delete(tier.id);
				return { status: 204, applied: true };
			}),
		);
		on(
			'GET',
			'/templates/{templateId}/points-redemptions',
			'template:read',
			(request, { templateId }) =>
				this.withTemplate(templateId, () => ({
					status: 200,
					body: [...this.redemptions.values()].filter(
						(entry) =>
							this.walletPasses.get(entry.walletPassId)?.templateId === templateId &&
							(request.query.status === undefined || entry.status === request.query.status),
					),
				})),
		);

		// notifications
		on(
			'POST',
			'/walletpasses/{walletPassId}/notifications',
			'notification:send',
			(request, { walletPassId }) =>
				this.withPass(walletPassId, (pass) => {
					const refused = validationReply(request.body, 'SendNotificationRequest');
					if (refused) return refused;
					const { body, header } = request.body as { body: string; header?: string };
					return {
						status: 200,
						body: this.push('PASS', pass.id, pass.templateId, body, header ?? null),
						applied: true,
					};
				}),
		);
		on(
			'POST',
			'/templates/{templateId}/notifications',
			'notification:send',
			(request, { templateId }) =>
				this.withTemplate(templateId, () => {
					const refused = validationReply(request.body, 'SendNotificationRequest');
					if (refused) return refused;
					const { body, header } = request.body as { body: string; header?: string };
					return {
						status: 200,
						body: this.push('TEMPLATE', null, templateId, body, header ?? null),
						applied: true,
					};
				}),
		);
		on('GET', '/templates/{templateId}/notifications', 'template:read', (request, { templateId }) =>
			this.withTemplate(templateId, () => ({
				status: 200,
				body: this.page(
					this.notifications.filter((entry) => entry.templateId === templateId).reverse(),
					request.query,
					'paged',
				),
			})),
		);

		// templates
		on('GET', '/templates', 'template:read', () => ({
			status: 200,
			body: [...this.templates.values()].map((template) => this.templateView(template)),
		}));
		on('GET', '/templates/{templateId}', 'template:read', (_, { templateId }) =>
			this.withTemplate(templateId, (template) => ({
				status: 200,
				body: this.templateView(template),
			})),
		);
		on('GET', '/templates/{templateId}/pass-statistics', 'template:read', (_, { templateId }) =>
			this.withTemplate(templateId, () => {
				const passes = [...this.walletPasses.values()].filter(
					(pass) => pass.templateId === templateId,
				);
				const on = (platform: string) =>
					passes.filter((pass) =>
						pass.installations.some(
							(entry) => entry.platform === platform && entry.status === 'INSTALLED',
						),
					).length;
				return {
					status: 200,
					body: {
						totalPasses: passes.length,
						appleWalletCount: on('APPLE'),
						googleWalletCount: on('GOOGLE'),
					},
				};
			}),
		);
		on('GET', '/templates/{templateId}/stamp-config', 'template:read', (_, { templateId }) =>
			this.withTemplate(templateId, (template) => ({
				status: 200,
				body: this.stampConfigView(template),
			})),
		);
		on(
			'PUT',
			'/templates/{templateId}/stamp-config',
			'template:update',
			(request, { templateId }) =>
				this.withTemplate(templateId, (template) => {
					const refused = validationReply(request.body, 'UpdateStampConfigRequest');
					if (refused) return refused;
					const body = request.body as Partial<StempTemplate['stampConfig']>;
					// A PUT replaces the configuration: optional fields left out are cleared.
					template.stampConfig = {
						maxStamps: body.maxStamps ?? template.stampConfig.maxStamps,
						autoResetOnComplete:
							body.autoResetOnComplete ?? template.stampConfig.autoResetOnComplete,
						rewardName: body.rewardName ?? null,
						rewardDescription: body.rewardDescription ?? null,
					};
					return { status: 200, body: this.stampConfigView(template), applied: true };
				}),
		);
		on('GET', '/templates/{templateId}/points-config', 'template:read', (_, { templateId }) =>
			this.withTemplate(templateId, (template) => ({
				status: 200,
				body: this.pointsConfigView(template),
			})),
		);
		on(
			'PATCH',
			'/templates/{templateId}/points-config',
			'template:update',
			(request, { templateId }) =>
				this.withTemplate(templateId, (template) => {
					const refused = validationReply(request.body, 'UpdatePointsConfigRequest');
					if (refused) return refused;
					Object.assign(template.pointsConfig, request.body);
					return { status: 200, body: this.pointsConfigView(template), applied: true };
				}),
		);

		// webhooks
		on('GET', '/webhooks/event-types', 'org:read', () => ({
			status: 200,
			body: STEMP_EVENT_TYPES,
		}));
		on('GET', '/webhooks/endpoints', 'org:read', () => ({
			status: 200,
			body: [...this.endpoints.values()].map((endpoint) => this.endpointView(endpoint)),
		}));
		on('POST', '/webhooks/endpoints', 'org:update', (request) => this.createEndpoint(request.body));
		on('GET', '/webhooks/endpoints/{endpointId}', 'org:read', (_, { endpointId }) =>
			this.withEndpoint(endpointId, (endpoint) => ({
				status: 200,
				body: this.endpointView(endpoint),
			})),
		);
		on('PATCH', '/webhooks/endpoints/{endpointId}', 'org:update', (request, { endpointId }) =>
			this.withEndpoint(endpointId, (endpoint) => {
				const refused =
					validationReply(request.body, 'UpdateWebhookEndpointRequest') ??
					this.unknownEventTypes(request.body);
				if (refused) return refused;
				Object.assign(endpoint, request.body, { updatedAt: now() });
				return { status: 200, body: this.endpointView(endpoint), applied: true };
			}),
		);
		on('DELETE', '/webhooks/endpoints/{endpointId}', 'org:update', (_, { endpointId }) =>
			this.withEndpoint(endpointId, (endpoint) => {
				this.endpoints.delete(endpoint.id);
				return { status: 200, body: {}, applied: true };
			}),
		);
		on('GET', '/webhooks/outbox', 'org:read', (request) => {
			const status = request.query.status;
			if (status !== undefined && !['PENDING', 'DELIVERED', 'FAILED'].includes(status))
				return {
					status: 400,
					body: { STANDARD_VALIDATION: { status: 'must be PENDING, DELIVERED or FAILED' } },
				};
			return {
				status: 200,
				body: this.outbox.filter((entry) => status === undefined || entry.status === status),
			};
		});
		on('GET', '/webhooks/outbox/failed', 'org:read', () => ({
			status: 200,
			body: this.outbox.filter((entry) => entry.status === 'FAILED'),
		}));
		on('GET', '/webhooks/outbox/stats', 'org:read', () => {
			const count = (status: string) =>
				this.outbox.filter((entry) => entry.status === status).length;
			return {
				status: 200,
				body: {
					total: this.outbox.length,
					pending: count('PENDING'),
					delivered: count('DELIVERED'),
					failed: count('FAILED'),
				},
			};
		});
		on('POST', '/webhooks/outbox/{eventId}/retry', 'org:update', (_, { eventId }) => {
			const entry = this.outbox.find((candidate) => candidate.id === eventId);
			if (!entry) return { status: 404, body: { code: 'EVENT_NOT_FOUND', params: { eventId } } };
			if (entry.status !== 'FAILED')
				return {
					status: 400,
					body: { code: 'EVENT_NOT_FAILED', params: { eventId, status: entry.status } },
				};
			entry.status = 'PENDING';
			entry.retryCount++;
			return {
				status: 200,
				body: { success: true, message: 'Event queued for retry' },
				applied: true,
			};
		});
		return routes;
	}

	// ---- lookups that answer stemp's own 404 ----

	private withUser(id: string, then: (user: StempUser) => Reply): Reply {
		const user = this.findUser(id);
		return user
			? then(user)
			: { status: 404, body: { code: 'USER_NOT_FOUND', params: { userId: id } } };
	}

	private withPass(id: string, then: (pass: WalletPassRecord) => Reply): Reply {
		const pass = this.walletPasses.get(id);
		return pass
			? then(pass)
			: { status: 404, body: { code: 'WALLET_PASS_NOT_FOUND', params: { walletPassId: id } } };
	}

	private withStamps(id: string, then: (state: StampState) => Reply): Reply {
		const state = this.passes.get(id);
		return state
			? then(state)
			: { status: 404, body: { code: 'WALLET_PASS_NOT_FOUND', params: { walletPassId: id } } };
	}

	private withTemplate(id: string, then: (template: StempTemplate) => Reply): Reply {
		const template = this.templates.get(id);
		return template
			? then(template)
			: { status: 404, body: { code: 'TEMPLATE_NOT_FOUND', params: { templateId: id } } };
	}

	private withTier(id: string, then: (tier: RewardTier) => Reply): Reply {
		const tier = this.rewardTiers.get(id);
		return tier
			? then(tier)
			: { status: 404, body: { code: 'REWARD_TIER_NOT_FOUND', params: { rewardTierId: id } } };
	}

	private withEndpoint(id: string, then: (endpoint: WebhookEndpoint) => Reply): Reply {
		const endpoint = this.endpoints.get(id);
		return endpoint
			? then(endpoint)
			: { status: 404, body: { code: 'WEBHOOK_ENDPOINT_NOT_FOUND', params: { endpointId: id } } };
	}

	// ---- users ----

	/** The file's checks, then a taken e-mail or external ID is a 409. */
	private checkUser(body: unknown, schemaName: string, self?: StempUser): Reply | undefined {
		const refused = validationReply(body, schemaName);
		if (refused) return refused;
		const record = body as Record<string, unknown>;
		if (typeof record.email === 'string' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(record.email))
			return {
				status: 400,
				body: { STANDARD_VALIDATION: { email: 'must be a well-formed email address' } },
			};
		for (const field of ['email', 'externalId'] as const) {
			const value = record[field];
			if (value === undefined) continue;
			const taken = [...this.users.values()].some(
				(user) =>
					user !== self &&
					(field === 'email'
						? user.email.toLowerCase() === String(value).toLowerCase()
						: user.externalId === value),
			);
			if (taken) {
				return {
					status: 409,
					body: {
						error: {
							code: 'USER_ALREADY_EXISTS',
							message: `A user with this ${field} already exists`,
						},
					},
				};
			}
		}
		return undefined;
	}

	private createUser(body: unknown): Reply {
		const refused = this.checkUser(body, 'CreateUserRequest');
		if (refused) return refused;
		const user = this.addUser(body as SeedUser);
		this.fire('user.created', this.userView(user));
		return { status: 200, body: this.userView(user), applied: true };
	}

	private updateUser(user: StempUser, body: unknown): Reply {
		const refused = this.checkUser(body, 'UpdateUserRequest', user);
		if (refused) return refused;
		Object.assign(user, body, { updatedAt: now() });
		this.fire('user.updated', this.userView(user));
		return { status: 200, body: this.userView(user), applied: true };
	}

	/** Deleting a user revokes its passes. */
	private deleteUser(user: StempUser): Reply {
		this.users.delete(user.id);
		for (const pass of [...this.walletPasses.values()])
			if (pass.userId === user.id) this.revokePass(pass.id);
		this.fire('user.deleted', { id: user.id, object: 'user' });
		return { status: 200, body: {}, applied: true };
	}

	/** `users/search`: `q` in the e-mail, name or external ID (case-insensitive), Spring's Page of the matches. */
	private searchUsers(query: Record<string, string>): Reply {
		const q = (query.q ?? '').trim().toLowerCase();
		if (!q) return { status: 400, body: { STANDARD_VALIDATION: { q: 'must not be blank' } } };
		const matches = [...this.users.values()]
			.filter((user) =>
				[user.email, user.name, user.externalId].some((field) => field?.toLowerCase().includes(q)),
			)
			.map(({ id, email, name, externalId }) => ({ id, email, name, externalId }));
		return { status: 200, body: this.page(matches, query, 'spring') };
	}

	// ---- passes ----

	private revokePass(walletPassId: string): void {
		this.walletPasses.delete(walletPassId);
		this.passes.delete(walletPassId);
		this.points.delete(walletPassId);
		this.revokedPasses.push(walletPassId);
	}

	private createPass(templateId: string, body: unknown): Reply {
		const template = this.templates.get(templateId);
		if (!template)
			return { status: 404, body: { code: 'TEMPLATE_NOT_FOUND', params: { templateId } } };
		const refused = validationReply(body, 'CreateWalletPassRequest');
		if (refused) return refused;
		const request = body as { sendEmailNotification: boolean; userId?: string; user?: SeedUser };
		if ((request.userId === undefined) === (request.user === undefined))
			return { status: 400, body: { CUSTOM_VALIDATION: { user: 'give either userId or user' } } };
		let owner: StempUser | undefined;
		if (request.userId !== undefined) {
			owner = this.findUser(request.userId);
			if (!owner)
				return {
					status: 404,
					body: { code: 'USER_NOT_FOUND', params: { userId: request.userId } },
				};
		} else {
			const inline = request.user!;
			// An inline user whose e-mail stemp knows gets the pass; otherwise the user is created with it.
			owner = [...this.users.values()].find(
				(user) => user.email.toLowerCase() === inline.email.toLowerCase(),
			);
			if (!owner) {
				const refusedUser = this.checkUser(inline, 'CreateUserRequest');
				if (refusedUser) return refusedUser;
				owner = this.addUser(inline);
				this.fire('user.created', this.userView(owner));
			}
		}
		const walletPassId = this.nextId('wp');
		this.addPass({ walletPassId, templateId, userId: owner.id, installed: false });
		const pass = this.walletPasses.get(walletPassId)!;
		if (request.sendEmailNotification) this.emailsSent.push({ to: owner.email, walletPassId });
		this.fire(
			'pass.created',
			{
				id: walletPassId,
				object: 'wallet_pass',
				userId: owner.id,
				templateId,
				qrCodeValue: pass.qrCodeValue,
				createdAt: pass.createdAt,
			},
			walletPassId,
		);
		return { status: 200, body: this.walletPassView(pass), applied: true };
	}

	private listPasses(query: Record<string, string>): Reply {
		const status = query.status ?? 'ALL';
		if (!['INSTALLED', 'ALL'].includes(status))
			return { status: 400, body: { STANDARD_VALIDATION: { status: 'must be INSTALLED or ALL' } } };
		const passes = [...this.walletPasses.values()].filter(
			(pass) =>
				(query.templateId === undefined || pass.templateId === query.templateId) &&
				(query.userId === undefined || pass.userId === query.userId) &&
				(status === 'ALL' || pass.installations.some((entry) => entry.status === 'INSTALLED')),
		);
		return { status: 200, body: { passes: passes.map((pass) => this.passWithUserView(pass)) } };
	}

	private validateQrCode(body: unknown): Reply {
		const refused = validationReply(body, 'ValidateQRCodeRequest');
		if (refused) return refused;
		const { walletPassId, signature } = body as { walletPassId: string; signature: string };
		const pass = this.walletPasses.get(walletPassId);
		const answer = { organizationId: ORGANIZATION.id, isPreviewPass: false };
		if (!pass)
			return {
				status: 200,
				body: { ...answer, valid: false, belongsToOrganization: false, reason: 'PASS_NOT_FOUND' },
			};
		if (signature !== pass.signature)
			return {
				status: 200,
				body: { ...answer, valid: false, belongsToOrganization: true, reason: 'INVALID_SIGNATURE' },
			};
		return {
			status: 200,
			body: {
				...answer,
				valid: true,
				belongsToOrganization: true,
				walletPass: this.walletPassView(pass),
			},
		};
	}

	// ---- stamps ----

	private addStamp(state: StampState, note: string | null): Reply {
		const reply = this.changeStamps(state, 'STAMP_ADDED', state.currentStamps + 1, note);
		state.totalStampsCollected++;
		this.fire(
			'stamp.created',
			{ walletPassId: state.walletPassId, currentStamps: state.currentStamps, note },
			state.walletPassId,
		);
		if (state.currentStamps >= state.maxStampsSnapshot) {
			const pass = this.walletPasses.get(state.walletPassId);
			const template = pass ? this.templates.get(pass.templateId) : undefined;
			const reward: StampReward = {
				id: this.nextId('srw'),
				walletPassId: state.walletPassId,
				templateId: pass?.templateId ?? STAMP_TEMPLATE_ID,
				rewardName: template?.stampConfig.rewardName ?? null,
				stampsAtCompletion: state.currentStamps,
				status: 'PENDING',
				createdAt: now(),
				claimedAt: null,
			};
			this.stampRewards.set(reward.id, reward);
			// Completing a card fires both events, then the card starts over.
			this.fire(
				'stamp.reward_triggered',
				{ walletPassId: state.walletPassId, reward },
				state.walletPassId,
			);
			this.fire(
				'stamp.card_completed',
				{ walletPassId: state.walletPassId, timesCompleted: state.timesCompleted + 1 },
				state.walletPassId,
			);
			state.timesCompleted++;
			state.currentStamps = 0;
		}
		return { ...reply, body: { ...state } };
	}

	private changeStamps(
		state: StampState,
		actionType: StampAction,
		stampsAfter: number,
		note: string | null,
	): Reply {
		const createdAt = now();
		this.history.get(state.walletPassId)!.unshift({
			id: `sh_${++this.sequence}`,
			walletPassId: state.walletPassId,
			stampsBefore: state.currentStamps,
			stampsAfter,
			stampsDelta: stampsAfter - state.currentStamps,
			actionType,
			triggeredByMemberId: 'mem_api',
			note,
			createdAt,
		});
		state.currentStamps = stampsAfter;
		if (actionType === 'STAMP_ADDED') state.lastStampAt = createdAt;
		return { status: 200, body: { ...state }, applied: true };
	}

	private claimReward(rewardId: string): Reply {
		const reward = this.stampRewards.get(rewardId);
		if (!reward) return { status: 404, body: { code: 'REWARD_NOT_FOUND', params: { rewardId } } };
		if (reward.status !== 'PENDING')
			return {
				status: 400,
				body: { code: 'REWARD_NOT_CLAIMABLE', params: { rewardId, status: reward.status } },
			};
		reward.status = 'CLAIMED';
		reward.claimedAt = now();
		return { status: 200, body: reward, applied: true };
	}

	// ---- points ----

	private changePoints(
		walletPassId: string,
		actionType: PointsHistoryEntry['actionType'],
		delta: number,
		monetaryValue: number | null,
		note: string | null,
	): Reply {
		const state = this.points.get(walletPassId)!;
		if (state.currentPoints + delta > 2 ** 31 - 1)
			return {
				status: 400,
				body: { code: 'POINTS_OVERFLOW', params: { current: state.currentPoints, delta } },
			};
		const createdAt = now();
		this.pointsHistory.get(walletPassId)!.unshift({
			id: `ph_${++this.sequence}`,
			walletPassId,
			actionType,
			pointsBefore: state.currentPoints,
			pointsAfter: state.currentPoints + delta,
			pointsDelta: delta,
			monetaryValue,
			note,
			isSystemAction: false,
			triggeredByMemberId: 'mem_api',
			createdAt,
		});
		state.currentPoints += delta;
		if (actionType === 'POINTS_ADDED') {
			state.totalPointsEarned += delta;
			state.lifetimeValue += monetaryValue ?? 0;
			this.fire(
				'points.added',
				{ walletPassId, points: delta, currentPoints: state.currentPoints },
				walletPassId,
			);
		}
		if (actionType === 'POINTS_REDEEMED') state.totalPointsRedeemed -= delta;
		state.lastPointsAt = createdAt;
		return { status: 200, body: { ...state }, applied: true };
	}

	private redeem(walletPassId: string, body: unknown): Reply {
		const refused = validationReply(body, 'RedeemPointsRequest');
		if (refused) return refused;
		const { rewardTierId } = body as { rewardTierId: string };
		const tier = this.rewardTiers.get(rewardTierId);
		const pass = this.walletPasses.get(walletPassId);
		if (!tier || tier.templateId !== pass?.templateId)
			return { status: 404, body: { code: 'REWARD_TIER_NOT_FOUND', params: { rewardTierId } } };
		const state = this.points.get(walletPassId)!;
		if (state.currentPoints < tier.pointsRequired)
			return {
				status: 400,
				body: {
					code: 'INSUFFICIENT_POINTS',
					params: { current: state.currentPoints, required: tier.pointsRequired },
				},
			};
		this.changePoints(walletPassId, 'POINTS_REDEEMED', -tier.pointsRequired, null, tier.name);
		const redemption: Redemption = {
			id: this.nextId('rdm'),
			walletPassId,
			rewardTierId: tier.id,
			rewardTierName: tier.name,
			pointsRedeemed: tier.pointsRequired,
			status: 'PENDING',
			createdAt: now(),
			redeemedAt: null,
		};
		this.redemptions.set(redemption.id, redemption);
		this.fire('points.redeemed', { walletPassId, redemption }, walletPassId);
		return { status: 200, body: redemption, applied: true };
	}

	/** Completes or cancels a pending redemption; a cancelled one gives its points back. */
	private settleRedemption(redemptionId: string, status: 'COMPLETED' | 'CANCELLED'): Reply {
		const redemption = this.redemptions.get(redemptionId);
		if (!redemption)
			return { status: 404, body: { code: 'REDEMPTION_NOT_FOUND', params: { redemptionId } } };
		if (redemption.status !== 'PENDING')
			return {
				status: 400,
				body: {
					code: 'REDEMPTION_NOT_PENDING',
					params: { redemptionId, status: redemption.status },
				},
			};
		redemption.status = status;
		if (status === 'COMPLETED') redemption.redeemedAt = now();
		else if (this.points.has(redemption.walletPassId))
			this.changePoints(
				redemption.walletPassId,
				'MANUAL_ADJUSTMENT',
				redemption.pointsRedeemed,
				null,
				'Redemption cancelled',
			);
		return { status: 200, body: redemption, applied: true };
	}

	// ---- notifications ----

	private push(
		targetScope: 'PASS' | 'TEMPLATE',
		walletPassId: string | null,
		templateId: string | null,
		messageBody: string,
		messageHeader: string | null,
	): PushNotification {
		const targets =
			targetScope === 'PASS'
				? [this.walletPasses.get(walletPassId!)!]
				: [...this.walletPasses.values()].filter((pass) => pass.templateId === templateId);
		const installed = (platform: string) =>
			targets.filter((pass) =>
				pass.installations.some(
					(entry) => entry.platform === platform && entry.status === 'INSTALLED',
				),
			).length;
		const createdAt = now();
		const notification: PushNotification = {
			id: this.nextId('pn'),
			targetScope,
			walletPassId,
			templateId,
			messageBody,
			messageHeader,
			targetCount: targets.length,
			status: 'COMPLETED',
			appleSuccessCount: installed('APPLE'),
			appleFailureCount: 0,
			googleSuccessCount: installed('GOOGLE'),
			googleFailureCount: 0,
			createdAt,
			completedAt: createdAt,
		};
		this.notifications.push(notification);
		return notification;
	}

	// ---- webhook endpoints ----

	private unknownEventTypes(body: unknown): Reply | undefined {
		const types = (body as { eventTypes?: unknown }).eventTypes;
		if (!Array.isArray(types)) return undefined;
		const known = STEMP_EVENT_TYPES.map((entry) => entry.type);
		const unknown = types.filter((type) => !known.includes(String(type)));
		return unknown.length > 0
			? {
					status: 400,
					body: { CUSTOM_VALIDATION: { eventTypes: `unknown event types: ${unknown.join(', ')}` } },
				}
			: undefined;
	}

	private createEndpoint(body: unknown): Reply {
		const refused =
			validationReply(body, 'CreateWebhookEndpointRequest') ?? this.unknownEventTypes(body);
		if (refused) return refused;
		const { url, eventTypes, description } = body as {
			url: string;
			eventTypes: string[];
			description?: string;
		};
		if (eventTypes.length === 0)
			return { status: 400, body: { STANDARD_VALIDATION: { eventTypes: 'must not be empty' } } };
		const createdAt = now();
		const endpoint: WebhookEndpoint = {
			id: this.nextId('we'),
			url,
			eventTypes,
			description: description ?? null,
			isActive: true,
			secret: `whsec_${randomBytes(18).toString('hex')}`,
			createdAt,
			updatedAt: createdAt,
		};
		this.endpoints.set(endpoint.id, endpoint);
		return { status: 200, body: this.endpointView(endpoint, true), applied: true };
	}

	// ---- paging ----

	/** A history page in `historyEnvelope`: the file's PagedModel, or another form a tolerance test switched on. */
	private historyReply(entries: unknown[], query: Record<string, string>): Reply {
		return {
			status: 200,
			body: this.page(entries, query, this.historyEnvelope),
			...(this.historyEnvelope === 'paged' ? {} : { offContract: true }),
		};
	}

	/** One 0-based page of `entries` (size at most 100) in the envelope given. */
	page(entries: unknown[], query: Record<string, string>, envelope: HistoryEnvelope): unknown {
		if (envelope === 'unpaged') return entries;
		const page = Math.max(0, Number(query.page ?? 0) || 0);
		const size = Math.min(100, Math.max(1, Number(query.size ?? 20) || 20));
		const content = entries.slice(page * size, (page + 1) * size);
		const totalPages = Math.ceil(entries.length / size);
		switch (envelope) {
			case 'array':
				return content;
			case 'data':
				return { data: content, total: entries.length };
			case 'items':
				return { items: content };
			case 'spring':
				return {
					content,
					number: page,
					size,
					numberOfElements: content.length,
					totalElements: entries.length,
					totalPages,
					first: page === 0,
					last: page >= totalPages - 1,
					empty: content.length === 0,
				};
			default:
				return { content, page: { size, number: page, totalElements: entries.length, totalPages } };
		}
	}
}
