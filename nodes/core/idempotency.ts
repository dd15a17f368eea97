/**
 * Exactly once across retries: a write that carries an idempotency key writes the key into the free text of the
 * entry it records in the vendor's own ledger (a history note, a points reason), as `[key: order-1042]` at the
 * end of that text. Before writing, the ledger's newest entries are read; an entry whose text ends with that
 * marker means the write was applied before (an earlier run, a retried execution), and nothing is sent. The
 * memory is the vendor's ledger, not n8n's, so it holds across retries, re-runs, restarts and queue-mode workers.
 *
 * What the check cannot see is the vendor's to say: entries beyond the window read, entries the vendor trimmed,
 * and a second execution that writes the same key between this one's read and its write. Whatever it cannot
 * read it never takes for "not there": a ledger that cannot be read completely fails the item, nothing sent.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { sameKey } from './match';
import { MAX_PAGE_SIZE } from './paging';
import type { ApiClient } from './request';
import { mayHaveBeenApplied } from './request';
import { hasControlCharacter, inputError, numberAsText } from './validation';

export const IDEMPOTENCY_KEY_FIELD = 'Idempotency Key';

/** The longest key: short enough to leave room for the user's own text in every ledger that carries one. */
export const MAX_KEY_LENGTH = 100;

const MARKER_OPEN = '[key: ';
const MARKER_CLOSE = ']';

/** How the key is written into an entry's text, e.g. `[key: order-1042]`: what the shop sees in the dashboard. */
export function keyMarker(key: string): string {
	return `${MARKER_OPEN}${key}${MARKER_CLOSE}`;
}

/** The user's own text with the key's marker after it (one space between), or the marker alone. */
export function withKeyMarker(text: string | undefined, key: string): string {
	return text === undefined || text === '' ? keyMarker(key) : `${text} ${keyMarker(key)}`;
}

/**
 * The key an entry's text carries: the marker at its very end, as the whole text or after a space. A marker
 * anywhere else (a note that merely mentions `[key: x]`, a customer's comment quoted in the note) is not one: the
 * node always writes its marker last, after the user's own text.
 */
export function keyInText(text: unknown): string | undefined {
	if (typeof text !== 'string' || !text.endsWith(MARKER_CLOSE)) return undefined;
	const open = text.lastIndexOf(MARKER_OPEN);
	if (open < 0 || (open > 0 && text[open - 1] !== ' ')) return undefined;
	const key = text.slice(open + MARKER_OPEN.length, -MARKER_CLOSE.length);
	return keyProblem(key) === undefined ? key : undefined;
}

/**
 * Whether a text carries `key`: its marker holds exactly that key, by the house rule for IDs (`sameKey`: same
 * characters, same case, no prefix).
 */
export function textCarriesKey(text: unknown, key: string): boolean {
	const carried = keyInText(text);
	return carried !== undefined && sameKey(key, { key: carried }, 'key');
}

/**
 * Why a text cannot be a key, or undefined when it can. A key must read back from the vendor's ledger exactly as
 * sent: printable ASCII only (letters, digits, spaces and punctuation), so that no control character, invisible
 * character or Unicode form the vendor might store differently can make it miss itself; and no `[` or `]`, which
 * would make the marker ambiguous.
 */
export function keyProblem(key: string): string | undefined {
	if (key.trim() === '') return 'it is empty';
	if (key !== key.trim()) return 'it starts or ends with a space';
	if (key.includes('  '))
		return 'it contains two spaces in a row, which a ledger may store as one: the key would not read back exactly';
	if (key.length > MAX_KEY_LENGTH)
		return `it is ${key.length} characters long; at most ${MAX_KEY_LENGTH} are allowed`;
	if (hasControlCharacter(key)) return 'it contains a control character';
	const bracket = /[[\]]/.exec(key);
	if (bracket)
		return `it contains "${bracket[0]}", which would end or open the key's marker [key: …] in the ledger entry`;
	for (const character of key) {
		const code = character.codePointAt(0)!;
		if (code < 0x20 || code > 0x7e)
			return `it contains "${character}" (U+${code.toString(16).toUpperCase().padStart(4, '0')}): only printable ASCII characters (letters, digits, spaces and punctuation other than [ and ]) read back from the ledger exactly`;
	}
	return undefined;
}

/**
 * The Options collection with the Idempotency Key, for a write whose ledger entry carries text. `window` says in
 * words which entries are read (e.g. "the pass's last 100 stamp history entries"), `where` where the key goes
 * (e.g. "the note").
 */
export function idempotencyKeyOptions({
	window,
	where,
}: {
	window: string;
	where: string;
}): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		description: 'How the write is applied',
		options: [
			{
				displayName: IDEMPOTENCY_KEY_FIELD,
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				placeholder: 'order-1042',
				description: `The same key is applied once, even when the workflow is retried; use your order ID. Before writing, the node looks for the key in ${window}. If it is there, nothing is written and the item is output with skipped: true; otherwise the key is added to ${where} as [key: order-1042]. Up to ${MAX_KEY_LENGTH} printable ASCII characters, no [ or ].`,
				hint: 'Usually an expression, e.g. {{ $json.orderId }}',
			},
		],
	};
}

/**
 * The item's Idempotency Key (from the Options collection), checked; undefined when the option is not set. An
 * option that is set but empty (an expression that found no order ID) is refused: writing without the key the
 * user asked for could apply the write twice.
 */
export function readIdempotencyKey(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const node = ctx.getNode();
	const options = ctx.getNodeParameter('options', itemIndex, {}) as unknown;
	if (options === null || typeof options !== 'object' || Array.isArray(options))
		throw inputError(node, 'Options', itemIndex, 'it is not a set of fields');
	if (!('idempotencyKey' in options)) return undefined;
	return checkedKey(node, (options as IDataObject).idempotencyKey, itemIndex);
}

function checkedKey(node: INode, value: unknown, itemIndex: number): string {
	let key: string;
	if (value === undefined || value === null) key = '';
	else if (typeof value === 'number')
		key = numberAsText(node, value, IDEMPOTENCY_KEY_FIELD, itemIndex);
	else if (typeof value === 'string') key = value.trim();
	else
		throw inputError(
			node,
			IDEMPOTENCY_KEY_FIELD,
			itemIndex,
			`it is ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`}, not a text`,
		);
	const problem = keyProblem(key);
	if (problem) {
		const fix =
			problem === 'it is empty'
				? `${problem}: give the order ID (or another ID of this write), or remove the option to write without a key`
				: problem;
		throw inputError(node, IDEMPOTENCY_KEY_FIELD, itemIndex, fix);
	}
	return key;
}

/**
 * The text sent with a keyed write: the user's own text with the key's marker, checked against the field's
 * limit with the marker included, so that the vendor never cuts the marker off (or refuses the write).
 */
export function textWithKey(
	node: INode,
	text: string | undefined,
	key: string | undefined,
	{ field, max, itemIndex }: { field: string; max: number; itemIndex: number },
): string | undefined {
	if (key === undefined) return text;
	const written = withKeyMarker(text, key);
	if (written.length > max) {
		throw inputError(
			node,
			field,
			itemIndex,
			`with the ${IDEMPOTENCY_KEY_FIELD}'s marker "${keyMarker(key)}" added it is ${written.length} characters long; at most ${max} are allowed (shorten it by ${written.length - max})`,
		);
	}
	return written;
}

/** A vendor's ledger as the key check reads it: newest entries first, through the vendor's own list reader. */
export interface Ledger {
	/** Names the ledger in messages, e.g. `the stamp history of wallet pass "wp_1"`. */
	name: string;
	/** Tells ledgers apart within a run (entries read once are remembered for the rest of the run). */
	id: string;
	/** How many of the newest entries the check reads at most: the window the description states. */
	window: number;
	/**
	 * Whether to read on to the whole window once the newest page is full (always, unless given): a ledger may
	 * reach further back only while its entries are recent.
	 */
	readsOn?(newest: IDataObject[]): boolean;
	/** The newest `limit` entries, newest first; fails (never ends short in silence) when they cannot be read. */
	read(limit: number): Promise<IDataObject[]>;
	/** The entry's own ID, to recognise it on later reads. */
	entryId(entry: IDataObject): string | undefined;
	/** The entry's texts the key may have been written into. */
	texts(entry: IDataObject): unknown[];
	/** When the entry was recorded (ms since the epoch), where it says, to check the newest-first order. */
	recordedAt(entry: IDataObject): number | undefined;
	/** Why an entry cannot be one of this ledger's (another pass's entry), or undefined. */
	foreign?(entry: IDataObject): string | undefined;
	/**
	 * The entry a successful write recorded, when its answer is one (`{id, texts}`): checked to carry the key, so
	 * that a vendor that drops the text is noticed before the next keyed write relies on it.
	 */
	writtenEntry?(answer: IDataObject): { id?: string; texts: unknown[] } | undefined;
}

/** The newest entries read first, in one request: the largest page every list here serves. */
export const NEWEST_PAGE = MAX_PAGE_SIZE;

/** An entry may be listed up to this long after a later one and still count as newest first (same-moment writes). */
const ORDER_TOLERANCE_MS = 1_000;

/** What one run (one node execution) remembers: the keys its items claimed and the entries it read. */
interface RunMemory {
	claims: Map<string, Promise<ClaimOutcome>>;
	/**
	 * Per ledger, what the run read of it: the entries that carry a key (all the check ever looks for, so the
	 * memory stays small however many entries pass by), and, where the window reaches past the newest page, the
	 * IDs of every entry read (to tell whether a newest page reaches back to what was read before).
	 */
	ledgers: Map<string, { keyed: Map<string, IDataObject>; ids: Set<string> }>;
	/** Ledgers found not to keep the key's text readable, and why. */
	unreadable: Map<string, string>;
	/**
	 * Per ledger that can tell (`writtenEntry`) whether it keeps the key's text: until a write of the run has told
	 * it (`told`), the run's keyed writes on it go one at a time (`queue`), so that none relies on the key before
	 * the run knows the ledger keeps it.
	 */
	readBack: Map<string, { told: boolean; queue: Promise<void> }>;
}

type ClaimOutcome =
	| { itemIndex: number; entry?: IDataObject }
	| { itemIndex: number; error: Error };

/** Keyed by the run's API client, which the operation runner opens once per node execution. */
const memories = new WeakMap<ApiClient, RunMemory>();

function memoryOf(api: ApiClient): RunMemory {
	let memory = memories.get(api);
	if (!memory) {
		memory = { claims: new Map(), ledgers: new Map(), unreadable: new Map(), readBack: new Map() };
		memories.set(api, memory);
	}
	return memory;
}

/** A keyed write as the vendor's operation describes it. */
export interface KeyedWrite {
	api: ApiClient;
	key: string;
	itemIndex: number;
	ledger: Ledger;
	/** Sends the write (its text already carries the marker); resolves to the usual output. */
	write(): Promise<IDataObject>;
	/**
	 * The usual output of an item that is not written (skipped, or found applied after an ambiguous failure):
	 * the current state of what the write would have changed, so that the nodes after it keep working.
	 */
	current(entry: IDataObject | undefined): Promise<IDataObject>;
	/** The vendor's name for messages. */
	vendor: string;
}

/**
 * Runs a keyed write exactly once: the first item of the run with this key checks the ledger and writes only when
 * the key is not there; a later item with the same key (on any pass or customer) waits for it and is skipped.
 * After an ambiguous failure of the write (a 5xx after applying, a dropped connection) the ledger is read again
 * to tell what happened; the write is never sent again.
 */
export async function writeOnce(write: KeyedWrite): Promise<IDataObject> {
	const { api, key, itemIndex } = write;
	const memory = memoryOf(api);
	const earlier = memory.claims.get(key);
	if (earlier) return await sameKeyAsEarlier(write, await earlier);
	let settle!: (outcome: ClaimOutcome) => void;
	memory.claims.set(key, new Promise<ClaimOutcome>((resolve) => (settle = resolve)));
	const outcome = await checkThenWrite(write, memory).then(
		(output) => ({ output }),
		(error: Error) => ({ error }),
	);
	if ('error' in outcome) {
		settle({ itemIndex, error: outcome.error });
		throw outcome.error;
	}
	settle({ itemIndex, entry: outcome.output.ledgerEntry as IDataObject | undefined });
	return outcome.output;
}

async function sameKeyAsEarlier(write: KeyedWrite, earlier: ClaimOutcome): Promise<IDataObject> {
	const { api, key, itemIndex } = write;
	if ('error' in earlier) {
		throw new NodeOperationError(
			api.node,
			`Item ${earlier.itemIndex} carries the same ${IDEMPOTENCY_KEY_FIELD} "${key}" and failed, so this item was not sent`,
			{
				itemIndex,
				description: `One key is applied once: this item waits for the first item with it. That item failed (${earlier.error.message}); run the items again once it is fixed, and the key check applies the write once.`,
			},
		);
	}
	return {
		...(await write.current(earlier.entry)),
		idempotencyKey: key,
		skipped: true,
		skippedBecause: `item ${earlier.itemIndex} of this run carries the same key`,
		ledgerEntry: earlier.entry ?? null,
	};
}

async function checkThenWrite(write: KeyedWrite, memory: RunMemory): Promise<IDataObject> {
	const { ledger } = write;
	if (!ledger.writtenEntry) return await checkKeyThenWrite(write, memory);
	let readBack = memory.readBack.get(ledger.id);
	if (!readBack) {
		readBack = { told: false, queue: Promise.resolve() };
		memory.readBack.set(ledger.id, readBack);
	}
	if (readBack.told) return await checkKeyThenWrite(write, memory);
	const previous = readBack.queue;
	let release!: () => void;
	readBack.queue = new Promise<void>((resolve) => (release = resolve));
	await previous;
	try {
		return await checkKeyThenWrite(write, memory);
	} finally {
		release();
	}
}

async function checkKeyThenWrite(write: KeyedWrite, memory: RunMemory): Promise<IDataObject> {
	const { api, key, ledger } = write;
	const unreadable = memory.unreadable.get(ledger.id);
	if (unreadable) throw cannotCheck(api, write, unreadable);
	const found = await findKey(write, memory);
	const readBack = memory.readBack.get(ledger.id);
	if (found) {
		// A key found in the ledger's text proves the ledger keeps it readable.
		if (readBack) readBack.told = true;
		return {
			...(await write.current(found)),
			idempotencyKey: key,
			skipped: true,
			ledgerEntry: found,
		};
	}
	let written: IDataObject;
	try {
		written = await write.write();
	} catch (error) {
		return await afterFailedWrite(write, memory, error);
	}
	const warning = await checkWrittenEntry(write, memory, written);
	if (readBack) readBack.told = true;
	return {
		...written,
		idempotencyKey: key,
		skipped: false,
		...(warning ? { idempotencyWarning: warning } : {}),
	};
}

/**
 * After a write failed: when the vendor may have applied it, the ledger is read again. The key there means it
 * was applied (the item succeeds, saying so); not there, or not readable, the error stands, saying that running
 * the item again with the same key is safe. The write itself is never sent again.
 */
async function afterFailedWrite(
	write: KeyedWrite,
	memory: RunMemory,
	error: unknown,
): Promise<IDataObject> {
	if (!mayHaveBeenApplied(error)) throw error;
	const { key, ledger, vendor } = write;
	let found: IDataObject | undefined;
	try {
		found = await findKey(write, memory, true);
	} catch (readError) {
		throw addNote(
			error,
			`With the ${IDEMPOTENCY_KEY_FIELD} "${key}", ${ledger.name} was read again to tell whether ${vendor} applied it, but could not be read (${(readError as Error).message}). It was not sent again. Run the item again with the same key: the key check skips it if it was applied.`,
		);
	}
	if (!found) {
		throw addNote(
			error,
			`With the ${IDEMPOTENCY_KEY_FIELD} "${key}", ${ledger.name} was read again: it holds no entry with the key yet, so ${vendor} most likely did not apply it, but it may still. It was not sent again. Run the item again with the same key: the key check skips it if it was applied.`,
		);
	}
	return {
		...(await write.current(found)),
		idempotencyKey: key,
		skipped: false,
		resolvedByLookup: true,
		resolution: `The write failed without a clear answer (${(error as Error).message}); ${ledger.name} holds its entry with the key "${key}", so ${vendor} applied it, once. It was not sent again.`,
		ledgerEntry: found,
	};
}

/**
 * The entry carrying `key` among the ledger's newest entries (and those this run read before), or undefined.
 * The first check of a ledger in a run reads its whole window; later ones read the newest page, and the window
 * again only when that page does not reach back to an entry read before. `fresh` reads again even when the run
 * read the ledger already (after a failed write).
 */
async function findKey(
	write: KeyedWrite,
	memory: RunMemory,
	fresh = false,
): Promise<IDataObject | undefined> {
	const { api, ledger } = write;
	let seen = memory.ledgers.get(ledger.id);
	const firstRead = Math.min(NEWEST_PAGE, ledger.window);
	const read = async (limit: number) => {
		let entries: IDataObject[];
		try {
			entries = await ledger.read(limit);
		} catch (error) {
			// The vendor's own refusal (an unknown pass, a missing scope) is quoted as it came.
			if (error instanceof NodeApiError)
				throw addNote(
					error,
					`It answered the ${IDEMPOTENCY_KEY_FIELD} check's read of ${ledger.name}; nothing was sent.`,
				);
			throw cannotCheck(api, write, (error as Error).message);
		}
		return checkedEntries(write, entries, limit);
	};
	let entries = await read(firstRead);
	const readsBeyondFirst = ledger.window > firstRead;
	const reachesBack =
		seen !== undefined && entries.some((entry) => seen!.ids.has(ledger.entryId(entry) ?? ''));
	if (
		entries.length >= firstRead &&
		readsBeyondFirst &&
		!reachesBack &&
		!fresh &&
		(ledger.readsOn?.(entries) ?? true)
	)
		entries = await read(ledger.window);
	if (!seen) {
		seen = { keyed: new Map(), ids: new Set() };
		memory.ledgers.set(ledger.id, seen);
	}
	const carriesAKey = (entry: IDataObject) =>
		ledger.texts(entry).some((text) => keyInText(text) !== undefined);
	for (const entry of entries) {
		const id = ledger.entryId(entry);
		if (id !== undefined && readsBeyondFirst) seen.ids.add(id);
		if (carriesAKey(entry)) seen.keyed.set(id ?? JSON.stringify(entry), entry);
	}
	const carries = (entry: IDataObject) =>
		ledger.texts(entry).some((text) => textCarriesKey(text, write.key));
	// The newest entries first: the ones just read, then what the run read before.
	return entries.find(carries) ?? [...seen.keyed.values()].find(carries);
}

/**
 * The entries as read, or a failure when they cannot be trusted to be this ledger's newest: an entry of another
 * pass, or (when the read filled what was asked, so older entries lie beyond it) entries not newest first.
 */
function checkedEntries(write: KeyedWrite, entries: IDataObject[], asked: number): IDataObject[] {
	const { ledger } = write;
	for (const entry of entries) {
		const foreign = ledger.foreign?.(entry);
		if (foreign) throw cannotCheck(write.api, write, foreign);
	}
	if (entries.length >= asked) {
		let newer: number | undefined;
		for (const [index, entry] of entries.entries()) {
			const at = ledger.recordedAt(entry);
			if (at === undefined) continue;
			if (newer !== undefined && at > newer + ORDER_TOLERANCE_MS)
				throw cannotCheck(
					write.api,
					write,
					`its entries are not listed newest first (entry ${index} is newer than one before it), so the newest ${asked} entries cannot be told`,
				);
			newer = newer === undefined ? at : Math.min(newer, at);
		}
	}
	return entries;
}

/**
 * After a write: when its answer is the entry it recorded, that entry must carry the key, or be found carrying it
 * among the ledger's newest entries; otherwise the vendor does not keep the text readable. Then no later keyed
 * write of this run relies on the check (each fails, nothing sent), and the item's output says so.
 */
async function checkWrittenEntry(
	write: KeyedWrite,
	memory: RunMemory,
	answer: IDataObject,
): Promise<string | undefined> {
	const { ledger, key } = write;
	const written = ledger.writtenEntry?.(answer);
	if (!written || written.texts.some((text) => textCarriesKey(text, key))) return undefined;
	let found: IDataObject | undefined;
	try {
		const entries = await ledger.read(Math.min(NEWEST_PAGE, ledger.window));
		found = entries.find(
			(entry) => written.id !== undefined && ledger.entryId(entry) === written.id,
		);
	} catch {
		found = undefined;
	}
	if (found && ledger.texts(found).some((text) => textCarriesKey(text, key))) return undefined;
	const why = `${write.vendor} recorded the write (${written.id ?? 'an entry without an ID'}) without the key's marker in any text the node reads back${found ? '' : ', and the entry is not among the newest of ' + ledger.name}`;
	memory.unreadable.set(ledger.id, why);
	return `Applied once, but ${why}: a retry could not find this key, so it is not protected. Later items with a key in this run were not sent.`;
}

function cannotCheck(api: ApiClient, write: KeyedWrite, reason: string): NodeOperationError {
	const error = new NodeOperationError(
		api.node,
		`Could not check the ${IDEMPOTENCY_KEY_FIELD} "${write.key}" in ${write.ledger.name}`,
		{
			itemIndex: write.itemIndex,
			description: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}${reason.endsWith('.') ? '' : '.'} Whether a write with this key was applied before is unknown, so nothing was sent. Run the item again later; if it keeps failing, check the ledger in ${write.vendor} by hand.`,
		},
	);
	return error;
}

function addNote<T>(error: T, note: string): T {
	const described = error as { description?: string | null };
	described.description = [described.description, note].filter(Boolean).join(' ');
	return error;
}
