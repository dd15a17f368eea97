/**
 * A shop's catalogue as Stamped holds it, read once for a run that syncs many products: it answers for each
 * product ID of the shop (`customProductId`) what a lookup would, without a request per product. It answers only
 * what a complete read proves: a product held once under exactly that ID is there; an ID no product holds, nor
 * anything a loose lookup could take for it, is absent; anything else (two products under one ID, one whose ID
 * differs only in letter case, spaces or by what follows it) is left to the per-product lookup.
 */
import type { IDataObject } from 'n8n-workflow';

import { keyText } from '../../core/match';
import { MAX_PAGE_SIZE } from '../../core/paging';
import type { ApiClient } from '../../core/request';
import { readStampedList } from './lists';
import type { MerchantRecordKind } from './v3';
import { MERCHANT_RECORDS, merchantRecordPath, recordIdOf } from './v3';

/** What the catalogue says of one ID: the record under it, proven absent, or unknown (ask Stamped). */
export type CatalogueAnswer =
	| { state: 'present'; id: string }
	| { state: 'absent' }
	| { state: 'unknown' };

/** Distinct IDs from which a run reads the catalogue instead of looking each one up. */
export const CATALOGUE_FROM_IDS = 4;
/** Pages of the catalogue read at most per ID asked: beyond, the lookups cost fewer requests. */
const IDS_PER_PAGE = 4;

/** How an ID compares loosely: what a lenient lookup would not tell apart. */
const loose = (id: string) => id.trim().toLowerCase();

export class Catalogue {
	/** The records under each exact ID. */
	private readonly byId = new Map<string, Array<string | undefined>>();
	/** Every ID held, compared loosely, sorted (to find one that begins with another). */
	private readonly looseIds: string[];
	/** IDs whose state this run changed in a way the read cannot tell (a write whose outcome is unknown). */
	private readonly unsure = new Set<string>();

	constructor(
		private readonly kind: MerchantRecordKind,
		records: IDataObject[],
	) {
		const { ownIdField } = MERCHANT_RECORDS[kind];
		for (const record of records) {
			const id = keyText(record, ownIdField);
			if (id === undefined) continue;
			this.byId.set(id, [...(this.byId.get(id) ?? []), recordIdOf(kind, record)]);
		}
		this.looseIds = [...new Set([...this.byId.keys()].map(loose))].sort();
	}

	/** What the catalogue proves about the record under `id` (exactly, see `sameKey`). */
	answer(id: string): CatalogueAnswer {
		if (this.unsure.has(id)) return { state: 'unknown' };
		const held = this.byId.get(id);
		if (held) {
			return held.length === 1 && held[0] !== undefined
				? { state: 'present', id: held[0] }
				: { state: 'unknown' };
		}
		return this.looksLikeOneHeld(id) ? { state: 'unknown' } : { state: 'absent' };
	}

	/** This run created or found the record under `id`: later items on it update that one. */
	holds(id: string, record: IDataObject): void {
		const stampedId = recordIdOf(this.kind, record);
		if (stampedId === undefined) return this.forget(id);
		this.unsure.delete(id);
		this.byId.set(id, [stampedId]);
	}

	/** A write on `id` ended in a way that leaves its state unknown: later items on it look it up. */
	forget(id: string): void {
		this.unsure.add(id);
	}

	/** Whether an ID held equals `id` but for letter case and spaces, or begins with it so. */
	private looksLikeOneHeld(id: string): boolean {
		const wanted = loose(id);
		let low = 0;
		let high = this.looseIds.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (this.looseIds[middle] < wanted) low = middle + 1;
			else high = middle;
		}
		return low < this.looseIds.length && this.looseIds[low].startsWith(wanted);
	}
}

/**
 * The catalogue of `kind` read whole, when `ids` (the distinct IDs a run syncs) are enough to make it pay: from
 * CATALOGUE_FROM_IDS IDs, and at most one page of 100 per IDS_PER_PAGE IDs. Undefined when it does not pay, is
 * larger than that, or cannot be read completely (any error): the run then looks each record up, as one item
 * alone would. Never a reason to create: only a complete read is taken as proof of absence.
 */
export async function readCatalogue(
	api: ApiClient,
	kind: MerchantRecordKind,
	ids: readonly string[],
): Promise<Catalogue | undefined> {
	const distinct = new Set(ids).size;
	if (distinct < CATALOGUE_FROM_IDS) return undefined;
	const most = Math.floor(distinct / IDS_PER_PAGE) * MAX_PAGE_SIZE;
	try {
		const records = await readStampedList(api, {
			path: merchantRecordPath(api, kind),
			// One record more than allowed: reading it shows the catalogue is larger.
			wanted: { returnAll: false, limit: most + 1 },
			key: (record) => recordIdOf(kind, record),
		});
		return records.length > most ? undefined : new Catalogue(kind, records);
	} catch {
		return undefined;
	}
}
