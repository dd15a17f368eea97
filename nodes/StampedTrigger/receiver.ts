import type { IDataObject } from 'n8n-workflow';

import type { TriggerEvent, WebhookReceiver } from '../core/webhook';
import { headerOf, secretsMatch, sha256Hex } from '../core/webhook';
import { STAMPED_CREDENTIAL, stampedVendor } from '../Stamped/transport';

/**
 * Every event the Stamped Trigger knows: the value saved in workflows, the option shown, what the delivery
 * carries, and the `X-Stamped-Topic` category Stamped names it by. The node's options and the receiver's
 * topic mapping are both built from this list.
 */
export const STAMPED_EVENTS: readonly TriggerEvent[] = [
	{
		value: 'review.created',
		name: 'Review Created',
		topic: 'Reviews',
		description:
			'A review was written (topic "Reviews"); carries the review: ID, product, rating, title, body, author, e-mail',
	},
	{
		value: 'review.published',
		name: 'Review Published',
		description: 'A review was published; carries the review',
	},
	{
		value: 'review.updated',
		name: 'Review Updated',
		description: 'A review was changed; carries the review as it is now',
	},
	{
		value: 'question.created',
		name: 'Question Created',
		topic: 'Questions & Answers',
		description:
			'A shopper asked a product question (topic "Questions & Answers"); carries the question and its product',
	},
	{
		value: 'nps.submitted',
		name: 'NPS Submitted',
		topic: 'Net Promoter Scores',
		description:
			'A customer answered the Net Promoter Score survey (topic "Net Promoter Scores"); carries the score and comment',
	},
	{
		value: 'checkout_comment.created',
		name: 'Checkout Comment Created',
		topic: 'Checkout Comments',
		description:
			'A customer left a comment at checkout (topic "Checkout Comments"); carries the comment and order',
	},
	{
		value: 'loyalty.points_earned',
		name: 'Loyalty Points Earned',
		topic: 'Rewards Earned',
		description:
			'A customer earned points (topic "Rewards Earned"); carries the customer and the points',
	},
	{
		value: 'loyalty.points_redeemed',
		name: 'Loyalty Points Redeemed',
		topic: 'Rewards Spent',
		description:
			'A customer spent points on a reward (topic "Rewards Spent"); carries the customer, points and reward',
	},
	{
		value: 'loyalty.tier_changed',
		name: 'Loyalty Tier Changed',
		topic: 'Rewards VIP',
		description:
			'A customer moved to another VIP tier (topic "Rewards VIP"); carries the customer, old and new tier',
	},
	{
		value: 'loyalty.referral',
		name: 'Loyalty Referral',
		topic: 'Rewards Referral',
		description:
			'A referral was made or completed (topic "Rewards Referral"); carries the referrer and the referred customer',
	},
	{
		value: 'loyalty.points_adjusted',
		name: 'Loyalty Points Adjusted',
		topic: 'Rewards Points Adjustment',
		description:
			'The shop adjusted a customer\'s points by hand (topic "Rewards Points Adjustment"); carries the customer and the change',
	},
];

const EVENT_VALUES: readonly string[] = STAMPED_EVENTS.map((event) => event.value);

/** `X-Stamped-Topic` category (lower case) → event, for the events that have a category. */
const TOPIC_EVENTS: ReadonlyMap<string, string> = new Map(
	STAMPED_EVENTS.filter((event) => event.topic).map((event) => [
		event.topic!.toLowerCase(),
		event.value,
	]),
);

/** The secret headers Stamped sends back verbatim; it sends the same value in both. */
const STAMPED_SECRET_HEADERS = ['x-stamped-webhook-secret', 'x-secret-key'] as const;

/** Accepted when at least one secret header is present and every one present matches (constant time). */
function isStampedSecretValid(headerValues: Array<string | undefined>, secret: string): boolean {
	const present = headerValues.filter((value): value is string => value !== undefined);
	return present.length > 0 && present.every((value) => secretsMatch(value, secret));
}

/**
 * The event name: a known event or topic the body names itself (`event`, `type` or `topic`), else the
 * `X-Stamped-Topic` category mapped to its event, else what the body's `event` or the header says as it came
 * (such an unknown event passes only the "All Events" filter).
 */
function stampedEventOf(topicHeader: string | undefined, body: IDataObject): string {
	const fromTopic = (value: string) => TOPIC_EVENTS.get(value.trim().toLowerCase());
	for (const key of ['event', 'type', 'topic']) {
		const value = body[key];
		if (typeof value !== 'string') continue;
		if (EVENT_VALUES.includes(value)) return value;
		const mapped = fromTopic(value);
		if (mapped) return mapped;
	}
	if (topicHeader) return fromTopic(topicHeader) ?? topicHeader.trim();
	return typeof body.event === 'string' && body.event ? body.event : 'unknown';
}

/** Stamped sends no event id: a redelivery is recognised by its topic and its exact body. */
function stampedDeliveryKeyOf(topicHeader: string | undefined, rawBody: Buffer): string {
	return sha256Hex(Buffer.concat([Buffer.from(`${topicHeader ?? ''}\n`, 'utf8'), rawBody]));
}

/** One output item per delivery: the payload's fields as Stamped sent them, the event, the topic header. */
function stampedDeliveryItem(
	body: IDataObject,
	event: string,
	topicHeader: string | undefined,
	verified: boolean,
): IDataObject {
	return { ...body, event, topic: topicHeader ?? null, verified };
}

/** How the Stamped Trigger checks, names, recognises and outputs a delivery. */
export const stampedReceiver: WebhookReceiver = {
	name: 'Stamped Trigger',
	credentialType: STAMPED_CREDENTIAL,
	secretField: 'webhookSecret',
	secretFields: stampedVendor.secretFields,
	knownEvents: EVENT_VALUES,
	refusal: 'Missing or wrong X-Stamped-Webhook-Secret',
	isAuthentic: (ctx, _rawBody, secret) =>
		isStampedSecretValid(
			STAMPED_SECRET_HEADERS.map((name) => headerOf(ctx, name)),
			secret,
		),
	eventOf: (ctx, body) => stampedEventOf(headerOf(ctx, 'x-stamped-topic'), body),
	deliveryKeyOf: (ctx, _body, rawBody) =>
		`stamped:${stampedDeliveryKeyOf(headerOf(ctx, 'x-stamped-topic'), rawBody)}`,
	itemOf: (ctx, body, event, verified) =>
		stampedDeliveryItem(body, event, headerOf(ctx, 'x-stamped-topic'), verified),
};
