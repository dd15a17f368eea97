/**
 * stemp's ledgers, as the Idempotency Key check reads them: a pass's stamp history and points history (newest
 * first, the key in each entry's `note`), through the paged list reader every Get History uses.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Ledger } from '../../core/idempotency';
import { idempotencyKeyOptions, NEWEST_PAGE, writeOnce } from '../../core/idempotency';
import type { ApiClient } from '../../core/request';
import { readStempList, stampsPath } from '../transport';
import { pointsPath } from './points/common';

/**
 * Entries read back: a pass's last 100 entries of the history the write adds to, one request (stemp's largest
 * page). A pass gains an entry per visit or order, so 100 reach back months for a customer, far further than a
 * retried execution; a bulk run of more than 100 keyed writes on one pass is the exception (see the docs).
 */
export const STEMP_KEY_WINDOW = NEWEST_PAGE;

const HISTORY = {
	stamps: { name: 'stamp history', path: (pass: string) => stampsPath(pass, 'history') },
	points: { name: 'points history', path: (pass: string) => pointsPath(pass, 'history') },
} as const;

/** The Options > Idempotency Key of a write that adds to a pass's `history` (Stamp > Add, Points > Add). */
export function stempKeyOptions(history: keyof typeof HISTORY) {
	return idempotencyKeyOptions({
		window: `the last ${STEMP_KEY_WINDOW} entries of the pass's ${HISTORY[history].name}`,
		where: 'the note',
	});
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** A pass's stamp or points history as a ledger. */
export function stempLedger(
	api: ApiClient,
	walletPassId: string,
	history: keyof typeof HISTORY,
	itemIndex: number,
): Ledger {
	const { name, path } = HISTORY[history];
	return {
		name: `the ${name} of wallet pass "${walletPassId}"`,
		id: `${history}:${walletPassId}`,
		window: STEMP_KEY_WINDOW,
		read: async (limit) =>
			await readStempList(api, path(walletPassId), { returnAll: false, limit }, itemIndex),
		entryId: (entry) => text(entry.id),
		texts: (entry) => [entry.note],
		recordedAt: (entry: IDataObject) => {
			const at = Date.parse(text(entry.createdAt) ?? '');
			return Number.isNaN(at) ? undefined : at;
		},
		// Every entry of the file's history names its pass: one of another pass means stemp answered for another.
		foreign: (entry) =>
			entry.walletPassId !== undefined && String(entry.walletPassId) !== walletPassId
				? `it holds an entry of wallet pass ${JSON.stringify(entry.walletPassId)}, not of "${walletPassId}"`
				: undefined,
	};
}

/**
 * A write that adds an entry to a pass's `history` (Stamp > Add, Points > Add): sent as it is without an
 * Idempotency Key; with one, once (see `writeOnce`), an item not written outputting `current()`, the card as it
 * is now.
 */
export async function addToHistory(
	api: ApiClient,
	history: keyof typeof HISTORY,
	input: { walletPassId: string; idempotencyKey?: string },
	itemIndex: number,
	write: () => Promise<IDataObject>,
	current: () => Promise<IDataObject>,
): Promise<IDataObject> {
	if (input.idempotencyKey === undefined) return await write();
	return await writeOnce({
		api,
		key: input.idempotencyKey,
		itemIndex,
		vendor: 'stemp',
		ledger: stempLedger(api, input.walletPassId, history, itemIndex),
		write,
		current,
	});
}
