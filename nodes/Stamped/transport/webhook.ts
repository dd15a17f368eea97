import type { IDataObject } from 'n8n-workflow';

import type { WebhookReceiver } from '../../core/webhook';
import { headerOf, secretsMatch, sha256Hex } from '../../core/webhook';
import { STAMPED_CREDENTIAL, stampedVendor } from './index';

export const STAMPED_EVENTS = [
	'review.created',
	'review.published',
	'review.updated',
	'loyalty.points_earned',
	'loyalty.points_redeemed',
	'loyalty.tier_changed',
] as const;

/** Stamped names the topic of a delivery by category in `X-Stamped-Topic`; these are the ones with an event. */
const TOPIC_EVENTS: Record<string, string> = {
	reviews: 'review.created',
	'rewards earned': 'loyalty.points_earned',
	'rewards spent': 'loyalty.points_redeemed',
	'rewards vip': 'loyalty.tier_changed',
};

/** The secret headers Stamped sends back verbatim; it sends the same value in both. */
export const STAMPED_SECRET_HEADERS = ['x-stamped-webhook-secret', 'x-secret-key'] as const;

/** Accepted when at least one secret header is present and every one present matches (constant time). */
export function isStampedSecretValid(headerValues: Array<string | undefined>, secret: string): boolean {
	const present = headerValues.filter((value): value is string => value !== undefined);
	return present.length > 0 && present.every((value) => secretsMatch(value, secret));
}

/**
 * The event name: a known event or topic the body names itself (`event`, `type` or `topic`), else the
 * `X-Stamped-Topic` category mapped to its event, else what the body's `event` or the header says as it came
 * (such an unknown event passes only the "All Events" filter).
 */
export function stampedEventOf(topicHeader: string | undefined, body: IDataObject): string {
	const fromTopic = (value: string) => TOPIC_EVENTS[value.trim().toLowerCase()];
	for (const key of ['event', 'type', 'topic']) {
		const value = body[key];
		if (typeof value !== 'string') continue;
		if ((STAMPED_EVENTS as readonly string[]).includes(value)) return value;
		if (fromTopic(value)) return fromTopic(value);
	}
	if (topicHeader) return fromTopic(topicHeader) ?? topicHeader.trim();
	return typeof body.event === 'string' && body.event ? body.event : 'unknown';
}

/** Stamped sends no event id: a redelivery is recognised by its topic and its exact body. */
export function stampedDeliveryKeyOf(topicHeader: string | undefined, rawBody: Buffer): string {
	return sha256Hex(Buffer.concat([Buffer.from(`${topicHeader ?? ''}\n`, 'utf8'), rawBody]));
}

/** One output item per delivery: the payload's fields as Stamped sent them, the event, the topic header. */
export function stampedDeliveryItem(body: IDataObject, event: string, topicHeader: string | undefined, verified: boolean): IDataObject {
	return { ...body, event, topic: topicHeader ?? null, verified };
}

/** How the Stamped Trigger checks, names, recognises and outputs a delivery. */
export const stampedReceiver: WebhookReceiver = {
	name: 'Stamped Trigger',
	credentialType: STAMPED_CREDENTIAL,
	secretField: 'webhookSecret',
	secretFields: stampedVendor.secretFields,
	knownEvents: STAMPED_EVENTS,
	refusal: 'Missing or wrong X-Stamped-Webhook-Secret',
	isAuthentic: (ctx, _rawBody, secret) =>
		isStampedSecretValid(STAMPED_SECRET_HEADERS.map((name) => headerOf(ctx, name)), secret),
	eventOf: (ctx, body) => stampedEventOf(headerOf(ctx, 'x-stamped-topic'), body),
	deliveryKeyOf: (ctx, _body, rawBody) => `stamped:${stampedDeliveryKeyOf(headerOf(ctx, 'x-stamped-topic'), rawBody)}`,
	itemOf: (ctx, body, event, verified) => stampedDeliveryItem(body, event, headerOf(ctx, 'x-stamped-topic'), verified),
};
