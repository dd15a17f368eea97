import type { IDataObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import type { Freshness } from '../core/webhook';
import { deliveryMemory } from '../core/webhook';
import { toNumber } from '../core/validation';

/**
 * stemp signs the time it sent a delivery (the body's `timestamp`, covered by X-Stemp-Signature): with a secret
 * set, a delivery older than the node's Maximum Delivery Age is refused as a possible replay, and one that is
 * accepted is remembered at least as long as it would be accepted, so a replay is either remembered or too old.
 */

const HOUR_MS = 60 * 60 * 1000;

/**
 * The default Maximum Delivery Age: as long as the redelivery memory, which covers stemp's retry schedule (about
 * 27 hours). A longer age set by the user lengthens the memory to match (see `deliveryFreshness`).
 */
const DEFAULT_MAX_DELIVERY_AGE_HOURS = deliveryMemory.ttlMs / HOUR_MS;

/** The option in the stemp Trigger's Options collection. */
export const maxDeliveryAgeOption: INodeProperties = {
	displayName: 'Maximum Delivery Age',
	name: 'maxDeliveryAge',
	type: 'number',
	default: DEFAULT_MAX_DELIVERY_AGE_HOURS,
	typeOptions: { minValue: 0.1, numberPrecision: 1 },
	description:
		"Hours. With a signing secret set, deliveries whose signed timestamp is older than this (or this far in the future) are refused with 401, so a captured delivery cannot be replayed later. The default covers stemp's retries (up to about 27 hours after the event).",
};

/** The body's signed `timestamp` (ISO 8601, or seconds or milliseconds since the epoch), in ms. */
export function signedAtOf(body: IDataObject): number | undefined {
	const value = body.timestamp;
	if (typeof value === 'number' && Number.isFinite(value))
		return value < 1e12 ? value * 1000 : value;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	if (/^\d+$/.test(value.trim())) return signedAtOf({ timestamp: Number(value) });
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : time;
}

/**
 * Whether a signed delivery is young enough to accept under the node's Maximum Delivery Age, and how long it is
 * then remembered: from its signed time when that lies ahead (the sender's clock is fast), and a moment past
 * the age limit itself.
 */
export function deliveryFreshness(
	ctx: IWebhookFunctions,
	body: IDataObject,
	now: number,
): Freshness {
	const setting = (ctx.getNodeParameter('options', {}) as IDataObject).maxDeliveryAge;
	const maxAgeHours =
		setting === undefined || setting === null || setting === ''
			? DEFAULT_MAX_DELIVERY_AGE_HOURS
			: toNumber(setting);
	if (maxAgeHours === undefined || maxAgeHours <= 0) {
		return {
			refusal: {
				status: 500,
				error: "The trigger's Maximum Delivery Age option is not a positive number of hours",
			},
		};
	}
	const maxAgeMs = maxAgeHours * HOUR_MS;
	const signedAt = signedAtOf(body);
	const refusal = ageRefusal(signedAt, maxAgeMs, maxAgeHours, now);
	if (refusal) return { refusal: { status: 401, error: refusal } };
	return {
		rememberForMs: maxAgeMs + 1000,
		rememberFrom: signedAt !== undefined && signedAt > now ? signedAt : now,
	};
}

/** Why a delivery signed at `signedAt` is refused under the Maximum Delivery Age, or undefined when it is not. */
function ageRefusal(
	signedAt: number | undefined,
	maxAgeMs: number,
	maxAgeHours: number,
	now: number,
): string | undefined {
	if (signedAt === undefined)
		return 'The delivery has no readable timestamp, so its age cannot be checked';
	const age = now - signedAt;
	if (age > maxAgeMs)
		return `The delivery is older than the Maximum Delivery Age (${maxAgeHours} h): refused as a possible replay`;
	if (-age > maxAgeMs)
		return `The delivery's timestamp is more than ${maxAgeHours} h in the future`;
	return undefined;
}
