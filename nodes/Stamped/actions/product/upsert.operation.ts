import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { createExactlyOnce, findRecord, updateRecord } from '../../transport/v3';
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
	const ownId = String(input.body.customProductId);
	const existing = await findRecord(api, 'product', 'customProductId', ownId, itemIndex, true);
	if (existing) {
		const found = { by: 'stampedId' as const, value: existing.id };
		return await updateRecord(api, 'product', found, input.body, itemIndex, true);
	}
	const created = await createExactlyOnce(api, 'product', input.body, itemIndex);
	return { ...created.record, ...describeOutcome('product', created) };
}

export const declaration = defineOperation({
	resource: 'product',
	operation: 'upsert',
	name: 'Create or Update',
	description:
		"Sync a product of your shop's catalogue: update the Stamped product with this product ID, or create it when there is none",
	action: 'Create or update a product',
	properties: createProperties,
	versions: {
		v3: { prepare, execute, subjectOf: productOf },
	},
});
