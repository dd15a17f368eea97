import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

/**
 * The polling trigger's memory, kept in the workflow's static data (n8n saves it with every poll):
 *
 * - `at`: the newest time emitted (or seen at activation) that is not later than the poll's own clock plus
 *   CLOCK_TOLERANCE_MS: a record dated further ahead is remembered by its id but does not move the watermark,
 *   so it cannot stop the trigger until that date;
 * - `remembered`: the records emitted (or seen at activation) inside the overlap window, each by its id and its
 *   time. A record is known only when both match: a list that gives a new record the id of a deleted one (an id
 *   counter that steps back when the newest record is deleted) does not hide it. A record that turns up late,
 *   dated inside the window, is new when it is not remembered;
 * - `floor`: records dated at or before it are never new. It trails `at` by the overlap window, and rises when
 *   the memory is full, so that what is forgotten can never come back as new.
 */
export interface Watermark {
	/** Milliseconds since the epoch; 0 when nothing existed at activation. */
	at: number;
	floor: number;
	remembered: Map<string, number>;
}

/** A record as the poller sees it: an id, a timestamp, and what is emitted. */
export interface TimedRecord {
	id: string;
	at: number;
	json: IDataObject;
}

/** The newest records as read at activation, and whether they are the whole list. */
export interface NewestRecords {
	records: TimedRecord[];
	/** True when the figures say no record exists beyond these (one short page, a total reached). */
	complete: boolean;
}

/** What a vendor's list must answer for the generic poller. */
export interface PollSource {
	/** The newest records (one page is enough): for the first activation and for "Fetch Test Event". */
	newest(): Promise<NewestRecords>;
	/**
	 * Records that may be new (the rest is dropped here). When a poll is cut short, what it returns must be the
	 * OLDEST new records without a gap, so that moving the watermark past them skips nothing; the rest comes
	 * next poll.
	 */
	since(watermark: Watermark): Promise<TimedRecord[]>;
}

/** A record dated up to this far ahead of the poll's clock moves the watermark; a later date does not. */
export const CLOCK_TOLERANCE_MS = 60_000;
/** Late arrivals dated up to this long before the newest record are still emitted (v2 asks from the day before). */
export const OVERLAP_WINDOW_MS = 24 * 60 * 60 * 1000;
/** At most this many records are remembered; beyond it the oldest are forgotten and the floor rises past them. */
export const MAX_REMEMBERED = 500;
/**
 * Of those, at most this many dated after the watermark (ahead of the clock). They cannot be forgotten (nothing
 * newer was emitted to raise the floor past them), so a further record dated ahead is held back, neither emitted
 * nor remembered, until its date comes within the clock's tolerance: then it is an ordinary new record.
 */
export const MAX_REMEMBERED_AHEAD = MAX_REMEMBERED / 2;

const STATE_KEY = 'watermark';
const RECENT_KEY = 'recent';

const iso = (at: number) => new Date(at).toISOString();
const parsed = (value: unknown) => (value === null ? undefined : Date.parse(String(value)));

/**
 * The stored watermark, or undefined before the first activation. A watermark stored by an earlier release
 * (`at` and the ids at it, no `recent`) reads as "new is after `at`, or at it with another id".
 */
function readWatermark(staticData: IDataObject): Watermark | undefined {
	const stored = staticData[STATE_KEY] as { at?: unknown; ids?: unknown } | undefined;
	if (!stored || typeof stored !== 'object') return undefined;
	const at = stored.at === null ? 0 : Date.parse(String(stored.at));
	if (!Number.isFinite(at)) return undefined;
	const recent = staticData[RECENT_KEY] as { floor?: unknown; ids?: unknown } | undefined;
	const remembered = new Map<string, number>();
	if (recent && typeof recent === 'object' && Array.isArray(recent.ids)) {
		for (const entry of recent.ids as unknown[]) {
			if (!Array.isArray(entry)) continue;
			const recordAt = parsed(entry[1]);
			if (recordAt !== undefined && Number.isFinite(recordAt))
				remembered.set(String(entry[0]), recordAt);
		}
		const floor = parsed(recent.floor);
		return {
			at,
			floor: floor !== undefined && Number.isFinite(floor) ? floor : -Infinity,
			remembered,
		};
	}
	for (const id of Array.isArray(stored.ids) ? stored.ids.map(String) : []) remembered.set(id, at);
	return { at, floor: at === 0 ? -Infinity : at - 1, remembered };
}

/**
 * Stored readably: `watermark` as before (the ISO time, null for "nothing existed yet", and the ids at it) and
 * `recent` (the floor, and `[id, time]` for each remembered record, in the order remembered), bounded by
 * MAX_REMEMBERED.
 */
function writeWatermark(staticData: IDataObject, watermark: Watermark): void {
	staticData[STATE_KEY] = {
		at: watermark.at === 0 ? null : iso(watermark.at),
		ids: [...watermark.remembered]
			.filter(([, recordAt]) => recordAt === watermark.at)
			.map(([id]) => id),
	};
	staticData[RECENT_KEY] = {
		floor: Number.isFinite(watermark.floor) ? iso(watermark.floor) : null,
		ids: [...watermark.remembered].map(([id, recordAt]) => [id, iso(recordAt)]),
	};
}

/** Whether a record has not been emitted: dated after the floor, and not remembered (its id at its time). */
export function isNew(record: TimedRecord, watermark: Watermark): boolean {
	return record.at > watermark.floor && watermark.remembered.get(record.id) !== record.at;
}

/**
 * Whether a list read newest first has reached what was already emitted at this record: it is not new, and
 * dated at or before the watermark. Only the last record of a page is asked, so one old record listed first
 * (an edited review, an entry out of order) does not end the read.
 */
export function reachesWatermark(record: TimedRecord | undefined, watermark: Watermark): boolean {
	return record !== undefined && !isNew(record, watermark) && record.at <= watermark.at;
}

/** The new records, each once (pages may overlap when the list shifts), oldest first. */
function newRecordsOldestFirst(records: TimedRecord[], watermark: Watermark): TimedRecord[] {
	const seen = new Set<string>();
	const fresh: TimedRecord[] = [];
	for (const record of records) {
		const key = `${record.at} ${record.id}`;
		if (seen.has(key) || !isNew(record, watermark)) continue;
		seen.add(key);
		fresh.push(record);
	}
	// Lists come newest first: reversing before the stable sort keeps their order among equal timestamps.
	return fresh.reverse().sort((a, b) => a.at - b.at);
}

/**
 * The memory after `records` were emitted (or seen): the watermark moves to the newest of them not dated beyond
 * the clock's tolerance; the floor trails it by the overlap window; the memory keeps at most MAX_REMEMBERED
 * records, forgetting the oldest times whole and raising the floor past them. Records dated after the watermark
 * cannot be forgotten that way: `withRoomAhead` keeps them to MAX_REMEMBERED_AHEAD, so they never crowd out the
 * rest. Only records sharing the watermark's own millisecond are never forgotten, however many.
 */
function remember(watermark: Watermark, records: TimedRecord[], now: number): Watermark {
	const remembered = new Map(watermark.remembered);
	for (const record of records) remembered.set(record.id, record.at);
	const at = watermarkAfter(watermark, records, now);
	let floor = at === 0 ? watermark.floor : Math.max(watermark.floor, at - OVERLAP_WINDOW_MS);
	const byTime = [...remembered].sort((a, b) => a[1] - b[1]);
	let keep = byTime.findIndex(([, recordAt]) => recordAt > floor);
	if (keep < 0) keep = byTime.length;
	while (byTime.length - keep > MAX_REMEMBERED) {
		const oldest = byTime[keep][1];
		if (oldest >= at) break; // the newest time is never forgotten
		floor = oldest;
		while (keep < byTime.length && byTime[keep][1] <= floor) keep++;
	}
	return { at, floor, remembered: new Map(byTime.slice(keep)) };
}

/** The watermark after `records`: a record dated beyond the clock is remembered, but does not move it. */
function watermarkAfter(watermark: Watermark, records: TimedRecord[], now: number): number {
	return records.reduce(
		(newest, record) =>
			record.at > newest && record.at <= now + CLOCK_TOLERANCE_MS ? record.at : newest,
		watermark.at,
	);
}

/**
 * The new records that fit into the memory now, oldest first: all of them, except records dated beyond the
 * clock once MAX_REMEMBERED_AHEAD such records are remembered. Those are held back (see MAX_REMEMBERED_AHEAD);
 * being the newest, holding them back leaves no gap in what is emitted.
 */
function withRoomAhead(watermark: Watermark, records: TimedRecord[], now: number): TimedRecord[] {
	const at = watermarkAfter(watermark, records, now);
	const ids = new Set(records.map((record) => record.id));
	let room = MAX_REMEMBERED_AHEAD;
	for (const [id, recordAt] of watermark.remembered) if (recordAt > at && !ids.has(id)) room--;
	return records.filter((record) => record.at <= at || room-- > 0);
}

/**
 * The memory at activation. When the records read are the whole list every one of them is remembered;
 * otherwise the floor starts at the last of them in list order (the oldest, in a list sorted newest first),
 * since older records exist that were not read.
 */
function activation({ records, complete }: NewestRecords, now: number): Watermark {
	const floor = complete || records.length === 0 ? -Infinity : records[records.length - 1].at;
	// One page: never more records dated ahead than there is room for.
	return remember({ at: 0, floor, remembered: new Map() }, records, now);
}

/**
 * One poll, as n8n calls it. "Fetch Test Event" (manual mode) returns the newest record and changes nothing.
 * The first poll of an active workflow records the watermark and emits nothing, so activation does not flood
 * the workflow with history; an answer the sources cannot trust throws before anything is recorded, so a later
 * good poll is still a first one. Every later poll emits the new records, oldest first, and remembers them;
 * n8n saves the static data with the poll. A poll that throws leaves the memory as it was, so the next one asks
 * again.
 */
export async function pollNewRecords(
	ctx: IPollFunctions,
	source: PollSource,
): Promise<INodeExecutionData[][] | null> {
	const staticData = ctx.getWorkflowStaticData('node');
	const now = Date.now();
	if (ctx.getMode() === 'manual') {
		const { records } = await source.newest();
		const everything = { at: 0, floor: -Infinity, remembered: new Map<string, number>() };
		const newest = newRecordsOldestFirst(records, everything).pop();
		return newest ? [[{ json: newest.json }]] : null;
	}
	const watermark = readWatermark(staticData);
	if (!watermark) {
		writeWatermark(staticData, activation(await source.newest(), now));
		return null;
	}
	const fresh = withRoomAhead(
		watermark,
		newRecordsOldestFirst(await source.since(watermark), watermark),
		now,
	);
	if (fresh.length === 0) return null;
	writeWatermark(staticData, remember(watermark, fresh, now));
	return [fresh.map((record) => ({ json: record.json }))];
}

/** Milliseconds since the epoch of an ISO date-time, or undefined. */
export function timestampOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const at = Date.parse(value);
	return Number.isFinite(at) ? at : undefined;
}
