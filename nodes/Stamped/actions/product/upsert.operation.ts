import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemRunner } from '../../../core/operation';
import { itemByItem } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { mayHaveBeenApplied } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import type { Catalogue } from '../../transport/catalogue';
import { readCatalogue } from '../../transport/catalogue';
import { createExactlyOnce, findRecord, updateIfPresent, updateRecord } from '../../transport/v3';
import { describeOutcome } from '../merchantRecord';
import type { ProductInput } from './fields';
import { createProperties, productOf, readProductInput } from './fields';

function prepare(this: IExecuteFunctions, itemIndex: number): ProductInput {
	return readProductInput(this, itemIndex);
}

/**
 * Looks the product up by `customProductId`: found, it is updated (`PATCH products/{productId}`, the same fields
 * sent again leave it as once, so that call is retried like a read); not found (404), it is created exactly once.
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: ProductInput,
	itemIndex: number,
) {
	return await lookUpAndWrite(api, input, itemIndex);
}

async function lookUpAndWrite(api: ApiClient, input: ProductInput, itemIndex: number) {
	const ownId = String(input.body.customProductId);
	const existing = await findRecord(api, 'product', 'customProductId', ownId, itemIndex, true);
	if (existing) {
		const found = { by: 'stampedId' as const, value: existing.id };
		return await updateRecord(api, 'product', found, input.body, itemIndex, true);
	}
	const created = await createExactlyOnce(api, 'product', input.body, itemIndex);
	return { ...created.record, ...describeOutcome('product', created) };
}

/**
 * The product written as the catalogue read for this run says: updated where it holds the product, created
 * (exactly once) where it proves it absent, looked up first where it cannot tell. Its answers are as old as the
 * read, so a product deleted since (Stamped's own not-found on the update) is looked up and written as one item
 * alone would be, and so is one created since by someone else when Stamped refuses the create (a 4xx): nothing
 * was created then, so the lookup finds that product and updates it.
 */
async function writeByCatalogue(
	api: ApiClient,
	input: ProductInput,
	itemIndex: number,
	catalogue: Catalogue,
): Promise<IDataObject> {
	const ownId = String(input.body.customProductId);
	const known = catalogue.answer(ownId);
	// Until the write has answered, this product's state is not what the catalogue says.
	catalogue.forget(ownId);
	if (known.state === 'present') {
		const updated = await updateIfPresent(api, 'product', known.id, input.body, itemIndex);
		if (updated) {
			catalogue.holds(ownId, updated);
			return updated;
		}
	}
	const written =
		known.state === 'absent'
			? await createOrFindCreatedMeanwhile(api, input, itemIndex)
			: await lookUpAndWrite(api, input, itemIndex);
	catalogue.holds(ownId, written);
	return written;
}

/** A create the catalogue said was safe; refused outright (a 4xx), the product may have been created since. */
async function createOrFindCreatedMeanwhile(
	api: ApiClient,
	input: ProductInput,
	itemIndex: number,
): Promise<IDataObject> {
	let refusal: unknown;
	try {
		const created = await createExactlyOnce(api, 'product', input.body, itemIndex);
		return { ...created.record, ...describeOutcome('product', created) };
	} catch (error) {
		refusal = error;
	}
	const status = Number((refusal as { httpCode?: string }).httpCode);
	const refusedOutright = !mayHaveBeenApplied(refusal) && status >= 400 && status < 500;
	if (!refusedOutright || status === 429) throw refusal;
	const ownId = String(input.body.customProductId);
	const existing = await findRecord(api, 'product', 'customProductId', ownId, itemIndex, true);
	if (!existing) throw refusal;
	const found = { by: 'stampedId' as const, value: existing.id };
	return await updateRecord(api, 'product', found, input.body, itemIndex, true);
}

/**
 * Items run as `execute` runs them one by one (four products at a time, items on one product in order); when a
 * run syncs enough products, the catalogue is read once first and replaces the lookup of each (see
 * `readCatalogue`), which cannot be read whole falls back to the lookups.
 */
const runItems: ItemRunner<ProductInput> = async function (items, openApi, stopAtFailure) {
	let catalogue: Catalogue | undefined;
	try {
		catalogue = await readCatalogue(
			await openApi(),
			'product',
			items.map(({ input }) => productOf(input)),
		);
	} catch {
		catalogue = undefined; // the items meet the same error, each on its own
	}
	const run = itemByItem<ProductInput>({
		execute: async (api, input, itemIndex) =>
			catalogue
				? await writeByCatalogue(api, input, itemIndex, catalogue)
				: await lookUpAndWrite(api, input, itemIndex),
		subjectOf: productOf,
	});
	return await run.call(this, items, openApi, stopAtFailure);
};

export const declaration = defineOperation({
	resource: 'product',
	operation: 'upsert',
	name: 'Create or Update',
	description:
		"Sync a product of your shop's catalogue: update the Stamped product with this product ID, or create it when there is none",
	action: 'Create or update a product',
	properties: createProperties,
	versions: {
		v3: { prepare, execute, subjectOf: productOf, runItems },
	},
});
