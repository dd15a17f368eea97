import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

const REDACTED = '[redacted]';

/** Shorter values would mangle ordinary words when masked; no real key or token is this short. */
const MIN_SECRET_LENGTH = 4;

function base64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}

/** A Base64 text as it may be echoed: padded, unpadded, URL-safe, or URL-encoded. */
function base64Forms(text: string): string[] {
	const padded = base64(text);
	const unpadded = padded.replace(/=+$/, '');
	return [
		padded,
		unpadded,
		unpadded.replace(/\+/g, '-').replace(/\//g, '_'),
		encodeURIComponent(padded),
	];
}

/**
 * Every form in which a credential value could surface in a message: the value itself, its URL-encoded
 * form, its Base64 forms, and the Base64 of any `user:password` pair an HTTP Basic header would carry.
 */
export function secretsOf(
	credentials: ICredentialDataDecryptedObject,
	secretFields: readonly string[],
	basicAuthPairs: ReadonlyArray<readonly [string, string]> = [],
): string[] {
	const values = secretFields
		.map((field) => credentials[field])
		.filter(
			(value): value is string => typeof value === 'string' && value.length >= MIN_SECRET_LENGTH,
		);

	const forms = new Set<string>();
	for (const value of values) {
		forms.add(value);
		forms.add(encodeURIComponent(value));
		for (const form of base64Forms(value)) forms.add(form);
	}
	for (const [userField, passwordField] of basicAuthPairs) {
		const user = credentials[userField];
		const password = credentials[passwordField];
		if (typeof user === 'string' && typeof password === 'string' && (user || password)) {
			for (const form of base64Forms(`${user}:${password}`)) forms.add(form);
		}
	}
	// Longest first, so that a value containing another is masked whole. Unpadded Base64 of a short value can
	// be a few characters long; those are left out like short values.
	return [...forms]
		.filter((form) => form.length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && result.includes(secret)) result = result.split(secret).join(REDACTED);
	}
	return result;
}

/**
 * A JSON value with every secret masked, in keys and values alike: the value itself when no secret occurs in it,
 * else a masked deep copy. Whether one occurs is read from the value's JSON text in one pass per secret (a page
 * of an export holds none, and copying it record by record cost more than reading it): a secret inside any key
 * or string shows there, as written or, where JSON escapes its characters, escaped.
 */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
	if (secrets.length === 0 || value === null || typeof value !== 'object')
		return maskDeep(value, secrets);
	// A lone surrogate reads differently once escaped beside its pair; such a secret is checked the long way.
	if (secrets.every((secret) => !/[\ud800-\udfff]/.test(secret))) {
		const text = JSON.stringify(value);
		const occurs = secrets.some((secret) => {
			if (text.includes(secret)) return true;
			const escaped = JSON.stringify(secret).slice(1, -1);
			return escaped !== secret && text.includes(escaped);
		});
		if (!occurs) return value;
	}
	return maskDeep(value, secrets);
}

function maskDeep<T>(value: T, secrets: readonly string[]): T {
	if (typeof value === 'string') return redactText(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry) => maskDeep(entry, secrets)) as T;
	if (value !== null && typeof value === 'object') {
		const copy: IDataObject = {};
		for (const [key, entry] of Object.entries(value as IDataObject)) {
			copy[redactText(key, secrets)] = maskDeep(entry, secrets);
		}
		return copy as T;
	}
	return value;
}
