/**
 * Points on API v3: the balance read from a customer record, and `adjust-points`, which moves it. Points > Update
 * and Loyalty Transaction > Create use them.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Ledger } from '../../../core/idempotency';
import { idempotencyKeyOptions, NEWEST_PAGE, writeOnce } from '../../../core/idempotency';
import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { toNumber } from '../../../core/validation';
import { idKey, readStampedList } from '../../transport/lists';
import { customerActionPath, loyaltyPath } from '../../transport/v3';
import { onlyOn } from '../versions';

/**
 * A customer's points balance. v3 keeps the loyalty figures under `activity` (some answers say `loyalty`) and
 * types them as text ("150"); undefined when no readable balance is there.
 */
export function pointsBalanceOf(customer: IDataObject): number | undefined {
	for (const holder of [customer.activity, customer.loyalty, customer]) {
		if (holder && typeof holder === 'object' && !Array.isArray(holder)) {
			const balance = toNumber((holder as IDataObject).totalPoints);
			if (balance !== undefined) return balance;
		}
	}
	return undefined;
}

/**
 * Why a v3 "set" refuses a balance that is not a whole number: the adjustment (target minus balance) would be
 * fractional, and a fractional number of points is never sent. Rounding would leave the balance off the target
 * without saying so, so the node refuses instead, before anything is changed.
 */
export function fractionalBalanceError(
	api: ApiClient,
	balance: number,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		api.node,
		`Stamped reports a balance of ${balance} points, not a whole number, so it cannot be set exactly`,
		{
			itemIndex,
			description:
				'A set would have to send a fractional adjustment, which this node never sends (nor rounds). Nothing was changed. Use Add or Subtract with whole points instead.',
		},
	);
}

/**
 * `adjust-points`: moves the balance by a signed amount and answers the activity it recorded. Never re-sent
 * after a failure that may have applied it (v3 has no idempotency key), so points are never moved twice.
 */
export async function adjustPoints(
	api: ApiClient,
	customerId: string,
	points: number,
	reason: string | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	const body = await api.request({
		method: 'POST',
		path: customerActionPath(api, customerId, 'adjust-points'),
		body: { points, ...(reason !== undefined ? { reason } : {}) },
		idempotent: false,
		itemIndex,
	});
	return asJsonObject(body);
}

/**
 * The Idempotency Key on API v3: the key goes into the reason of `adjust-points`, and is looked for in Stamped's
 * points ledger (`GET /loyalty/shops/{shopId}/activities`, newest first), the one ledger its published reference
 * lists. That list is the whole shop's (the reference gives it no customer filter), so the window is counted in
 * the shop's entries: the newest 100 (one request), and up to the newest 1,000 while they are all from the last
 * 24 hours (a busy shop's day), so that a retry the same day finds its key whatever the shop's pace.
 */
export const KEY_WINDOW = { recent: 1_000, recentHours: 24 } as const;

/** The Options > Idempotency Key of a write recorded with a reason (Points > Update, Loyalty Transaction > Create). */
export function stampedKeyOptions(): INodeProperties {
	const options = idempotencyKeyOptions({
		window: `Stamped's points ledger: the shop's newest ${NEWEST_PAGE} entries, and up to its newest ${KEY_WINDOW.recent.toLocaleString('en')} when they are all from the last ${KEY_WINDOW.recentHours} hours`,
		where: 'the reason',
	});
	return onlyOn('v3', {
		...options,
		options: options.options!.map((option) => onlyOn('v3', option as INodeProperties)),
	});
}

/**
 * Where the reason of a ledger entry may be. The reference's activity (`ActivityResponse`) declares no `reason`,
 * and its schemas allow more fields: the reason is looked for under every name it plausibly comes back as.
 */
function reasonTexts(activity: IDataObject): unknown[] {
	const inner = (key: string) => {
		const value = activity[key];
		return value && typeof value === 'object' && !Array.isArray(value)
			? (value as IDataObject)
			: {};
	};
	const rule = inner('rule');
	const entry = inner('activity');
	return [
		activity.reason,
		activity.note,
		activity.title,
		activity.description,
		rule.title,
		rule.description,
		entry.reason,
		entry.note,
	];
}

/** Stamped's points ledger as the key check reads it. */
export function pointsLedger(api: ApiClient, itemIndex: number): Ledger {
	const recordedAt = (activity: IDataObject) => {
		const at =
			typeof activity.dateCreated === 'string' ? Date.parse(activity.dateCreated) : Number.NaN;
		return Number.isNaN(at) ? undefined : at;
	};
	return {
		name: "Stamped's points ledger",
		id: 'activities',
		window: KEY_WINDOW.recent,
		readsOn: (newest) => {
			const oldest = recordedAt(newest[newest.length - 1]);
			// Undated entries leave the age unknown: read on, as for a busy shop.
			return oldest === undefined || Date.now() - oldest < KEY_WINDOW.recentHours * 3_600_000;
		},
		read: async (limit) =>
			await readStampedList(api, {
				path: loyaltyPath(api, '/activities'),
				wanted: { returnAll: false, limit },
				// One page at a time: the check stops at the window, and asks for no page past it.
				concurrency: 1,
				key: (activity) => idKey(activity.activityId),
				itemIndex,
				what: 'points ledger',
			}),
		entryId: (activity) => idKey(activity.activityId),
		texts: reasonTexts,
		recordedAt,
		writtenEntry: (answer) =>
			idKey(answer.activityId) === undefined
				? undefined
				: { id: idKey(answer.activityId), texts: reasonTexts(answer) },
	};
}

/**
 * `adjust-points` exactly once for `key` (see `writeOnce`): skipped when the ledger holds the key, written with it
 * in the reason otherwise. `output` turns the activity (written, or found) into the operation's usual output.
 */
export async function adjustPointsOnce(
	api: ApiClient,
	write: { customerId: string; points: number; reason: string; key: string; itemIndex: number },
	output: (activity: IDataObject, applied: boolean) => IDataObject,
): Promise<IDataObject> {
	const { customerId, points, reason, key, itemIndex } = write;
	return await writeOnce({
		api,
		key,
		itemIndex,
		vendor: 'Stamped',
		ledger: pointsLedger(api, itemIndex),
		write: async () => output(await adjustPoints(api, customerId, points, reason, itemIndex), true),
		current: async (entry) => output(entry ?? {}, false),
	});
}

/** Why a write on API v2 cannot carry an Idempotency Key. */
export const V2_HAS_NO_LEDGER =
	'the credential is for Stamped API v2, which has no points ledger the node can read the key back from; keys work on API v3 (Loyalty 2.0). Remove it to write without a key';
