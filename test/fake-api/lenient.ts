/**
 * How a lenient server matches a lookup key (the `lenientLookups` hostile switch): ignoring letter case and
 * surrounding spaces, and taking a stored value that begins with the one asked (`1042` finds `10420`, `sku-1`
 * finds `SKU-1 `). A server, proxy or search index that resolves keys so answers another record than the one
 * asked, which the nodes must never take for it.
 */
export function looselyMatches(stored: unknown, asked: string): boolean {
	if (typeof stored !== 'string' && typeof stored !== 'number') return false;
	return String(stored).trim().toLowerCase().startsWith(asked.trim().toLowerCase());
}

/** The first of `records` whose key matches `asked`: exactly, or loosely when `lenient`. */
export function findByKey<T>(
	records: Iterable<T>,
	keyOf: (record: T) => unknown,
	asked: string,
	lenient: boolean,
): T | undefined {
	for (const record of records) {
		const stored = keyOf(record);
		if (lenient ? looselyMatches(stored, asked) : stored === asked) return record;
	}
	return undefined;
}
