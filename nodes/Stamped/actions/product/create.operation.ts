import type { IExecuteFunctions } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { createExactlyOnce } from '../../transport/v3';
import { describeOutcome } from '../merchantRecord';
import type { ProductInput } from './fields';
import { createProperties, productOf, readProductInput } from './fields';

function prepare(this: IExecuteFunctions, itemIndex: number): ProductInput {
	return readProductInput(this, itemIndex);
}

/** `POST /merchant/shops/{shopId}/products`, exactly once (see `createExactlyOnce`). */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: ProductInput,
	itemIndex: number,
) {
	const created = await createExactlyOnce(api, 'product', input.body, itemIndex);
	return { ...created.record, ...describeOutcome('product', created) };
}

export const declaration = defineOperation({
	resource: 'product',
	operation: 'create',
	name: 'Create',
	description:
		"Add a product of your shop's catalogue to Stamped, under your own product ID; fails when Stamped already has that ID (use Create or Update for syncs)",
	action: 'Create a product',
	properties: createProperties,
	versions: {
		v3: { prepare, execute, subjectOf: productOf },
	},
});
