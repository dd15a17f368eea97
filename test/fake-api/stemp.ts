/** The stemp stamp-card API as its documentation describes it. */
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

export interface HistoryEntry {
	id: string;
	walletPassId: string;
	stampsBefore: number;
	stampsAfter: number;
	stampsDelta: number;
	actionType: 'ADD' | 'REMOVE' | 'SET' | 'RESET';
	triggeredByMemberId: string;
	note: string | null;
	createdAt: string;
}

/** How the history endpoint wraps its entries; stemp does not document it, so tests try them all. */
export type HistoryEnvelope = 'spring' | 'array' | 'data' | 'items';

/** A stemp user: a customer that wallet passes belong to. */
export interface StempUser {
	id: string;
	object: 'user';
	email: string;
	name: string | null;
	phone: string | null;
	externalId: string | null;
	metadata: Record<string, string | number | boolean>;
	createdAt: string;
	updatedAt: string;
}

/** A user to seed, and the passes (already seeded, or added empty) that belong to it. */
export type SeedUser = Partial<StempUser> & { email: string; walletPassIds?: string[] };

export interface StempOptions {
	token?: string;
	/** A valid token without the loyalty:manage scope: reads work, writes get 403. */
	readOnlyToken?: string;
	passes?: Array<Partial<StampState> & { walletPassId: string }>;
	historyEnvelope?: HistoryEnvelope;
	users?: SeedUser[];
}

export interface WebhookEvent {
	type: 'stamp.reward_triggered' | 'stamp.card_completed';
	walletPassId: string;
}

export const STEMP_TOKEN = 'stemp-test-token-7f3a9c1e5b';
export const STEMP_READ_ONLY_TOKEN = 'stemp-readonly-token-2d8e4a';

const MAX_NOTE_LENGTH = 512;

/** The ID of the `index`-th pass `seedPasses` generates. */
export function seededPassId(index: number): string {
	return `wp_seed_${String(index).padStart(5, '0')}`;
}
const MAX_SET_STAMPS = 10;
/** stemp's documented limits on a user's fields. */
const USER_LIMITS: Record<string, number> = { email: 254, name: 150, phone: 20, externalId: 100 };
const USER_FIELDS = ['email', 'name', 'phone', 'externalId', 'metadata'] as const;

export class Stemp implements VendorApi {
	readonly passes = new Map<string, StampState>();
	readonly history = new Map<string, HistoryEntry[]>();
	/** Webhook events the API would have fired, in order. */
	readonly events: WebhookEvent[] = [];
	historyEnvelope: HistoryEnvelope;
	/** Users by stemp's ID, in the order they were created. */
	readonly users = new Map<string, StempUser>();
	/** Which user each wallet pass belongs to. */
	readonly passOwners = new Map<string, string>();
	/** Passes revoked by deleting their user (stemp answers 404 for them afterwards). */
	readonly revokedPasses: string[] = [];
	/** How the user list wraps its page, like the history's. */
	usersEnvelope: HistoryEnvelope = 'spring';
	/** Users are resolved loosely (the `lenientLookups` hostile switch, see ./lenient). */
	lenientLookups = false;
	private readonly token: string;
	private readonly readOnlyToken: string;
	private sequence = 0;

	constructor(options: StempOptions = {}) {
		this.token = options.token ?? STEMP_TOKEN;
		this.readOnlyToken = options.readOnlyToken ?? STEMP_READ_ONLY_TOKEN;
		this.historyEnvelope = options.historyEnvelope ?? 'spring';
		for (const pass of options.passes ?? [{ walletPassId: 'wp_abc456', currentStamps: 5 }])
			this.addPass(pass);
		for (const user of options.users ?? []) this.addUser(user);
	}

	/** Adds a user directly (for tests and the sandbox); its passes are added empty when not there yet. */
	addUser({ walletPassIds = [], ...user }: SeedUser): StempUser {
		const now = new Date().toISOString();
		const record: StempUser = {
			id: `usr_${String(++this.sequence).padStart(6, '0')}`,
			object: 'user',
			name: null,
			phone: null,
			externalId: null,
			metadata: {},
			createdAt: now,
			updatedAt: now,
			...user,
		};
		this.users.set(record.id, record);
		for (const walletPassId of walletPassIds) {
			if (!this.passes.has(walletPassId)) this.addPass({ walletPassId });
			this.passOwners.set(walletPassId, record.id);
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

	addPass(pass: Partial<StampState> & { walletPassId: string }): StampState {
		const state: StampState = {
			id: `ss_${pass.walletPassId}`,
			currentStamps: 0,
			maxStampsSnapshot: 10,
			totalStampsCollected: pass.currentStamps ?? 0,
			timesCompleted: 0,
			lastStampAt: null,
			...pass,
		};
		this.passes.set(pass.walletPassId, state);
		this.history.set(pass.walletPassId, []);
		return state;
	}

	handle(request: VendorRequest): Reply {
		const authorization = String(request.headers.authorization ?? '');
		const token = authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : '';
		if (token !== this.token && token !== this.readOnlyToken) {
			return {
				status: 401,
				body: { error: { code: 'UNAUTHORIZED', message: 'Invalid or expired API token' } },
			};
		}

		if (request.segments[0] === 'users') return this.handleUsers(request, token);
		const [collection, walletPassId, stamps, action, ...rest] = request.segments;
		if (collection !== 'walletpasses' || !walletPassId || stamps !== 'stamps' || rest.length > 0) {
			return {
				status: 404,
				body: {
					error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.path}` },
				},
			};
		}
		const isRead = request.method === 'GET';
		if (!isRead && token === this.readOnlyToken) {
			return {
				status: 403,
				body: { code: 'INSUFFICIENT_SCOPE', params: { required: 'loyalty:manage' } },
			};
		}
		const pass = this.passes.get(walletPassId);
		if (!pass)
			return { status: 404, body: { code: 'WALLET_PASS_NOT_FOUND', params: { walletPassId } } };

		const body = (request.body ?? {}) as Record<string, unknown>;
		switch (`${request.method} ${action ?? ''}`) {
			case 'GET ':
				return { status: 200, body: pass };
			case 'GET history':
				return { status: 200, body: this.historyPage(walletPassId, request.query) };
			case 'POST add':
				return this.add(pass, body.note);
			case 'POST remove':
				if (pass.currentStamps === 0) {
					return {
						status: 400,
						body: { CUSTOM_VALIDATION: { stamps: 'The card has no stamp to remove' } },
					};
				}
				return this.change(pass, 'REMOVE', pass.currentStamps - 1, null);
			case 'POST set': {
				const value = body.stamps;
				const max = Math.min(MAX_SET_STAMPS, pass.maxStampsSnapshot);
				if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
					return {
						status: 400,
						body: { STANDARD_VALIDATION: { stamps: `must be an integer between 0 and ${max}` } },
					};
				}
				return this.change(pass, 'SET', value, null);
			}
			case 'POST reset':
				return this.change(pass, 'RESET', 0, null);
			default:
				return {
					status: 405,
					body: {
						error: { code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not allowed here` },
					},
				};
		}
	}

	private handleUsers(request: VendorRequest, token: string): Reply {
		const [, userId, ...rest] = request.segments;
		if (rest.length > 0) {
			return {
				status: 404,
				body: {
					error: { code: 'NOT_FOUND', message: `No route for ${request.method} ${request.path}` },
				},
			};
		}
		const scope =
			request.method === 'GET'
				? 'user:read'
				: request.method === 'POST'
					? 'user:create'
					: 'user:update';
		if (scope !== 'user:read' && token === this.readOnlyToken) {
			return { status: 403, body: { code: 'INSUFFICIENT_SCOPE', params: { required: scope } } };
		}
		const body = (request.body ?? {}) as Record<string, unknown>;
		if (userId === undefined) {
			if (request.method === 'GET')
				return {
					status: 200,
					body: this.page([...this.users.values()], request.query, this.usersEnvelope),
				};
			if (request.method === 'POST') return this.createUser(body);
			return {
				status: 405,
				body: {
					error: { code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not allowed here` },
				},
			};
		}
		const user = this.findUser(userId);
		if (!user) return { status: 404, body: { code: 'USER_NOT_FOUND', params: { userId } } };
		switch (request.method) {
			case 'GET':
				return { status: 200, body: user };
			case 'PATCH':
				return this.updateUser(user, body);
			case 'DELETE':
				return this.deleteUser(user);
			default:
				return {
					status: 405,
					body: {
						error: { code: 'METHOD_NOT_ALLOWED', message: `${request.method} is not allowed here` },
					},
				};
		}
	}

	/** The documented checks, answered in the STANDARD_VALIDATION shape; a taken e-mail or external ID is a 409. */
	private checkUser(
		body: Record<string, unknown>,
		creating: boolean,
		self?: StempUser,
	): Reply | undefined {
		const problems: Record<string, string> = {};
		const unknown = Object.keys(body).filter(
			(key) => !(USER_FIELDS as readonly string[]).includes(key),
		);
		for (const key of unknown) problems[key] = 'unknown field';
		if (creating && body.email === undefined) problems.email = 'must not be null';
		for (const [field, max] of Object.entries(USER_LIMITS)) {
			const value = body[field];
			if (value === undefined) continue;
			if (typeof value !== 'string') problems[field] = 'must be a string';
			else if (value.length > max) problems[field] = `size must be between 0 and ${max}`;
		}
		if (typeof body.email === 'string' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email))
			problems.email = 'must be a well-formed email address';
		const metadata = body.metadata;
		if (metadata !== undefined) {
			const scalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);
			if (
				!metadata ||
				typeof metadata !== 'object' ||
				Array.isArray(metadata) ||
				!Object.values(metadata).every(scalar)
			) {
				problems.metadata = 'must be an object of key/value pairs';
			}
		}
		if (Object.keys(problems).length > 0)
			return { status: 400, body: { STANDARD_VALIDATION: problems } };
		for (const field of ['email', 'externalId'] as const) {
			const value = body[field];
			if (value === undefined) continue;
			const taken = [...this.users.values()].some((user) => user !== self && user[field] === value);
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

	private createUser(body: Record<string, unknown>): Reply {
		const refused = this.checkUser(body, true);
		if (refused) return refused;
		const user = this.addUser(body as SeedUser);
		return { status: 201, body: user, applied: true };
	}

	private updateUser(user: StempUser, body: Record<string, unknown>): Reply {
		const refused = this.checkUser(body, false, user);
		if (refused) return refused;
		Object.assign(user, body, { updatedAt: new Date().toISOString() });
		return { status: 200, body: user, applied: true };
	}

	/** Deleting a user revokes its passes. */
	private deleteUser(user: StempUser): Reply {
		this.users.delete(user.id);
		for (const [walletPassId, owner] of this.passOwners) {
			if (owner !== user.id) continue;
			this.passOwners.delete(walletPassId);
			this.passes.delete(walletPassId);
			this.revokedPasses.push(walletPassId);
		}
		return { status: 200, body: { id: user.id, object: 'user', deleted: true }, applied: true };
	}

	private add(pass: StampState, note: unknown): Reply {
		if (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE_LENGTH)) {
			return {
				status: 400,
				body: { STANDARD_VALIDATION: { note: `size must be between 0 and ${MAX_NOTE_LENGTH}` } },
			};
		}
		const reply = this.change(
			pass,
			'ADD',
			pass.currentStamps + 1,
			(note as string | undefined) ?? null,
		);
		pass.totalStampsCollected++;
		if (pass.currentStamps >= pass.maxStampsSnapshot) {
			// Completing a card fires both events, then the card starts over.
			this.events.push({ type: 'stamp.reward_triggered', walletPassId: pass.walletPassId });
			this.events.push({ type: 'stamp.card_completed', walletPassId: pass.walletPassId });
			pass.timesCompleted++;
			pass.currentStamps = 0;
		}
		return { ...reply, body: { ...pass } };
	}

	private change(
		pass: StampState,
		actionType: HistoryEntry['actionType'],
		stampsAfter: number,
		note: string | null,
	): Reply {
		const now = new Date().toISOString();
		const entry: HistoryEntry = {
			id: `sh_${++this.sequence}`,
			walletPassId: pass.walletPassId,
			stampsBefore: pass.currentStamps,
			stampsAfter,
			stampsDelta: stampsAfter - pass.currentStamps,
			actionType,
			triggeredByMemberId: 'mem_api',
			note,
			createdAt: now,
		};
		this.history.get(pass.walletPassId)!.unshift(entry);
		pass.currentStamps = stampsAfter;
		if (actionType === 'ADD') pass.lastStampAt = now;
		return { status: 200, body: { ...pass }, applied: true };
	}

	/** Adds `count` empty passes, `seededPassId(0)` to `seededPassId(count - 1)` (for bulk runs). */
	seedPasses(count: number): void {
		for (let i = 0; i < count; i++) this.addPass({ walletPassId: seededPassId(i) });
	}

	/** Adds history entries directly, oldest first (for paging tests). */
	seedHistory(walletPassId: string, count: number): void {
		const pass = this.passes.get(walletPassId) ?? this.addPass({ walletPassId });
		for (let i = 0; i < count; i++)
			this.change(pass, 'ADD', (pass.currentStamps + 1) % pass.maxStampsSnapshot, `seed ${i}`);
	}

	private historyPage(walletPassId: string, query: Record<string, string>): unknown {
		return this.page(this.history.get(walletPassId) ?? [], query, this.historyEnvelope);
	}

	/** One 0-based page of `entries` (size at most 100) in the envelope given. */
	private page(
		entries: unknown[],
		query: Record<string, string>,
		envelope: HistoryEnvelope,
	): unknown {
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
			default:
				return {
					content,
					number: page,
					size,
					totalElements: entries.length,
					totalPages,
					first: page === 0,
					last: page >= totalPages - 1,
				};
		}
	}
}
