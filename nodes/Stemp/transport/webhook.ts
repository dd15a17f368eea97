import type { IDataObject } from 'n8n-workflow';

import type { WebhookReceiver } from '../../core/webhook';
import { headerOf, hmacSha256Hex, secretsMatch } from '../../core/webhook';
import { STEMP_CREDENTIAL } from './index';

/** The events stemp sends; completing a card fires both, in this order. */
export const STEMP_EVENTS = ['stamp.reward_triggered', 'stamp.card_completed'] as const;

const SIGNATURE_PREFIX = 'sha256=';

/** `X-Stemp-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`, compared in constant time. */
export function isStempSignatureValid(rawBody: Buffer, signatureHeader: string | undefined, secret: string): boolean {
	if (!signatureHeader?.startsWith(SIGNATURE_PREFIX)) return false;
	const received = signatureHeader.slice(SIGNATURE_PREFIX.length).trim().toLowerCase();
	return secretsMatch(received, hmacSha256Hex(secret, rawBody));
}

/** The event name: the `X-Stemp-Event` header, else the body's `type`. */
export function stempEventOf(eventHeader: string | undefined, body: IDataObject): string {
	return eventHeader ?? (typeof body.type === 'string' && body.type ? body.type : 'unknown');
}

/** The delivery id, the same on every retry: `X-Stemp-Delivery`, else the body's `id`. */
export function stempDeliveryIdOf(deliveryHeader: string | undefined, body: IDataObject): string | undefined {
	if (deliveryHeader) return deliveryHeader;
	return typeof body.id === 'string' || typeof body.id === 'number' ? String(body.id) : undefined;
}

/**
 * One output item per delivery: the payload's `data` fields at the top level (e.g. `walletPassId`), the body
 * as it arrived (`id`, `type`, `timestamp`, `data`), then the event, the delivery id and whether the signature
 * was checked.
 */
export function stempDeliveryItem(body: IDataObject, event: string, deliveryId: string | undefined, verified: boolean): IDataObject {
	const data = body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? (body.data as IDataObject) : {};
	return { ...data, ...body, event, deliveryId: deliveryId ?? null, verified };
}

/** How the stemp Trigger checks, names, recognises and outputs a delivery. */
export const stempReceiver: WebhookReceiver = {
	name: 'stemp Trigger',
	credentialType: STEMP_CREDENTIAL,
	secretField: 'webhookSigningSecret',
	knownEvents: STEMP_EVENTS,
	refusal: 'Missing or invalid X-Stemp-Signature',
	isAuthentic: (ctx, rawBody, secret) => isStempSignatureValid(rawBody, headerOf(ctx, 'x-stemp-signature'), secret),
	eventOf: (ctx, body) => stempEventOf(headerOf(ctx, 'x-stemp-event'), body),
	deliveryKeyOf: (ctx, body) => {
		const deliveryId = stempDeliveryIdOf(headerOf(ctx, 'x-stemp-delivery'), body);
		return deliveryId === undefined ? undefined : `stemp:${deliveryId}`;
	},
	itemOf: (ctx, body, event, verified) =>
		stempDeliveryItem(body, event, stempDeliveryIdOf(headerOf(ctx, 'x-stemp-delivery'), body), verified),
};
