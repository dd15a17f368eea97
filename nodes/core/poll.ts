import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

/**
 * A polling trigger's memory: the timestamp of the newest record already emitted (or seen at activation), and
 * the ids of the records at exactly that timestamp. Records share timestamps (several reviews in one second),
 * so "newer than the watermark" alone would either repeat or skip the others at the boundary.
 */
export interface Watermark {
	/** Milliseconds since the epoch; 0 when nothing existed at activation (every record is then new). */
	at: number;
	ids: string[];
}

/** A record as the poller sees it: an id, a timestamp, and what is emitted. */
export interface TimedRecord {
	id: string;
	at: number;
	json: IDataObject;
}

/** What a vendor's list must answer for the generic poller. */
export interface PollSource {
	/** The newest records (one page is enough): for the first activation and for "Fetch Test Event". */
	newest(): Promise<TimedRecord[]>;
	/**
	 * Records that may be newer than the watermark (older ones are dropped here). When a poll is cut short, what
	 * it returns must be the OLDEST new records without a gap, so that moving the watermark past them skips
	 * nothing; the rest comes next poll.
	 */
	since(watermark: Watermark): Promise<TimedRecord[]>;
}

const STATE_KEY = 'watermark';

/** The stored watermark, or undefined before the first activation. */
function readWatermark(staticData: IDataObject): Watermark | undefined {
	const stored = staticData[STATE_KEY] as { at?: unknown; ids?: unknown } | undefined;
	if (!stored || typeof stored !== 'object') return undefined;
	const at = stored.at === null ? 0 : Date.parse(String(stored.at));
	if (!Number.isFinite(at)) return undefined;
	const ids = Array.isArray(stored.ids) ? stored.ids.map(String) : [];
	return { at, ids };
}

/** Stored readably: the ISO timestamp (null for "nothing existed yet") and the boundary ids. */
function writeWatermark(staticData: IDataObject, watermark: Watermark): void {
	staticData[STATE_KEY] = {
		at: watermark.at === 0 ? null : new Date(watermark.at).toISOString(),
		ids: watermark.ids,
	};
}

export function isNewer(record: TimedRecord, watermark: Watermark): boolean {
	return (
		record.at > watermark.at || (record.at === watermark.at && !watermark.ids.includes(record.id))
	);
}

/** The new records, each once (pages may overlap when the list shifts), oldest first. */
function newRecordsOldestFirst(records: TimedRecord[], watermark: Watermark): TimedRecord[] {
	const seen = new Set<string>();
	const fresh: TimedRecord[] = [];
	for (const record of records) {
		if (seen.has(record.id) || !isNewer(record, watermark)) continue;
		seen.add(record.id);
		fresh.push(record);
	}
	// Lists come newest first: reversing before the stable sort keeps their order among equal timestamps.
	return fresh.reverse().sort((a, b) => a.at - b.at);
}

/** The watermark after `emitted` (oldest first, all newer than `watermark`). */
function advance(watermark: Watermark, emitted: TimedRecord[]): Watermark {
	if (emitted.length === 0) return watermark;
	const at = emitted[emitted.length - 1].at;
	const atBoundary = emitted.filter((record) => record.at === at).map((record) => record.id);
	return { at, ids: at === watermark.at ? [...watermark.ids, ...atBoundary] : atBoundary };
}

/** The watermark at activation: the newest record's timestamp and every id at it; 0 for an empty list. */
function watermarkOf(records: TimedRecord[]): Watermark {
	if (records.length === 0) return { at: 0, ids: [] };
	const at = Math.max(...records.map((record) => record.at));
	return { at, ids: records.filter((record) => record.at === at).map((record) => record.id) };
}

/**
 * One poll, as n8n calls it. "Fetch Test Event" (manual mode) returns the newest record and changes nothing.
 * The first poll of an active workflow records the watermark and emits nothing, so activation does not flood
 * the workflow with history. Every later poll emits what is newer than the watermark, oldest first, and moves
 * the watermark past it; n8n saves the static data with the poll. A poll that throws leaves the watermark as
 * it was, so the next one asks again.
 */
export async function pollNewRecords(
	ctx: IPollFunctions,
	source: PollSource,
): Promise<INodeExecutionData[][] | null> {
	const staticData = ctx.getWorkflowStaticData('node');
	if (ctx.getMode() === 'manual') {
		const newest = newRecordsOldestFirst(await source.newest(), { at: -Infinity, ids: [] }).pop();
		return newest ? [[{ json: newest.json }]] : null;
	}
	const watermark = readWatermark(staticData);
	if (!watermark) {
		writeWatermark(staticData, watermarkOf(await source.newest()));
		return null;
	}
	const fresh = newRecordsOldestFirst(await source.since(watermark), watermark);
	if (fresh.length === 0) return null;
	writeWatermark(staticData, advance(watermark, fresh));
	return [fresh.map((record) => ({ json: record.json }))];
}

/** Milliseconds since the epoch of an ISO date-time, or undefined. */
export function timestampOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const at = Date.parse(value);
	return Number.isFinite(at) ? at : undefined;
}
