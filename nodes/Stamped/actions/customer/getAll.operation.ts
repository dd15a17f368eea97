import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { inputError, requireInteger, requireText, stringList } from '../../../core/validation';
import { idKey, readStampedList } from '../../transport/lists';
import { merchantPath } from '../../transport/v3';
import type { ListInput } from '../returnAllLimitConcurrency';
import { listProperties, readListInput } from '../returnAllLimitConcurrency';
import { onlyOn } from '../versions';

const properties: INodeProperties[] = [
	...listProperties(),
	onlyOn('v3', {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Which customers to return; customers must match every filter set',
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'jane@',
				default: '',
				description:
					'Only customers whose e-mail address begins with this text, e.g. "jane@" or a whole address',
			},
			{
				displayName: 'Max Points',
				name: 'pointsMax',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description: 'Only customers with at most this many points',
			},
			{
				displayName: 'Min Points',
				name: 'pointsMin',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 0 },
				description: 'Only customers with at least this many points',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag' },
				default: [],
				description:
					'Only customers with these tags. From an expression, a list or comma-separated text.',
			},
			{
				displayName: 'VIP Tier',
				name: 'vipTier',
				type: 'string',
				placeholder: 'Gold',
				default: '',
				description: 'Only customers in the VIP tier with this exact name',
			},
		],
	}),
];

/** The filters as v3's customer list takes them (`email`, `vipTier`, `pointsMin`, `pointsMax`, `tags`). */
type CustomerFilters = IDataObject;

interface CustomerListInput extends ListInput {
	filters: CustomerFilters;
}

const FILTER_LABELS: Record<string, string> = {
	email: 'Email',
	pointsMax: 'Max Points',
	pointsMin: 'Min Points',
	tags: 'Tags',
	vipTier: 'VIP Tier',
};

function readFilters(ctx: IExecuteFunctions, itemIndex: number): CustomerFilters {
	const node = ctx.getNode();
	const raw = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filters: CustomerFilters = {};
	// A filter added but left empty filters nothing, as in n8n's own nodes.
	const given = (name: string) => raw[name] !== undefined && raw[name] !== null && raw[name] !== '';
	for (const name of ['email', 'vipTier']) {
		if (given(name)) filters[name] = requireText(node, raw[name], FILTER_LABELS[name], itemIndex);
	}
	for (const name of ['pointsMin', 'pointsMax']) {
		if (given(name)) {
			filters[name] = requireInteger(node, raw[name], FILTER_LABELS[name], itemIndex, {
				min: 0,
				max: Number.MAX_SAFE_INTEGER,
			});
		}
	}
	if (
		filters.pointsMin !== undefined &&
		filters.pointsMax !== undefined &&
		(filters.pointsMin as number) > (filters.pointsMax as number)
	) {
		throw inputError(
			node,
			'Max Points',
			itemIndex,
			`${String(filters.pointsMax)} is less than Min Points (${String(filters.pointsMin)})`,
		);
	}
	if (given('tags')) {
		const tags = stringList(node, raw.tags, 'Tags', itemIndex);
		if (tags.length > 0) filters.tags = tags;
	}
	return filters;
}

function prepareV3(this: IExecuteFunctions, itemIndex: number): CustomerListInput {
	return { ...readListInput(this, itemIndex), filters: readFilters(this, itemIndex) };
}

function prepareV2(this: IExecuteFunctions, itemIndex: number): ListInput {
	const set = Object.keys(readFilters(this, itemIndex));
	// v2's customer list takes no filters: sending them would return every customer as if they matched.
	if (set.length > 0) {
		throw inputError(
			this.getNode(),
			'Filters',
			itemIndex,
			`${set.map((name) => FILTER_LABELS[name]).join(', ')} can only be used with Stamped API v3, but the credential is for Stamped API v2, whose customer list cannot be filtered`,
		);
	}
	return readListInput(this, itemIndex);
}

/** One output item per customer, in Stamped's order; a customer is never output twice. */
async function executeV3(
	this: IExecuteFunctions,
	api: ApiClient,
	input: CustomerListInput,
	itemIndex: number,
) {
	return await readStampedList(api, {
		path: merchantPath(api, '/customers'),
		qs: input.filters,
		wanted: input,
		concurrency: input.concurrency,
		key: (customer) => idKey(customer.customerId),
		itemIndex,
	});
}

/** One output item per customer, read `concurrency` pages at a time once the total is known; never twice. */
async function executeV2(
	this: IExecuteFunctions,
	api: ApiClient,
	input: ListInput,
	itemIndex: number,
) {
	return await readStampedList(api, {
		path: '/customers',
		wanted: input,
		concurrency: input.concurrency,
		key: (customer) => String(customer.email ?? '').toLowerCase(),
		itemIndex,
	});
}

export const declaration = defineOperation({
	resource: 'customer',
	operation: 'getAll',
	name: 'Get Many',
	description:
		'List customers with their points, tier and totals; on Loyalty 2.0 (API v3), optionally only those matching filters (e-mail beginning, VIP tier, points range, tags)',
	action: 'Get many customers',
	properties,
	versions: {
		v2: { prepare: prepareV2, execute: executeV2 },
		v3: { prepare: prepareV3, execute: executeV3 },
	},
});
