/**
 * The benchmark's workflows, both sides of every scenario: this package's node, and what a competent n8n user
 * builds without it (n8n's HTTP Request node with its Pagination, Batching, Retry On Fail and Continue On Fail
 * settings, generic HTTP credentials holding the same keys). Every action workflow starts from a Webhook node
 * that answers at once, so the benchmark starts production executions in a running n8n; per-item scenarios
 * send their items in that delivery's body, split into items by a Split Out node on both sides.
 */
import { MAX_PAGE_SIZE } from '../nodes/core/paging';
import type { Sandbox } from '../e2e/src/sandbox';
import type { NodeSpec, WorkflowJson } from '../e2e/tests/support/workflows';
import {
	chainWorkflow,
	stamped,
	stampedV3,
	stemp,
	vendorTriggerWorkflow,
} from '../e2e/tests/support/workflows';
import { SANDBOX_KEYS } from '../test/fake-api/sandbox';

/** The generic credentials the HTTP Request nodes use: the sandbox's own keys. */
const BASIC_AUTH = { id: 'benchStampedBasicAuth', name: 'Stamped sandbox (Basic Auth)' };
const BEARER_AUTH = { id: 'benchStempBearerAuth', name: 'stemp sandbox (Bearer Auth)' };
/** Stamped API v3's key, in the header the reference declares (`stamped-api-key`). */
const V3_HEADER_AUTH = { id: 'benchStampedV3HeaderAuth', name: 'Stamped v3 sandbox (Header Auth)' };
/** What a Webhook node checks a Stamped delivery with: the secret Stamped sends verbatim in a header. */
const HEADER_AUTH = {
	id: 'benchStampedWebhookHeaderAuth',
	name: 'Stamped webhook secret (Header Auth)',
};

export function httpCredentials(): object[] {
	return [
		{
			...BASIC_AUTH,
			type: 'httpBasicAuth',
			data: { user: SANDBOX_KEYS.stamped.publicKey, password: SANDBOX_KEYS.stamped.privateKey },
		},
		{ ...BEARER_AUTH, type: 'httpBearerAuth', data: { token: SANDBOX_KEYS.stemp.apiToken } },
		{
			...V3_HEADER_AUTH,
			type: 'httpHeaderAuth',
			data: { name: 'stamped-api-key', value: SANDBOX_KEYS.stampedV3.privateKey },
		},
		{
			...HEADER_AUTH,
			type: 'httpHeaderAuth',
			data: { name: 'X-Stamped-Webhook-Secret', value: SANDBOX_KEYS.stampedWebhookSecret },
		},
	];
}

/** The page size of the package's exports, which the HTTP Request side uses too. */
export const PAGE_SIZE = MAX_PAGE_SIZE;

type NodeSettings = Pick<NodeSpec, 'retryOnFail' | 'maxTries' | 'waitBetweenTries' | 'onError'>;

/** n8n's own defaults when Batching is added to an HTTP Request node: 50 items per batch, a batch a second. */
export const HTTP_BATCH = { batchSize: 50, batchInterval: 1000 };
/** Retry On Fail as a user expecting 429s sets it: n8n's most patient values (5 tries, 5 s apart). */
export const HTTP_RETRY_EXPORT: NodeSettings = {
	retryOnFail: true,
	maxTries: 5,
	waitBetweenTries: 5000,
};
/** Retry On Fail at n8n's defaults (3 tries, 1 s apart), for per-item writes. */
export const HTTP_RETRY_WRITES: NodeSettings = {
	retryOnFail: true,
	maxTries: 3,
	waitBetweenTries: 1000,
};
/** Continue On Fail: a failed item becomes an item carrying the error, the others go on. */
const CONTINUE_ON_FAIL: NodeSettings = { onError: 'continueRegularOutput' };

/** One side of a scenario: its workflow, and the nodes whose execution time is its time. */
export interface Side {
	label: string;
	workflow: WorkflowJson;
	/** Summed: an HTTP Request node needs a Split Out after it to give one item per record. */
	measuredNodes: string[];
	/** The node whose output items are the side's result (records out, failed items). */
	outputNode: string;
}

/** A webhook answering at once, so the execution runs on after the benchmark's delivery was answered. */
function start(path: string): NodeSpec {
	return {
		name: 'Start',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: `bench-${path}`,
		parameters: {
			httpMethod: 'POST',
			path: `bench-${path}`,
			responseMode: 'onReceived',
			responseData: 'noData',
			options: {},
		},
	};
}

function splitOut(name: string, field: string): NodeSpec {
	return {
		name,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		parameters: { fieldToSplitOut: field, include: 'noOtherFields', options: {} },
	};
}

/** The items a per-item scenario sends in the trigger's body (`{items: [...]}`), one item each. */
const ONE_ITEM_EACH = splitOut('One item each', 'body.items');

function httpRequest(
	name: string,
	parameters: Record<string, unknown>,
	settings: NodeSettings,
	credential: 'basic' | 'bearer' | 'v3Header',
): NodeSpec {
	const [type, ref] =
		credential === 'basic'
			? ['httpBasicAuth', BASIC_AUTH]
			: credential === 'bearer'
				? ['httpBearerAuth', BEARER_AUTH]
				: ['httpHeaderAuth', V3_HEADER_AUTH];
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: { authentication: 'genericCredentialType', genericAuthType: type, ...parameters },
		credentials: { [type]: { ...ref } },
		...settings,
	};
}

function side(label: string, id: string, nodes: NodeSpec[], measuredNodes: string[]): Side {
	const workflow = chainWorkflow(id, `bench: ${label}`, [start(id), ...nodes]);
	return { label, workflow, measuredNodes, outputNode: measuredNodes[measuredNodes.length - 1] };
}

export interface ScenarioSides {
	ours: Side;
	theirs: Side;
}

/** Ours for the export: every Stamped customer, Return All with the default concurrency. */
export const OUR_EXPORT = side(
	'Stamped, Get Many customers, Return All',
	'export-ours',
	[stamped('Stamped', { resource: 'customer', operation: 'getAll', returnAll: true })],
	['Stamped'],
);

/** Ours for the upserts: one customer create-or-update per item of the delivery's `items`. */
export const OUR_UPSERT = side(
	'Stamped, Create or Update customer',
	'upsert-ours',
	[
		ONE_ITEM_EACH,
		stamped('Stamped', {
			resource: 'customer',
			operation: 'upsert',
			email: '={{ $json.email }}',
			additionalFields: { firstName: '={{ $json.firstName }}' },
		}),
	],
	['Stamped'],
);

/** Every Stamped customer: Return All with the default concurrency, or paginated HTTP requests and a Split Out. */
export function exportSides(sandbox: Pick<Sandbox, 'stampedUrl'>): ScenarioSides {
	const ours = OUR_EXPORT;
	const theirs = side(
		'HTTP Request with Pagination, then Split Out',
		'export-theirs',
		[
			httpRequest(
				'HTTP Request',
				{
					method: 'GET',
					url: `${sandbox.stampedUrl}/${SANDBOX_KEYS.stamped.storeHash}/customers`,
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'limit', value: String(PAGE_SIZE) }] },
					options: {
						pagination: {
							pagination: {
								paginationMode: 'updateAParameterInEachRequest',
								parameters: {
									parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }],
								},
								paginationCompleteWhen: 'other',
								completeExpression: `={{ $response.body.data.length < ${PAGE_SIZE} }}`,
							},
						},
					},
				},
				HTTP_RETRY_EXPORT,
				'basic',
			),
			splitOut('Split Out', 'data'),
		],
		['HTTP Request', 'Split Out'],
	);
	return { ours, theirs };
}

/** One customer create-or-update per item (`{email, firstName}`). */
export function upsertSides(sandbox: Pick<Sandbox, 'stampedUrl'>): ScenarioSides {
	const ours = OUR_UPSERT;
	const theirs = side(
		'HTTP Request with Batching and Retry On Fail',
		'upsert-theirs',
		[
			ONE_ITEM_EACH,
			httpRequest(
				'HTTP Request',
				{
					method: 'POST',
					url: `${sandbox.stampedUrl}/${SANDBOX_KEYS.stamped.storeHash}/customers`,
					sendBody: true,
					contentType: 'json',
					specifyBody: 'keypair',
					bodyParameters: {
						parameters: [
							{ name: 'email', value: '={{ $json.email }}' },
							{ name: 'firstName', value: '={{ $json.firstName }}' },
						],
					},
					options: { batching: { batch: HTTP_BATCH } },
				},
				HTTP_RETRY_WRITES,
				'basic',
			),
		],
		['HTTP Request'],
	);
	return { ours, theirs };
}

/**
 * A review request per order (`{email, orderNumber, items}`): ours batches up to 100 orders per request; theirs
 * sends each order as a one-entry array, with Batching and Retry On Fail (safe here: Stamped de-duplicates).
 */
export function reviewRequestSides(sandbox: Pick<Sandbox, 'stampedUrl'>): ScenarioSides {
	const ours = side(
		'Stamped, Create review request',
		'reviewRequests-ours',
		[
			ONE_ITEM_EACH,
			stamped('Stamped', {
				resource: 'reviewRequest',
				operation: 'create',
				email: '={{ $json.email }}',
				orderNumber: '={{ $json.orderNumber }}',
				items: '={{ $json.items }}',
			}),
		],
		['Stamped'],
	);
	const theirs = side(
		'HTTP Request with Batching and Retry On Fail',
		'reviewRequests-theirs',
		[
			ONE_ITEM_EACH,
			httpRequest(
				'HTTP Request',
				{
					method: 'POST',
					url: `${sandbox.stampedUrl}/${SANDBOX_KEYS.stamped.storeHash}/survey/reviews/bulk`,
					sendBody: true,
					contentType: 'json',
					specifyBody: 'json',
					jsonBody:
						'={{ JSON.stringify([{ email: $json.email, orderNumber: $json.orderNumber, itemsList: $json.items }]) }}',
					options: { batching: { batch: HTTP_BATCH } },
				},
				HTTP_RETRY_WRITES,
				'basic',
			),
		],
		['HTTP Request'],
	);
	return { ours, theirs };
}

/** One stamp added per item (`{walletPassId}`), Continue On Fail on both sides. */
export function stampSides(sandbox: Pick<Sandbox, 'stempUrl'>): ScenarioSides {
	const ours = side(
		'stemp, Add stamp, Continue On Fail',
		'stamps-ours',
		[
			ONE_ITEM_EACH,
			{
				...stemp('stemp', { operation: 'add', walletPassId: '={{ $json.walletPassId }}' }),
				...CONTINUE_ON_FAIL,
			},
		],
		['stemp'],
	);
	const theirs = side(
		'HTTP Request with Batching, Retry On Fail and Continue On Fail',
		'stamps-theirs',
		[
			ONE_ITEM_EACH,
			httpRequest(
				'HTTP Request',
				{
					method: 'POST',
					url: `=${sandbox.stempUrl}/walletpasses/{{ $json.walletPassId }}/stamps/add`,
					options: { batching: { batch: HTTP_BATCH } },
				},
				{ ...HTTP_RETRY_WRITES, ...CONTINUE_ON_FAIL },
				'bearer',
			),
		],
		['HTTP Request'],
	);
	return { ours, theirs };
}

/** Points added per item (`{walletPassId, points}`), Continue On Fail on both sides. */
export function pointsSides(sandbox: Pick<Sandbox, 'stempUrl'>): ScenarioSides {
	const ours = side(
		'stemp, Points > Add, Continue On Fail',
		'points-ours',
		[
			ONE_ITEM_EACH,
			{
				...stemp('stemp', {
					resource: 'points',
					operation: 'add',
					walletPassId: '={{ $json.walletPassId }}',
					points: '={{ $json.points }}',
				}),
				...CONTINUE_ON_FAIL,
			},
		],
		['stemp'],
	);
	const theirs = side(
		'HTTP Request with Batching, Retry On Fail and Continue On Fail',
		'points-theirs',
		[
			ONE_ITEM_EACH,
			httpRequest(
				'HTTP Request',
				{
					method: 'POST',
					url: `=${sandbox.stempUrl}/walletpasses/{{ $json.walletPassId }}/points/add`,
					sendBody: true,
					contentType: 'json',
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify({ points: $json.points }) }}',
					options: { batching: { batch: HTTP_BATCH } },
				},
				{ ...HTTP_RETRY_WRITES, ...CONTINUE_ON_FAIL },
				'bearer',
			),
		],
		['HTTP Request'],
	);
	return { ours, theirs };
}

/** The trigger-only workflows the webhook load is sent to. */
export interface WebhookSide {
	/** Theirs checks deliveries the way n8n's Webhook node can; the reference checks nothing at all. */
	role: 'ours' | 'theirs' | 'reference';
	label: string;
	workflow: WorkflowJson;
	/** How deliveries to it are made (see load.ts). */
	delivery: 'stamped' | 'stemp' | 'plain';
}

function webhookNode(
	id: string,
	label: string,
	webhookId: string,
	authentication: 'headerAuth' | 'none',
): WorkflowJson {
	return chainWorkflow(id, `bench: ${label}`, [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId,
			parameters: {
				httpMethod: 'POST',
				path: id,
				authentication,
				responseMode: 'onReceived',
				options: {},
			},
			...(authentication === 'headerAuth'
				? { credentials: { httpHeaderAuth: { ...HEADER_AUTH } } }
				: {}),
		},
	]);
}

export const WEBHOOK_SIDES: WebhookSide[] = [
	{
		role: 'ours',
		label: 'Stamped Trigger (secret checked)',
		workflow: vendorTriggerWorkflow(
			'bench-stamped-trigger',
			'stampedTrigger',
			['*'],
			'b3a1c2d4-0000-4000-8000-00000000a001',
		),
		delivery: 'stamped',
	},
	{
		role: 'ours',
		label: 'stemp Trigger (signature checked)',
		workflow: vendorTriggerWorkflow(
			'bench-stemp-trigger',
			'stempTrigger',
			['*'],
			'b3a1c2d4-0000-4000-8000-00000000a002',
		),
		delivery: 'stemp',
	},
	{
		role: 'theirs',
		label: "n8n's Webhook node (Header Auth on the secret)",
		workflow: webhookNode(
			'bench-webhook-header-auth',
			"n8n's Webhook node with Header Auth",
			'b3a1c2d4-0000-4000-8000-00000000a003',
			'headerAuth',
		),
		delivery: 'stamped',
	},
	{
		role: 'reference',
		label: "n8n's Webhook node (no check)",
		workflow: webhookNode(
			'bench-webhook-no-auth',
			"n8n's Webhook node without authentication",
			'b3a1c2d4-0000-4000-8000-00000000a004',
			'none',
		),
		delivery: 'plain',
	},
];

/** The v3 shop's merchant API root in the sandbox: `{v3}/merchant/shops/{shop}`. */
const merchantUrl = (sandbox: Pick<Sandbox, 'stampedV3Url'>) =>
	`${sandbox.stampedV3Url}/merchant/shops/${SANDBOX_KEYS.stampedV3.storeHash}`;

/**
 * A catalogue sync: one product create-or-update per item (`{id, title, vendor, price}`). Ours: Product >
 * Create or Update. Theirs, the same work with n8n's own nodes: a lookup by customProductId (never erroring, so
 * a 404 reads as "not there"), an IF on its status, then PATCH or POST, each with Batching and Retry On Fail.
 */
export function catalogueSides(sandbox: Pick<Sandbox, 'stampedV3Url'>): ScenarioSides {
	const product = "$('One item each').item.json";
	const body = `={{ JSON.stringify({ customProductId: ${product}.id, title: ${product}.title, vendor: ${product}.vendor, variants: [{ customVariantId: ${product}.id, price: String(${product}.price) }] }) }}`;
	const ours = side(
		'Stamped, Product > Create or Update',
		'catalogue-ours',
		[
			ONE_ITEM_EACH,
			stampedV3('Stamped', {
				resource: 'product',
				operation: 'upsert',
				productId: '={{ $json.id }}',
				title: '={{ $json.title }}',
				additionalFields: {
					vendor: '={{ $json.vendor }}',
					variants: '={{ [{ variantId: $json.id, price: $json.price }] }}',
				},
			}),
		],
		['Stamped'],
	);
	const write = (name: string, method: 'PATCH' | 'POST', url: string) =>
		httpRequest(
			name,
			{
				method,
				url,
				sendBody: true,
				contentType: 'json',
				specifyBody: 'json',
				jsonBody: body,
				options: { batching: { batch: HTTP_BATCH } },
			},
			HTTP_RETRY_WRITES,
			'v3Header',
		);
	const nodes: NodeSpec[] = [
		start('catalogue-theirs'),
		ONE_ITEM_EACH,
		httpRequest(
			'Look up',
			{
				method: 'GET',
				url: `${merchantUrl(sandbox)}/products/lookup`,
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'customProductId', value: '={{ $json.id }}' }] },
				options: {
					batching: { batch: HTTP_BATCH },
					response: { response: { fullResponse: true, neverError: true } },
				},
			},
			HTTP_RETRY_WRITES,
			'v3Header',
		),
		{
			name: 'Found?',
			type: 'n8n-nodes-base.if',
			typeVersion: 2,
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
					conditions: [
						{
							leftValue: '={{ $json.statusCode }}',
							rightValue: 200,
							operator: { type: 'number', operation: 'equals' },
						},
					],
					combinator: 'and',
				},
				options: {},
			},
		},
		write('Update', 'PATCH', `=${merchantUrl(sandbox)}/products/{{ $json.body.productId }}`),
		write('Create', 'POST', `${merchantUrl(sandbox)}/products`),
	];
	const workflow = chainWorkflow(
		'catalogue-theirs',
		'bench: HTTP Request lookup, IF, PATCH or POST',
		nodes,
	);
	workflow.connections['Found?'] = {
		main: [
			[{ node: 'Update', type: 'main', index: 0 }],
			[{ node: 'Create', type: 'main', index: 0 }],
		],
	};
	delete workflow.connections['Update'];
	const theirs: Side = {
		label: 'HTTP Request lookup, IF, then HTTP Request PATCH or POST (Batching, Retry On Fail)',
		workflow,
		measuredNodes: ['Look up', 'Found?', 'Update', 'Create'],
		outputNode: 'Create',
	};
	return { ours, theirs };
}

/**
 * Every order of the v3 shop. Ours: Order > Get Many, Return All. Theirs: HTTP Request with Pagination (page
 * from 0, until the page says `morePages: false`), then Split Out; v3 answers the order list as an array
 * holding one page object, which the HTTP Request node turns into one item per page.
 */
export function orderExportSides(sandbox: Pick<Sandbox, 'stampedV3Url'>): ScenarioSides {
	const ours = side(
		'Stamped, Order > Get Many, Return All',
		'orders-ours',
		[stampedV3('Stamped', { resource: 'order', operation: 'getAll', returnAll: true })],
		['Stamped'],
	);
	const theirs = side(
		'HTTP Request with Pagination, then Split Out',
		'orders-theirs',
		[
			httpRequest(
				'HTTP Request',
				{
					method: 'GET',
					url: `${merchantUrl(sandbox)}/orders`,
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'limit', value: String(PAGE_SIZE) }] },
					options: {
						pagination: {
							pagination: {
								paginationMode: 'updateAParameterInEachRequest',
								parameters: {
									parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount }}' }],
								},
								paginationCompleteWhen: 'other',
								completeExpression:
									'={{ !(Array.isArray($response.body) ? $response.body[0] : $response.body).morePages }}',
							},
						},
					},
				},
				HTTP_RETRY_EXPORT,
				'v3Header',
			),
			splitOut('Split Out', 'orders'),
		],
		['HTTP Request', 'Split Out'],
	);
	return { ours, theirs };
}
