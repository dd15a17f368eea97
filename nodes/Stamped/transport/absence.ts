/**
 * What proves to the package that Stamped has no such record (the `provesAbsence` hook of the Stamped vendor):
 * only Stamped's own not-found for the resource the call addresses. Stamped answers errors as JSON
 * `{message}` ("Customer not found", "Order not found"), on v2 and v3 alike. Nothing else proves absence: a web
 * page (a gateway's or a proxy's 404), a 404 for an unknown address ("No HTTP resource was found...", "No route
 * for..."), another service's JSON ("Not Found", with no resource named), or a not-found about something else
 * than the record (the shop, with a wrong Store Hash).
 */
import { isMissingRoute } from './evidence';

/** The collections a Stamped path can address, and the name its not-found messages give a record of each. */
const RESOURCES: Record<string, string> = {
	customers: 'customer',
	orders: 'order',
	products: 'product',
	reviews: 'review',
};

/** The record a path addresses: its first collection, after v3's `/{merchant|loyalty}/shops/{shopId}` and v2's `/dashboard`. */
function resourceOf(path: string): string | undefined {
	let segments = path.split('?')[0].split('/').filter(Boolean);
	if ((segments[0] === 'merchant' || segments[0] === 'loyalty') && segments[1] === 'shops')
		segments = segments.slice(3);
	if (segments[0] === 'dashboard') segments = segments.slice(1);
	return RESOURCES[segments[0] ?? ''];
}

const NOT_FOUND = /\bnot (?:be )?found\b|\bdoes ?n[o']t exist\b|\bno such\b/i;

export function stampedProvesAbsence(statusCode: number, body: unknown, path: string): boolean {
	if (statusCode !== 404 || isMissingRoute(body)) return false;
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
	const record = body as Record<string, unknown>;
	const message = typeof record.message === 'string' ? record.message : record.Message;
	const resource = resourceOf(path);
	if (typeof message !== 'string' || resource === undefined) return false;
	return new RegExp(`\\b${resource}\\b`, 'i').test(message) && NOT_FOUND.test(message);
}
