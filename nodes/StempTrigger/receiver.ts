import type { IDataObject } from 'n8n-workflow';

import type { TriggerEvent, WebhookReceiver } from '../core/webhook';
import { headerOf, hmacSha256Hex, secretsMatch, sha256Hex } from '../core/webhook';
import { STEMP_CREDENTIAL, stempVendor } from '../Stemp/transport';
import { deliveryFreshness } from './deliveryAge';

/**
 * Every event stemp documents: the value saved in workflows, the option shown and what its `data` carries.
 * The node's options and the events the receiver knows are both built from this list.
 */
export const STEMP_EVENTS: readonly TriggerEvent[] = [
	{
		value: 'user.created',
		name: 'User Created',
		description:
			'A user (customer) was created; carries the user: ID, e-mail, name, phone, external ID, metadata',
	},
	{
		value: 'user.updated',
		name: 'User Updated',
		description: "A user's name, e-mail, phone or metadata changed; carries the user as it is now",
	},
	{
		value: 'user.deleted',
		name: 'User Deleted',
		description:
			'A user was deleted and their passes revoked; carries only the user ID (object "user")',
	},
	{
		value: 'pass.created',
		name: 'Pass Created',
		description:
			'A wallet pass was issued; carries the pass ID (wp_…), user ID, template ID, QR code value and creation time',
	},
	{
		value: 'pass.updated',
		name: 'Pass Updated',
		description:
			'A wallet pass changed, e.g. after template changes were pushed to it; carries the pass',
	},
	{
		value: 'stamp.created',
		name: 'Stamp Created',
		description: 'A stamp was added to a card; carries the stamp and its wallet pass',
	},
	{
		value: 'stamp.reward_triggered',
		name: 'Stamp Reward Triggered',
		description:
			'A completed card earned its reward (sent before Stamp Card Completed); carries the wallet pass and the reward',
	},
	{
		value: 'stamp.card_completed',
		name: 'Stamp Card Completed',
		description:
			'A card reached its last stamp (sent after Stamp Reward Triggered); carries the wallet pass',
	},
];

const SIGNATURE_PREFIX = 'sha256=';

/** `X-Stemp-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`, compared in constant time. */
function isStempSignatureValid(
	rawBody: Buffer,
	signatureHeader: string | undefined,
	secret: string,
): boolean {
	if (!signatureHeader?.startsWith(SIGNATURE_PREFIX)) return false;
	const received = signatureHeader.slice(SIGNATURE_PREFIX.length).trim().toLowerCase();
	return secretsMatch(received, hmacSha256Hex(secret, rawBody));
}

/**
 * The event name, from the body's `type`: the body is signed, the `X-Stemp-Event` header is not, so a header
 * that disagrees with the body is ignored (never refused: the signed body is the genuine event).
 */
function stempEventOf(body: IDataObject): string {
	return typeof body.type === 'string' && body.type ? body.type : 'unknown';
}

/**
 * The delivery id, the same on every retry: the body's `id`, which the signature covers. `X-Stemp-Delivery` is
 * not signed, so a replay under another header value is still recognised. A body without an id is recognised by
 * its exact bytes.
 */
function stempDeliveryIdOf(body: IDataObject): string | undefined {
	return typeof body.id === 'string' || typeof body.id === 'number' ? String(body.id) : undefined;
}

/**
 * One output item per delivery: the payload's `data` fields at the top level (e.g. `walletPassId`), the body
 * as it arrived (`id`, `type`, `timestamp`, `data`), then the event, the delivery id and whether the signature
 * was checked.
 */
function stempDeliveryItem(
	body: IDataObject,
	event: string,
	deliveryId: string | undefined,
	verified: boolean,
): IDataObject {
	const data =
		body.data && typeof body.data === 'object' && !Array.isArray(body.data)
			? (body.data as IDataObject)
			: {};
	return { ...data, ...body, event, deliveryId: deliveryId ?? null, verified };
}

/** How the stemp Trigger checks, names, recognises and outputs a delivery. */
export const stempReceiver: WebhookReceiver = {
	name: 'stemp Trigger',
	credentialType: STEMP_CREDENTIAL,
	secretField: 'webhookSigningSecret',
	secretFields: stempVendor.secretFields,
	knownEvents: STEMP_EVENTS.map((event) => event.value),
	refusal: 'Missing or invalid X-Stemp-Signature',
	isAuthentic: (ctx, rawBody, secret) =>
		isStempSignatureValid(rawBody, headerOf(ctx, 'x-stemp-signature'), secret),
	eventOf: (_ctx, body) => stempEventOf(body),
	deliveryKeyOf: (_ctx, body, rawBody) => {
		const deliveryId = stempDeliveryIdOf(body);
		return deliveryId === undefined ? `stemp-body:${sha256Hex(rawBody)}` : `stemp:${deliveryId}`;
	},
	freshness: deliveryFreshness,
	itemOf: (_ctx, body, event, verified) =>
		stempDeliveryItem(body, event, stempDeliveryIdOf(body), verified),
};
