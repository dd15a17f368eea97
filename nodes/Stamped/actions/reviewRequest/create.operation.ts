import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import {
	requireCurrency,
	requireEmail,
	requireIsoDate,
	requireNumber,
	requireText,
} from '../../../core/validation';
import { describeAnswer } from '../../../core/operation';
import { inBatches } from '../batches';
import { itemsProperty, localeCode, phoneNumber, readItems, shortText } from '../orderItems';

/** Orders sent in one request at most; the endpoint takes a list. */
export const ORDERS_PER_REQUEST = 100;

const NOT_QUEUED_REASON =
	'Stamped did not queue this order, most often because a review request for this order number was sent before (Stamped sends one per order number)';
const UNKNOWN_REASON =
	"The first request for this batch failed in a way that leaves open whether Stamped acted on it (a server error, a timeout or a dropped connection), and the retry's answer does not list this order: Stamped may have queued it on the first attempt, or it was sent before. Check the order in Stamped before sending it again.";

const properties: INodeProperties[] = [
	{
		displayName:
			'Many input items are sent together, up to 100 orders per request. Safe to run again, so it needs no Idempotency Key: Stamped ignores an order number it has seen, and reports it here as not queued.',
		name: 'reviewRequestNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: "The buyer's e-mail address, where Stamped sends the review request",
	},
	{
		displayName: 'Order Number',
		name: 'orderNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1042',
		description: 'The order number; Stamped sends one review request per order number',
	},
	itemsProperty('The products to ask about'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Details of the order and the buyer',
		options: [
			{
				displayName: 'Currency',
				name: 'orderCurrencyISO',
				type: 'string',
				default: '',
				placeholder: 'EUR',
				description: "The order's currency, an ISO 4217 code",
			},
			{
				displayName: 'Customer ID',
				name: 'customerId',
				type: 'string',
				default: '',
				description:
					"The buyer's customer ID in your store (sent as customerId, as Stamped's Magento plugin does)",
			},
			{
				displayName: 'First Name',
				name: 'firstName',
				type: 'string',
				default: '',
				description: "The buyer's first name, used in the e-mail",
			},
			{
				displayName: 'Last Name',
				name: 'lastName',
				type: 'string',
				default: '',
				description: "The buyer's last name",
			},
			{
				displayName: 'Locale',
				name: 'locale',
				type: 'string',
				default: '',
				placeholder: 'en',
				description:
					"The buyer's language, e.g. en or de-DE, for the language of the review request e-mail",
			},
			{
				displayName: 'Location',
				name: 'location',
				type: 'string',
				default: '',
				description: 'Where the buyer lives, e.g. a city and country',
			},
			{
				displayName: 'Order Date',
				name: 'orderDate',
				type: 'dateTime',
				default: '',
				description: 'When the order was placed (ISO 8601)',
			},
			{
				displayName: 'Order ID',
				name: 'orderId',
				type: 'string',
				default: '',
				description: "The order's ID in your store, if it differs from the order number",
			},
			{
				displayName: 'Order Source',
				name: 'orderSource',
				type: 'string',
				default: '',
				placeholder: 'shopify',
				description: 'Where the order came from',
			},
			{
				displayName: 'Order Total',
				name: 'orderTotalPrice',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: "The order's total",
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: '+49 30 1234567',
				description: "The buyer's phone number (sent as phoneNumber)",
			},
			{
				displayName: 'Send At',
				name: 'dateScheduled',
				type: 'dateTime',
				default: '',
				description:
					"When Stamped sends the review request e-mail (ISO 8601); Stamped's own delay applies when empty",
			},
		],
	},
];

interface OrderInput {
	order: IDataObject;
}

/** A date or date-time as ISO 8601 text, checked to be a real date. */
function dateTime(
	ctx: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	requireIsoDate(ctx.getNode(), value, field, itemIndex);
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'string') return value.trim();
	return String((value as { toISO(): string }).toISO());
}

function prepare(this: IExecuteFunctions, itemIndex: number): OrderInput {
	const node = this.getNode();
	const order: IDataObject = {
		email: requireEmail(node, this.getNodeParameter('email', itemIndex), 'Email', itemIndex),
		orderNumber: requireText(
			node,
			this.getNodeParameter('orderNumber', itemIndex),
			'Order Number',
			itemIndex,
		),
		itemsList: readItems(this, itemIndex),
	};
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const given = (name: string) =>
		fields[name] !== undefined && fields[name] !== '' && fields[name] !== null;
	for (const name of ['firstName', 'lastName', 'orderId', 'orderSource', 'location']) {
		if (given(name)) order[name] = requireText(node, fields[name], name, itemIndex);
	}
	if (given('customerId'))
		order.customerId = shortText(this, fields.customerId, 'Customer ID', itemIndex, 100);
	if (given('phone')) order.phoneNumber = phoneNumber(this, fields.phone, itemIndex);
	if (given('locale')) order.locale = localeCode(this, fields.locale, itemIndex);
	if (given('orderCurrencyISO'))
		order.orderCurrencyISO = requireCurrency(node, fields.orderCurrencyISO, 'Currency', itemIndex);
	if (given('orderTotalPrice'))
		order.orderTotalPrice = requireNumber(node, fields.orderTotalPrice, 'Order Total', itemIndex, {
			min: 0,
		});
	if (given('orderDate'))
		order.orderDate = dateTime(this, fields.orderDate, 'Order Date', itemIndex);
	if (given('dateScheduled'))
		order.dateScheduled = dateTime(this, fields.dateScheduled, 'Send At', itemIndex);
	return { order };
}

/** The entries of what Stamped queued: a list, or a list under the usual keys; an empty answer queued nothing. */
function queuedEntries(
	api: ApiClient,
	answer: unknown,
	sent: number,
	itemIndex: number,
): IDataObject[] {
	if (answer === undefined || answer === null || answer === '') return [];
	const list = Array.isArray(answer)
		? answer
		: typeof answer === 'object'
			? ['results', 'data', 'items'].map((key) => (answer as IDataObject)[key]).find(Array.isArray)
			: undefined;
	if (!Array.isArray(list)) {
		throw new NodeOperationError(
			api.node,
			`Stamped answered the review requests for ${sent} orders with something unexpected`,
			{
				itemIndex,
				description: `Expected the list of queued orders, got ${describeAnswer(answer)}. The orders may have been queued: running them again is safe (Stamped ignores order numbers it has seen).`,
			},
		);
	}
	return list.filter(
		(entry): entry is IDataObject =>
			entry !== null && typeof entry === 'object' && !Array.isArray(entry),
	);
}

/**
 * One request for up to 100 orders. Each queued entry Stamped answers is matched to the first order sent with
 * its order number (or by position, when the entries carry none and all were queued); an order left unmatched
 * was not queued, which is not an error.
 */
async function sendBatch(
	this: IExecuteFunctions,
	api: ApiClient,
	inputs: OrderInput[],
	itemIndexes: number[],
) {
	const orders = inputs.map((input) => input.order);
	let resent = false;
	const answer = await api.request({
		method: 'POST',
		path: '/survey/reviews/bulk',
		body: orders,
		// Stamped de-duplicates by order number, so a re-sent batch queues nothing twice.
		idempotent: true,
		itemIndex: itemIndexes[0],
		// ...but its answer then lists only what the retry queued, not what the first attempt may have.
		onResentAfterAmbiguousFailure: () => (resent = true),
	});
	const entries = queuedEntries(api, answer, orders.length, itemIndexes[0]);
	const matched: Array<IDataObject | undefined> = new Array(orders.length);
	const numbered = entries.every(
		(entry) => entry.orderNumber !== undefined && entry.orderNumber !== null,
	);
	if (numbered) {
		for (const entry of entries) {
			const position = orders.findIndex(
				(order, index) =>
					matched[index] === undefined && String(order.orderNumber) === String(entry.orderNumber),
			);
			if (position >= 0) matched[position] = entry;
		}
	} else if (entries.length === orders.length) {
		entries.forEach((entry, position) => (matched[position] = entry));
	} else {
		const error = new NodeOperationError(
			api.node,
			`Stamped queued ${entries.length} of ${orders.length} orders without saying which`,
			{
				description:
					'Its answer names no order numbers. Running these items again is safe: Stamped ignores order numbers it has seen.',
			},
		);
		return orders.map(() => error);
	}
	// `outcome` is what a workflow branches on: queued, notQueued, or unknown (after an ambiguous first attempt,
	// when `queued` is null rather than a false "sent before").
	return orders.map((order, position) => {
		const base = { orderNumber: order.orderNumber, email: order.email };
		const entry = matched[position];
		if (entry) return { ...entry, ...base, queued: true, outcome: 'queued' };
		return resent
			? { ...base, queued: null, outcome: 'unknown', reason: UNKNOWN_REASON }
			: { ...base, queued: false, outcome: 'notQueued', reason: NOT_QUEUED_REASON };
	});
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: OrderInput,
	itemIndex: number,
) {
	const [result] = await sendBatch.call(this, api, [input], [itemIndex]);
	if (result instanceof Error) throw result;
	return result;
}

export const declaration = defineOperation({
	resource: 'reviewRequest',
	operation: 'create',
	name: 'Create',
	description:
		"Ask a buyer to review the products of an order: queues Stamped's review request e-mail for the order (once per order number)",
	action: 'Create a review request',
	properties,
	versions: {
		v2: { prepare, execute, runItems: inBatches(ORDERS_PER_REQUEST, sendBatch) },
	},
});
