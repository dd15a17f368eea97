import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { requireText, stringList } from '../../../core/validation';
import { readStampedList } from '../../transport/lists';
import { merchantRecordPath, recordIdOf } from '../../transport/v3';
import { readFields } from '../merchantRecord';
import type { ListInput } from '../returnAllLimitConcurrency';
import { listProperties, readListInput } from '../returnAllLimitConcurrency';

/** The filters the reference declares for the product list, each sent as its own query parameter. */
const TEXT_FILTERS: Array<{
	name: string;
	displayName: string;
	description: string;
	placeholder: string;
}> = [
	{
		name: 'handle',
		displayName: 'Handle',
		description: 'Only the product with this URL handle',
		placeholder: 'espresso-beans',
	},
	{
		name: 'publishedScope',
		displayName: 'Published Scope',
		description: 'Only products published there, e.g. web',
		placeholder: 'web',
	},
	{
		name: 'status',
		displayName: 'Status',
		description: 'Only products in this status, e.g. active',
		placeholder: 'active',
	},
	{
		name: 'title',
		displayName: 'Title',
		description: 'Only products whose title matches this text',
		placeholder: 'Espresso',
	},
	{
		name: 'type',
		displayName: 'Type',
		description: 'Only products of this type',
		placeholder: 'Coffee',
	},
	{
		name: 'vendor',
		displayName: 'Vendor',
		description: 'Only products of this vendor',
		placeholder: 'Roastery',
	},
];

const properties: INodeProperties[] = [
	...listProperties(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Which products to return; products must match every filter set',
		options: [
			...TEXT_FILTERS.map(
				({ name, displayName, description, placeholder }): INodeProperties => ({
					displayName,
					name,
					type: 'string',
					default: '',
					placeholder,
					description,
				}),
			),
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string' as const,
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' },
				default: [],
				description:
					'Only products with these tags. From an expression, a list or comma-separated text.',
			},
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

interface ProductListInput {
	list: ListInput;
	filters: IDataObject;
}

function prepare(this: IExecuteFunctions, itemIndex: number): ProductListInput {
	const node = this.getNode();
	const given = readFields(this, 'filters', 'Filters', itemIndex, [
		...TEXT_FILTERS.map((filter) => filter.name),
		'tags',
	]);
	const filters: IDataObject = {};
	for (const { name, displayName } of TEXT_FILTERS) {
		const value = given[name];
		if (value === undefined || value === null || value === '') continue;
		filters[name] = requireText(node, value, displayName, itemIndex);
	}
	if (given.tags !== undefined) {
		const tags = stringList(node, given.tags, 'Tags', itemIndex);
		if (tags.length > 0) filters.tags = tags;
	}
	return { list: readListInput(this, itemIndex), filters };
}

/** One output item per product (`GET /merchant/shops/{shopId}/products`, paged by `morePages`). */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: ProductListInput,
	itemIndex: number,
) {
	return await readStampedList(api, {
		path: merchantRecordPath(api, 'product'),
		qs: input.filters,
		wanted: input.list,
		concurrency: input.list.concurrency,
		key: (record) => recordIdOf('product', record),
		itemIndex,
	});
}

export const declaration = defineOperation({
	resource: 'product',
	operation: 'getAll',
	name: 'Get Many',
	description:
		'List the products Stamped holds for the shop, optionally filtered by title, vendor, type, handle, status, published scope or tags',
	action: 'Get many products',
	properties,
	versions: {
		v3: { prepare, execute },
	},
});
