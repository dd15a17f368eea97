/**
 * The benchmark's scenarios. Each runs both sides in the same n8n against the same sandbox, alternating which
 * side goes first from round to round, and returns every run's figures; the report takes medians.
 */
import path from 'node:path';

import type { N8n } from '../e2e/src/n8n';
import { runOrThrow, waitFor } from '../e2e/src/processes';
import type { Sandbox } from '../e2e/src/sandbox';
import { queryDatabase } from '../e2e/src/webhooks';
import { SANDBOX_KEYS, SANDBOX_V3_ORDERS, SANDBOX_V3_PRODUCTS } from '../test/fake-api/sandbox';
import { seededPassId } from '../test/fake-api/stemp';
import type { LoadResult, LoadSpec } from './load';
import type { PlainExportResult, PlainExportSpec } from './plain-client';
import type { RunOutcome } from './measure';
import { outputItems, runOnce } from './measure';
import type { ScenarioSides, Side, WebhookSide } from './workflows';
import {
	catalogueSides,
	exportSides,
	HTTP_BATCH,
	KEYED_STAMPS,
	orderExportSides,
	PAGE_SIZE,
	pointsSides,
	reviewRequestSides,
	stampSides,
	upsertSides,
	WEBHOOK_SIDES,
} from './workflows';
import { ORDERS_PER_REQUEST } from '../nodes/Stamped/actions/reviewRequest/create.operation';
import { ITEMS_AT_ONCE } from '../nodes/core/operation';

/** The Stamped customers exported; `BENCH_CUSTOMERS`, `BENCH_ORDERS` and `BENCH_CATALOGUE` make a smaller smoke run. */
export const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 20_000);
export const LATENCY_MS = 20;
/** The Stamped node's default Options > Concurrency, which the export runs with. */
export const OUR_EXPORT_CONCURRENCY = 4;
export const RATE_LIMIT_PER_SECOND = 20;
export const ITEMS = 2_000;
/** Every 50th pass (the first included) has its first stamp answered with a 500 after it was applied. */
export const FAULT_EVERY = 50;
export const DELIVERIES = 1_000;
export const REVIEW_REQUEST_ORDERS = 1_000;
/** The catalogue synced: this many products, the first half of them already in Stamped (updated), the rest new. */
export const CATALOGUE = Number(process.env.BENCH_CATALOGUE ?? 1_000);
/** The v3 orders exported. */
export const ORDERS = Number(process.env.BENCH_ORDERS ?? 5_000);
export const LOAD_CONCURRENCY = 10;
/** A run stops sending after this long, whatever it has sent. */
const LOAD_TIME_LIMIT_MS = 45_000;

export interface MetricSpec {
	key: string;
	label: string;
	unit: 's' | 'MB' | '/s' | '';
	/** `runs`: 1 or 0 per run, shown as how many runs it held for. */
	kind?: 'runs';
	/** Which way is better; metrics with a direction get an ours/theirs ratio. */
	better?: 'lower' | 'higher';
}

export interface SideResult {
	/** `reference`: shown for context, not compared (a bare HTTP client, the Webhook node checking nothing). */
	role: 'ours' | 'theirs' | 'reference';
	label: string;
	/** The best this side could do (seconds), when the setup bounds it. */
	limit?: number;
	runs: Array<Record<string, number>>;
}

export interface ScenarioResult {
	id: string;
	title: string;
	/** What the sandbox did meanwhile, in words. */
	conditions: string;
	/** How the limit is worked out, in words. */
	limitText: string;
	/** The metric charted and compared first. */
	headline: string;
	/** The metric compared with the limit, when not the headline (the nodes' own time, for the whole run's). */
	limitMetric?: string;
	metrics: MetricSpec[];
	sides: SideResult[];
	/** Set when the scenario was run alone (`--only`), later than the run the page's header describes. */
	ranAlone?: string;
}

export interface BenchContext {
	n8n: N8n;
	sandbox: Sandbox;
	rounds: number;
	/** The production URL of a workflow's webhook. */
	urlOf(workflowId: string): Promise<string>;
	/**
	 * Stops and starts n8n: a fresh process, for memory figures that do not carry over from earlier runs; with
	 * `env`, n8n runs with those settings until the next restart.
	 */
	restart(env?: Record<string, string>): Promise<void>;
	log(line: string): void;
}

export interface Scenario {
	id: string;
	run(ctx: BenchContext): Promise<ScenarioResult>;
}

/** Round 0 runs the sides in the order given, round 1 starts with the next one, and so on. */
function rotated<T>(sides: T[], round: number): T[] {
	const shift = round % sides.length;
	return [...sides.slice(shift), ...sides.slice(0, shift)];
}

const seconds = (ms: number) => ms / 1000;
const megabytes = (bytes: number) => bytes / 1024 / 1024;

/** One contender of a scenario: measured once per round. */
interface Contender {
	name: string;
	measure(): Promise<Record<string, number>>;
}

/**
 * Measures every contender once per round, rotating who goes first from round to round (so that none is
 * always measured on a machine warmed, or tired, by the others), and returns each one's runs.
 */
async function alternate(
	ctx: BenchContext,
	scenario: string,
	contenders: Contender[],
): Promise<Map<Contender, Array<Record<string, number>>>> {
	const runs = new Map<Contender, Array<Record<string, number>>>(
		contenders.map((contender) => [contender, []]),
	);
	for (let round = 0; round < ctx.rounds; round++) {
		for (const contender of rotated(contenders, round)) {
			const figures = await contender.measure();
			runs.get(contender)!.push(figures);
			ctx.log(
				`  ${scenario}, round ${round + 1}/${ctx.rounds}, ${contender.name}: ${describe(figures)}`,
			);
		}
	}
	return runs;
}

/** Both sides of a scenario, each measured by `measure`. */
async function alternateSides(
	ctx: BenchContext,
	sides: ScenarioSides,
	scenario: string,
	measure: (side: Side) => Promise<Record<string, number>>,
) {
	const ours = { name: 'ours', measure: () => measure(sides.ours) };
	const theirs = { name: 'theirs', measure: () => measure(sides.theirs) };
	const runs = await alternate(ctx, scenario, [ours, theirs]);
	return { ours: runs.get(ours)!, theirs: runs.get(theirs)! };
}

function describe(figures: Record<string, number>): string {
	return Object.entries(figures)
		.map(([key, value]) => `${key} ${Number.isInteger(value) ? value : value.toFixed(2)}`)
		.join(', ');
}

async function run(
	ctx: BenchContext,
	side: Side,
	body: unknown,
	timeoutMs: number,
	sampleMemory = false,
): Promise<RunOutcome> {
	return await runOnce(ctx.n8n, side, {
		url: await ctx.urlOf(side.workflow.id),
		body,
		timeoutMs,
		sampleMemory,
	});
}

/**
 * One side as users meet it: its workflow run twice in a fresh n8n process, first right after n8n started (the
 * nodes' code is loaded and compiled on the way, as after every restart, update or deploy) and then once more
 * (what a workflow that runs often meets). `prepare` sets the sandbox up before each run; n8n's memory is
 * sampled during the first. With `measureWork`, a third run with no latency at all shows the side's own work
 * (n8n's and the nodes'), which no limit made of latencies counts.
 */
async function firstAndLaterRun(
	ctx: BenchContext,
	side: Side,
	prepare: () => Promise<void>,
	body: unknown,
	timeoutMs: number,
	{ sampleMemory = false, measureWork = false } = {},
) {
	await ctx.restart();
	await prepare();
	const first = await run(ctx, side, body, timeoutMs, sampleMemory);
	const firstLog = await ctx.sandbox.log();
	await prepare();
	const later = await run(ctx, side, body, timeoutMs);
	const laterLog = await ctx.sandbox.log();
	let workS: number | undefined;
	if (measureWork) {
		await prepare();
		await ctx.sandbox.configure({ latencyMs: 0 });
		workS = seconds((await run(ctx, side, body, timeoutMs)).nodeMs);
	}
	return { first, firstLog, later, laterLog, ...(workS === undefined ? {} : { workS }) };
}

/** What `measureWork` adds to the table (ours only). */
const WORK_METRIC: MetricSpec = {
	key: 'workS',
	label: 'node time with no latency (its own work)',
	unit: 's',
};

/** The timing metrics of a scenario measured by `firstAndLaterRun`; `wallS` is its headline. */
const FIRST_AND_LATER_METRICS: MetricSpec[] = [
	{ key: 'wallS', label: 'whole run', unit: 's', better: 'lower' },
	{ key: 'firstWallS', label: 'whole run, first after n8n started', unit: 's', better: 'lower' },
	{ key: 'nodeS', label: 'node time', unit: 's', better: 'lower' },
	{ key: 'firstNodeS', label: 'node time, first after n8n started', unit: 's', better: 'lower' },
];

const timings = (runs: { first: RunOutcome; later: RunOutcome; workS?: number }) => ({
	wallS: seconds(runs.later.wallMs),
	firstWallS: seconds(runs.first.wallMs),
	nodeS: seconds(runs.later.nodeMs),
	firstNodeS: seconds(runs.first.nodeMs),
	...(runs.workS === undefined ? {} : { workS: runs.workS }),
});

/** Records out, and how many of them repeat a customer already output (by e-mail). */
function records(outcome: RunOutcome, side: Side): { records: number; duplicates: number } {
	const items = outcome.status === 'success' ? outputItems(outcome, side.outputNode) : [];
	const emails = new Set(items.map((item) => String(item.email).toLowerCase()));
	return { records: items.length, duplicates: items.length - emails.size };
}

async function storeOf(
	ctx: BenchContext,
	customers: number,
	settings: Parameters<Sandbox['configure']>[0],
): Promise<void> {
	await ctx.sandbox.reset();
	await ctx.sandbox.seed({ stampedCustomers: customers });
	await ctx.sandbox.configure(settings);
}

const EXPORT_PAGES = Math.ceil(CUSTOMERS / PAGE_SIZE);

const PLAIN_CLIENT_SCRIPT = path.join(__dirname, 'plain-client.js');

/** The same export by a bare Node.js HTTP client in a process of its own: what the machine and sandbox allow. */
async function plainExport(ctx: BenchContext): Promise<PlainExportResult> {
	const { publicKey, privateKey, storeHash } = SANDBOX_KEYS.stamped;
	const spec: PlainExportSpec = {
		url: `${ctx.sandbox.stampedUrl}/${storeHash}/customers`,
		authorization: 'Basic ' + Buffer.from(`${publicKey}:${privateKey}`).toString('base64'),
		pageSize: PAGE_SIZE,
		concurrency: OUR_EXPORT_CONCURRENCY,
	};
	const { stdout } = await runOrThrow(
		process.execPath,
		[PLAIN_CLIENT_SCRIPT, JSON.stringify(spec)],
		{ timeoutMs: 120_000 },
	);
	return JSON.parse(stdout) as PlainExportResult;
}

export const exportScenario: Scenario = {
	id: 'export',
	async run(ctx) {
		const sides = exportSides(ctx.sandbox);
		const measure = async (side: Side) => {
			const runs = await firstAndLaterRun(
				ctx,
				side,
				() => storeOf(ctx, CUSTOMERS, { latencyMs: LATENCY_MS }),
				{},
				180_000,
				{ sampleMemory: true, measureWork: side === sides.ours },
			);
			const [first, later] = [records(runs.first, side), records(runs.later, side)];
			return {
				...timings(runs),
				requests: runs.laterLog.length,
				records: Math.min(first.records, later.records),
				duplicates: Math.max(first.duplicates, later.duplicates),
				peakRssMB: megabytes(runs.first.memory!.peakBytes),
				rssBeforeMB: megabytes(runs.first.memory!.beforeBytes),
			};
		};
		const ours: Contender = { name: 'ours', measure: () => measure(sides.ours) };
		const theirs: Contender = { name: 'theirs', measure: () => measure(sides.theirs) };
		const plain: Contender = {
			name: 'plain client',
			measure: async () => {
				await storeOf(ctx, CUSTOMERS, { latencyMs: LATENCY_MS });
				const result = await plainExport(ctx);
				// No n8n: its whole run is its client's time.
				return {
					wallS: seconds(result.elapsedMs),
					nodeS: seconds(result.elapsedMs),
					requests: result.requests,
					records: result.records,
					duplicates: result.duplicates,
				};
			},
		};
		const runs = await alternate(ctx, 'export', [ours, theirs, plain]);
		return {
			id: 'export',
			title: `Export ${CUSTOMERS.toLocaleString('en')} Stamped customers`,
			conditions: `${LATENCY_MS} ms latency per request, pages of ${PAGE_SIZE}; every side in a fresh n8n process, run first right after n8n started, then once more`,
			limitText: `pages × latency ÷ concurrency: ours ${EXPORT_PAGES} × ${LATENCY_MS} ms ÷ ${OUR_EXPORT_CONCURRENCY} (its default concurrency); theirs ${EXPORT_PAGES + 1} × ${LATENCY_MS} ms ÷ 1 (pagination asks one page at a time, and one more to see the end); the plain client as ours`,
			headline: 'wallS',
			limitMetric: 'nodeS',
			metrics: [
				...FIRST_AND_LATER_METRICS,
				WORK_METRIC,
				{ key: 'requests', label: 'requests', unit: '' },
				{ key: 'records', label: 'records out', unit: '' },
				{ key: 'duplicates', label: 'duplicates', unit: '' },
				{ key: 'peakRssMB', label: 'n8n peak RSS', unit: 'MB', better: 'lower' },
				{ key: 'rssBeforeMB', label: 'n8n RSS before', unit: 'MB' },
			],
			sides: [
				{
					role: 'ours',
					label: sides.ours.label,
					limit: seconds((EXPORT_PAGES * LATENCY_MS) / OUR_EXPORT_CONCURRENCY),
					runs: runs.get(ours)!,
				},
				{
					role: 'theirs',
					label: sides.theirs.label,
					limit: seconds((EXPORT_PAGES + 1) * LATENCY_MS),
					runs: runs.get(theirs)!,
				},
				{
					role: 'reference',
					label: `a bare Node.js HTTP client, ${OUR_EXPORT_CONCURRENCY} pages at a time, no n8n`,
					limit: seconds((EXPORT_PAGES * LATENCY_MS) / OUR_EXPORT_CONCURRENCY),
					runs: runs.get(plain)!,
				},
			],
		};
	},
};

export const rateLimitScenario: Scenario = {
	id: 'rateLimit',
	async run(ctx) {
		const sides = exportSides(ctx.sandbox);
		const runs = await alternateSides(ctx, sides, 'rate limit', async (side) => {
			await storeOf(ctx, CUSTOMERS, {
				latencyMs: LATENCY_MS,
				requestsPerSecond: RATE_LIMIT_PER_SECOND,
				rateLimitRetryAfterSeconds: null,
			});
			const outcome = await run(ctx, side, {}, 300_000);
			const log = await ctx.sandbox.log();
			const out = records(outcome, side);
			return {
				completed: outcome.status === 'success' && out.records === CUSTOMERS ? 1 : 0,
				reportedSuccess: outcome.status === 'success' ? 1 : 0,
				nodeS: seconds(outcome.nodeMs),
				wallS: seconds(outcome.wallMs),
				...out,
				requests: log.length,
				answered429: log.filter((entry) => entry.status === 429).length,
			};
		});
		return {
			id: 'rateLimit',
			title: `The same export under a rate limit of ${RATE_LIMIT_PER_SECOND} requests per second`,
			conditions: `${LATENCY_MS} ms latency; beyond ${RATE_LIMIT_PER_SECOND} requests in any second the sandbox answers 429 without Retry-After, as Stamped does`,
			limitText: `requests ÷ the sandbox's ceiling: ${EXPORT_PAGES} (ours) or ${EXPORT_PAGES + 1} (theirs) ÷ ${RATE_LIMIT_PER_SECOND} per second`,
			headline: 'nodeS',
			metrics: [
				{ key: 'completed', label: 'completed with every record', unit: '', kind: 'runs' },
				{ key: 'reportedSuccess', label: 'n8n reported success', unit: '', kind: 'runs' },
				{ key: 'records', label: 'records out', unit: '' },
				{ key: 'duplicates', label: 'duplicates', unit: '' },
				{ key: 'nodeS', label: 'node time', unit: 's' },
				{ key: 'wallS', label: 'whole run', unit: 's' },
				{ key: 'requests', label: 'requests', unit: '' },
				{ key: 'answered429', label: '429 answers', unit: '' },
			],
			sides: [
				{
					role: 'ours',
					label: sides.ours.label,
					limit: EXPORT_PAGES / RATE_LIMIT_PER_SECOND,
					runs: runs.ours,
				},
				{
					role: 'theirs',
					label: sides.theirs.label,
					limit: (EXPORT_PAGES + 1) / RATE_LIMIT_PER_SECOND,
					runs: runs.theirs,
				},
			],
		};
	},
};

/** Per-item scenarios: ours sends up to ITEMS_AT_ONCE items at a time; theirs one batch a second, its requests all at once. */
/** The best each side can do with `count` per-item requests at the scenario's latency. */
function perItemLimits(count: number) {
	return {
		ours: seconds((count * LATENCY_MS) / ITEMS_AT_ONCE),
		theirs: seconds(
			(Math.ceil(count / HTTP_BATCH.batchSize) - 1) * HTTP_BATCH.batchInterval + LATENCY_MS,
		),
		text: `ours sends ${ITEMS_AT_ONCE} items at a time (each on another customer or pass): ${count} × ${LATENCY_MS} ms ÷ ${ITEMS_AT_ONCE}; theirs starts a batch of ${HTTP_BATCH.batchSize} every ${HTTP_BATCH.batchInterval} ms (n8n's Batching defaults): ${Math.ceil(count / HTTP_BATCH.batchSize) - 1} intervals + ${LATENCY_MS} ms`,
	};
}

const PER_ITEM_LIMITS = perItemLimits(ITEMS);

const failedItems = (items: Array<Record<string, unknown>>) =>
	items.filter((item) => item.error !== undefined && item.error !== null).length;

export const upsertScenario: Scenario = {
	id: 'upsert',
	async run(ctx) {
		const sides = upsertSides(ctx.sandbox);
		const items = Array.from({ length: ITEMS }, (_, i) => ({
			email: `upsert${String(i).padStart(5, '0')}@example.com`,
			firstName: `Bench ${i}`,
		}));
		const runs = await alternateSides(ctx, sides, 'upserts', async (side) => {
			await ctx.sandbox.reset();
			await ctx.sandbox.configure({ latencyMs: LATENCY_MS });
			const outcome = await run(ctx, side, { items }, 300_000);
			const log = await ctx.sandbox.log();
			const written = new Set(
				log
					.filter((entry) => entry.applied)
					.map((entry) => String((entry.body as { email?: string }).email)),
			);
			return {
				nodeS: seconds(outcome.nodeMs),
				wallS: seconds(outcome.wallMs),
				requests: log.length,
				customersWritten: written.size,
				failedItems: failedItems(outputItems(outcome, side.outputNode)),
			};
		});
		return {
			id: 'upsert',
			title: `${ITEMS.toLocaleString('en')} customer upserts from items`,
			conditions: `${LATENCY_MS} ms latency per request`,
			limitText: PER_ITEM_LIMITS.text,
			headline: 'nodeS',
			metrics: [
				{ key: 'nodeS', label: 'node time', unit: 's', better: 'lower' },
				{ key: 'wallS', label: 'whole run', unit: 's', better: 'lower' },
				{ key: 'requests', label: 'requests', unit: '' },
				{ key: 'customersWritten', label: 'customers written', unit: '' },
				{ key: 'failedItems', label: 'failed items', unit: '' },
			],
			sides: [
				{ role: 'ours', label: sides.ours.label, limit: PER_ITEM_LIMITS.ours, runs: runs.ours },
				{
					role: 'theirs',
					label: sides.theirs.label,
					limit: PER_ITEM_LIMITS.theirs,
					runs: runs.theirs,
				},
			],
		};
	},
};

/**
 * One side's run of a per-item write scenario: the seeded passes, latency, and the first write on every
 * FAULT_EVERY-th pass applied and then answered 500; the figures come from the sandbox's request log (what it
 * applied), not from what the nodes say.
 */
async function writesUnderFaults(
	ctx: BenchContext,
	side: Side,
	items: Array<{ walletPassId: string }>,
	write: 'stamps/add' | 'points/add',
) {
	await ctx.sandbox.reset();
	await ctx.sandbox.seed({ stempPasses: items.length });
	await ctx.sandbox.configure({ latencyMs: LATENCY_MS });
	await ctx.sandbox.inject(
		items
			.filter((_, i) => i % FAULT_EVERY === 0)
			.map((item) => ({
				vendor: 'stemp' as const,
				kind: 500,
				phase: 'after' as const,
				times: 1,
				path: `/walletpasses/${item.walletPassId}/${write}`,
			})),
	);
	const outcome = await run(ctx, side, { items }, 300_000);
	const writes = (await ctx.sandbox.log()).filter((entry) => entry.path.endsWith(`/${write}`));
	const appliedPerPass = new Map<string, number>();
	for (const entry of writes.filter((entry) => entry.applied))
		appliedPerPass.set(entry.path, (appliedPerPass.get(entry.path) ?? 0) + 1);
	return {
		nodeS: seconds(outcome.nodeMs),
		wallS: seconds(outcome.wallMs),
		requests: writes.length,
		answered5xx: writes.filter((entry) => entry.status >= 500).length,
		failedReported: failedItems(outputItems(outcome, side.outputNode)),
		appliedTwice: [...appliedPerPass.values()].filter((count) => count > 1).length,
		applied: writes.filter((entry) => entry.applied).length,
	};
}

export const stampScenario: Scenario = {
	id: 'stamps',
	async run(ctx) {
		const sides = stampSides(ctx.sandbox);
		const items = Array.from({ length: ITEMS }, (_, i) => ({ walletPassId: seededPassId(i) }));
		const faulty = items.filter((_, i) => i % FAULT_EVERY === 0);
		const runs = await alternateSides(ctx, sides, 'stamps', async (side) => {
			const { applied, ...figures } = await writesUnderFaults(ctx, side, items, 'stamps/add');
			return { ...figures, stampsApplied: applied };
		});
		return {
			id: 'stamps',
			title: `${ITEMS.toLocaleString('en')} stemp stamp additions with 5xx after applying`,
			conditions: `${LATENCY_MS} ms latency; the first add on every ${FAULT_EVERY}th pass (${faulty.length} of ${ITEMS}, the first item's included) is applied, then answered 500; Continue On Fail on both sides`,
			limitText: PER_ITEM_LIMITS.text,
			headline: 'nodeS',
			metrics: [
				{ key: 'nodeS', label: 'node time', unit: 's', better: 'lower' },
				{ key: 'wallS', label: 'whole run', unit: 's', better: 'lower' },
				{ key: 'requests', label: 'requests', unit: '' },
				{ key: 'answered5xx', label: '5xx answers', unit: '' },
				{ key: 'failedReported', label: 'failed items reported', unit: '' },
				{ key: 'appliedTwice', label: 'stamps applied twice', unit: '' },
				{ key: 'stampsApplied', label: 'stamps applied', unit: '' },
			],
			sides: [
				{ role: 'ours', label: sides.ours.label, limit: PER_ITEM_LIMITS.ours, runs: runs.ours },
				{
					role: 'theirs',
					label: sides.theirs.label,
					limit: PER_ITEM_LIMITS.theirs,
					runs: runs.theirs,
				},
			],
		};
	},
};

/**
 * Point additions in the points scenario; `BENCH_POINT_ADDITIONS` makes a smaller smoke run (the published figures
 * are taken with the default).
 */
export const POINT_ADDITIONS = Number(process.env.BENCH_POINT_ADDITIONS ?? 1_000);
const POINTS_PER_ADDITION = 10;

export const pointsScenario: Scenario = {
	id: 'points',
	async run(ctx) {
		const sides = pointsSides(ctx.sandbox);
		const limits = perItemLimits(POINT_ADDITIONS);
		const items = Array.from({ length: POINT_ADDITIONS }, (_, i) => ({
			walletPassId: seededPassId(i),
			points: POINTS_PER_ADDITION,
		}));
		const faulty = items.filter((_, i) => i % FAULT_EVERY === 0);
		const runs = await alternateSides(ctx, sides, 'points', async (side) => {
			const { appliedTwice, applied, ...figures } = await writesUnderFaults(
				ctx,
				side,
				items,
				'points/add',
			);
			return {
				...figures,
				creditedTwice: appliedTwice,
				pointsCredited: applied * POINTS_PER_ADDITION,
			};
		});
		return {
			id: 'points',
			title: `${POINT_ADDITIONS.toLocaleString('en')} stemp point additions with 5xx after applying`,
			conditions: `${LATENCY_MS} ms latency; ${POINTS_PER_ADDITION} points per addition, one addition per pass; the first addition on every ${FAULT_EVERY}th pass (${faulty.length} of ${POINT_ADDITIONS}, the first item's included) is applied, then answered 500; Continue On Fail on both sides`,
			limitText: limits.text,
			headline: 'nodeS',
			metrics: [
				{ key: 'nodeS', label: 'node time', unit: 's', better: 'lower' },
				{ key: 'wallS', label: 'whole run', unit: 's', better: 'lower' },
				{ key: 'requests', label: 'requests', unit: '' },
				{ key: 'answered5xx', label: '5xx answers', unit: '' },
				{ key: 'failedReported', label: 'failed items reported', unit: '' },
				{ key: 'creditedTwice', label: 'passes credited twice', unit: '' },
				{ key: 'pointsCredited', label: 'points credited', unit: '' },
			],
			sides: [
				{ role: 'ours', label: sides.ours.label, limit: limits.ours, runs: runs.ours },
				{
					role: 'theirs',
					label: sides.theirs.label,
					limit: limits.theirs,
					runs: runs.theirs,
				},
			],
		};
	},
};

/**
 * Stamp additions in the idempotency-key scenario; `BENCH_KEYED_STAMPS` makes a smaller smoke run (the published
 * figures are taken with the default).
 */
export const KEYED_STAMP_ADDITIONS = Number(process.env.BENCH_KEYED_STAMPS ?? 1_000);

/**
 * What an Idempotency Key costs, and what it saves: the same stamp additions (one per pass, each with its order's
 * key) by the stemp node without a key, with one, and by the HTTP Request node; then the same run again on the
 * same data, as a retried execution sends it. The figures come from the sandbox's request log.
 */
export const keyedStampScenario: Scenario = {
	id: 'keyedStamps',
	async run(ctx) {
		const { ours, theirs } = stampSides(ctx.sandbox);
		const count = KEYED_STAMP_ADDITIONS;
		const limits = perItemLimits(count);
		const items = Array.from({ length: count }, (_, i) => ({
			walletPassId: seededPassId(i),
			orderId: `order-${String(i).padStart(5, '0')}`,
		}));
		const measure = async (side: Side) => {
			await ctx.sandbox.reset();
			await ctx.sandbox.seed({ stempPasses: count });
			await ctx.sandbox.configure({ latencyMs: LATENCY_MS });
			const first = await run(ctx, side, { items }, 300_000);
			const firstLog = (await ctx.sandbox.log()).filter((entry) => entry.vendor === 'stemp');
			await ctx.sandbox.clearLog();
			const retry = await run(ctx, side, { items }, 300_000);
			const retryLog = (await ctx.sandbox.log()).filter((entry) => entry.vendor === 'stemp');
			const adds = [...firstLog, ...retryLog].filter(
				(entry) => entry.applied && entry.path.endsWith('/stamps/add'),
			);
			const perPass = new Map<string, number>();
			for (const entry of adds) perPass.set(entry.path, (perPass.get(entry.path) ?? 0) + 1);
			const writes = (log: typeof firstLog) => log.filter((entry) => entry.method === 'POST');
			return {
				nodeS: seconds(first.nodeMs),
				wallS: seconds(first.wallMs),
				requests: firstLog.length,
				readsPerWrite:
					(firstLog.length - writes(firstLog).length) / Math.max(1, writes(firstLog).length),
				retryNodeS: seconds(retry.nodeMs),
				retryRequests: retryLog.length,
				retryWrites: writes(retryLog).length,
				appliedTwice: [...perPass.values()].filter((times) => times > 1).length,
				failedItems:
					failedItems(first.status === 'success' ? outputItems(first, side.outputNode) : []) +
					failedItems(retry.status === 'success' ? outputItems(retry, side.outputNode) : []),
			};
		};
		const contenders = [
			{ name: 'no key', side: ours },
			{ name: 'keyed', side: KEYED_STAMPS },
			{ name: 'theirs', side: theirs },
		].map((contender) => ({ ...contender, measure: () => measure(contender.side) }));
		const runs = await alternate(ctx, 'keyed stamps', contenders);
		const [noKey, keyed, http] = contenders.map((contender) => runs.get(contender)!);
		return {
			id: 'keyedStamps',
			title: `${count.toLocaleString('en')} stemp stamp additions with and without an Idempotency Key, then the same run again`,
			conditions: `${LATENCY_MS} ms latency; one addition per pass, each with its order's key (\`order-00000\`…); no faults; the second run sends the same items again, as a retried execution does; Continue On Fail on every side`,
			limitText: `${limits.text}; with a key ours reads the pass's history before each addition, so twice the requests: ${count} × 2 × ${LATENCY_MS} ms ÷ ${ITEMS_AT_ONCE}`,
			headline: 'nodeS',
			metrics: [
				{ key: 'nodeS', label: 'node time', unit: 's', better: 'lower' },
				{ key: 'wallS', label: 'whole run', unit: 's', better: 'lower' },
				{ key: 'requests', label: 'requests', unit: '' },
				{ key: 'readsPerWrite', label: 'reads per write', unit: '' },
				{ key: 'retryNodeS', label: 'node time, run again', unit: 's', better: 'lower' },
				{ key: 'retryRequests', label: 'requests, run again', unit: '' },
				{ key: 'retryWrites', label: 'writes sent, run again', unit: '' },
				{ key: 'appliedTwice', label: 'passes stamped twice', unit: '' },
				{ key: 'failedItems', label: 'failed items', unit: '' },
			],
			sides: [
				{ role: 'ours', label: ours.label, limit: limits.ours, runs: noKey },
				{ role: 'ours', label: KEYED_STAMPS.label, limit: limits.ours * 2, runs: keyed },
				{ role: 'theirs', label: theirs.label, limit: limits.theirs, runs: http },
			],
		};
	},
};

export const reviewRequestScenario: Scenario = {
	id: 'reviewRequests',
	async run(ctx) {
		const sides = reviewRequestSides(ctx.sandbox);
		const items = Array.from({ length: REVIEW_REQUEST_ORDERS }, (_, i) => ({
			email: `buyer${String(i).padStart(5, '0')}@example.com`,
			orderNumber: `B-${i}`,
			items: [{ productId: `p${i % 20}`, productTitle: `Product ${i % 20}` }],
		}));
		const runs = await alternateSides(ctx, sides, 'review requests', async (side) => {
			await ctx.sandbox.reset();
			await ctx.sandbox.configure({ latencyMs: LATENCY_MS });
			const outcome = await run(ctx, side, { items }, 300_000);
			const log = (await ctx.sandbox.log()).filter((entry) =>
				entry.path.endsWith('/survey/reviews/bulk'),
			);
			const answered = log.filter((entry) => entry.status === 200);
			const ordersSent = answered.flatMap((entry) =>
				Array.isArray(entry.body) ? (entry.body as Array<{ orderNumber?: unknown }>) : [],
			);
			return {
				nodeS: seconds(outcome.nodeMs),
				wallS: seconds(outcome.wallMs),
				requests: log.length,
				ordersQueued: new Set(ordersSent.map((order) => String(order.orderNumber))).size,
				failedItems: failedItems(
					outcome.status === 'success' ? outputItems(outcome, side.outputNode) : [],
				),
			};
		});
		const ourRequests = Math.ceil(REVIEW_REQUEST_ORDERS / ORDERS_PER_REQUEST);
		const theirBatches = Math.ceil(REVIEW_REQUEST_ORDERS / HTTP_BATCH.batchSize);
		return {
			id: 'reviewRequests',
			title: `Review requests for ${REVIEW_REQUEST_ORDERS.toLocaleString('en')} orders`,
			conditions: `${LATENCY_MS} ms latency per request; one order (one product) per item`,
			limitText: `ours sends ${ORDERS_PER_REQUEST} orders per request, one request after another: ${ourRequests} × ${LATENCY_MS} ms; theirs one request per order, a batch of ${HTTP_BATCH.batchSize} every ${HTTP_BATCH.batchInterval} ms: ${theirBatches - 1} intervals + ${LATENCY_MS} ms`,
			headline: 'nodeS',
			metrics: [
				{ key: 'nodeS', label: 'node time', unit: 's', better: 'lower' },
				{ key: 'wallS', label: 'whole run', unit: 's', better: 'lower' },
				{ key: 'requests', label: 'requests', unit: '', better: 'lower' },
				{ key: 'ordersQueued', label: 'orders sent and answered', unit: '' },
				{ key: 'failedItems', label: 'failed items', unit: '' },
			],
			sides: [
				{
					role: 'ours',
					label: sides.ours.label,
					limit: seconds(ourRequests * LATENCY_MS),
					runs: runs.ours,
				},
				{
					role: 'theirs',
					label: sides.theirs.label,
					limit: seconds((theirBatches - 1) * HTTP_BATCH.batchInterval + LATENCY_MS),
					runs: runs.theirs,
				},
			],
		};
	},
};

const LOAD_SCRIPT = path.join(__dirname, 'load.js');

async function sendLoad(spec: LoadSpec): Promise<LoadResult> {
	const { stdout } = await runOrThrow(process.execPath, [LOAD_SCRIPT, JSON.stringify(spec)], {
		timeoutMs: spec.timeLimitMs + 60_000,
	});
	return JSON.parse(stdout) as LoadResult;
}

interface ExecutionCount {
	started: number;
	finished: number;
	lastStoppedAt: string | null;
}

/** How many executions of a workflow with ids above `afterId` started and finished, and when the last stopped. */
async function executionsAfter(
	ctx: BenchContext,
	workflowId: string,
	afterId: number,
): Promise<ExecutionCount> {
	const [row] = await queryDatabase<ExecutionCount>(
		ctx.n8n,
		`SELECT COUNT(*) AS started, COUNT(stoppedAt) AS finished, MAX(stoppedAt) AS lastStoppedAt
		 FROM execution_entity WHERE workflowId = ? AND CAST(id AS INTEGER) > ?`,
		[workflowId, afterId],
	);
	return row;
}

async function lastExecutionId(ctx: BenchContext, workflowId: string): Promise<number> {
	const [row] = await queryDatabase<{ id: number | null }>(
		ctx.n8n,
		'SELECT MAX(CAST(id AS INTEGER)) AS id FROM execution_entity WHERE workflowId = ?',
		[workflowId],
	);
	return row.id ?? 0;
}

/** A timestamp n8n stored: SQLite keeps UTC text without a zone, Postgres answers with an ISO time. */
export const databaseTime = (text: string) =>
	Date.parse(text.includes('T') ? text : `${text.replace(' ', 'T')}Z`);

/**
 * n8n 2.x evaluates expressions in an isolate (`N8N_EXPRESSION_ENGINE=vm`, the default) and, while it handles
 * a production webhook, takes that isolate for every start node except its own Webhook node. The legacy engine
 * runs without one, so the same load under it shows what the triggers themselves cost.
 */
const LEGACY_ENGINE = { N8N_EXPRESSION_ENGINE: 'legacy' };

function webhookScenario(id: string, title: string, engineEnv?: Record<string, string>): Scenario {
	return {
		id,
		async run(ctx) {
			if (engineEnv) await ctx.restart(engineEnv);
			try {
				return await measureWebhooks(ctx, id, title);
			} finally {
				if (engineEnv) await ctx.restart();
			}
		},
	};
}

async function measureWebhooks(
	ctx: BenchContext,
	id: string,
	title: string,
): Promise<ScenarioResult> {
	const secrets = {
		stamped: SANDBOX_KEYS.stampedWebhookSecret,
		stemp: SANDBOX_KEYS.stempWebhookSigningSecret,
	};
	const load = async (side: WebhookSide, runId: string, count: number) => {
		const workflowId = side.workflow.id;
		const before = await lastExecutionId(ctx, workflowId);
		const url = await ctx.urlOf(workflowId);
		const result = await sendLoad({
			url,
			delivery: side.delivery,
			count,
			concurrency: LOAD_CONCURRENCY,
			timeLimitMs: LOAD_TIME_LIMIT_MS,
			runId,
			secrets,
		});
		// Executions run on after the answer: wait until every accepted delivery's has stopped, so that none
		// is still running while the next side is measured.
		const done = await waitFor(
			`${result.accepted} executions of ${workflowId} to finish`,
			async () => {
				const executions = await executionsAfter(ctx, workflowId, before);
				return executions.finished >= result.accepted ? executions : undefined;
			},
			120_000,
			500,
		).catch(async () => await executionsAfter(ctx, workflowId, before));
		return { result, done };
	};
	// Warm-up: the first deliveries load code and fill caches on every side.
	for (const side of WEBHOOK_SIDES) await load(side, `warmup-${Date.now()}`, 50);
	const contenders = WEBHOOK_SIDES.map((side) => ({
		name: side.label,
		side,
		measure: async () => {
			const { result, done } = await load(side, `run-${Date.now()}`, DELIVERIES);
			const lastStopped = done.lastStoppedAt
				? databaseTime(done.lastStoppedAt)
				: result.startedAt + result.elapsedMs;
			return {
				deliveriesPerS: result.accepted / seconds(result.elapsedMs),
				accepted: result.accepted,
				refused: result.sent - result.accepted,
				executionsStarted: done.started,
				executionsPerS:
					done.finished / seconds(Math.max(lastStopped - result.startedAt, result.elapsedMs)),
			};
		},
	}));
	const runs = await alternate(ctx, id, contenders);
	return {
		id,
		title,
		conditions: `up to ${DELIVERIES} distinct deliveries per run (at most ${LOAD_TIME_LIMIT_MS / 1000} s) from a load generator on 127.0.0.1, ${LOAD_CONCURRENCY} at a time over kept-alive connections; each workflow is its trigger alone, answering at once`,
		limitText:
			"none from the setup: every delivery goes through n8n's own webhook handling, so n8n's Webhook node is the measure",
		headline: 'deliveriesPerS',
		metrics: [
			{ key: 'deliveriesPerS', label: 'deliveries/s accepted', unit: '/s', better: 'higher' },
			{ key: 'accepted', label: 'accepted', unit: '' },
			{ key: 'refused', label: 'not accepted', unit: '' },
			{ key: 'executionsStarted', label: 'executions started', unit: '' },
			{
				key: 'executionsPerS',
				label: 'executions finished per second',
				unit: '/s',
				better: 'higher',
			},
		],
		sides: contenders.map((contender) => ({
			role: contender.side.role,
			label: contender.side.label,
			runs: runs.get(contender)!,
		})),
	};
}

/**
 * A 1,000-product catalogue sync on API v3: half the products exist in Stamped (found by customProductId and
 * updated), half are new (created). Counts what each side wrote, and any product created twice.
 */
export const catalogueScenario: Scenario = {
	id: 'catalogueSync',
	async run(ctx) {
		const sides = catalogueSides(ctx.sandbox);
		const items = Array.from({ length: CATALOGUE }, (_, i) => ({
			id: `sku-${String(i).padStart(5, '0')}`,
			title: `Product ${i} (synced)`,
			vendor: 'Roastery',
			price: (10 + (i % 90)).toFixed(2),
		}));
		const prepare = async () => {
			await ctx.sandbox.reset();
			await ctx.sandbox.seed({ stampedV3Products: CATALOGUE / 2 });
			await ctx.sandbox.configure({ latencyMs: LATENCY_MS, checkContract: false });
		};
		type Log = Awaited<ReturnType<Sandbox['log']>>;
		const written = (log: Log) => {
			const applied = log.filter((entry) => entry.applied);
			const idOf = (entry: Log[number]) =>
				String((entry.body as { customProductId?: string }).customProductId);
			const created = applied.filter((entry) => entry.method === 'POST').map(idOf);
			const updated = applied.filter((entry) => entry.method === 'PATCH').map(idOf);
			return {
				created,
				updated,
				products: new Set([...created, ...updated]).size,
				// A product created although it existed (seeded or created before): a duplicate in Stamped.
				duplicates:
					created.filter((id) => Number(id.slice(4)) < CATALOGUE / 2).length +
					(created.length - new Set(created).size),
			};
		};
		const runs = await alternateSides(ctx, sides, 'catalogue sync', async (side) => {
			const measured = await firstAndLaterRun(ctx, side, prepare, { items }, 300_000, {
				measureWork: side === sides.ours,
			});
			const [first, later] = [written(measured.firstLog), written(measured.laterLog)];
			const isList = (entry: Log[number]) =>
				entry.method === 'GET' && /\/products$/.test(entry.path);
			return {
				...timings(measured),
				requests: measured.laterLog.length,
				catalogueReads: measured.laterLog.filter(isList).length,
				lookups: measured.laterLog.filter((entry) => entry.path.endsWith('/products/lookup'))
					.length,
				records: later.products,
				created: later.created.length,
				updated: later.updated.length,
				duplicates: Math.max(first.duplicates, later.duplicates),
				failedItems:
					measured.later.status === 'success' && measured.first.status === 'success'
						? 0
						: CATALOGUE - Math.min(first.products, later.products),
			};
		});
		// Ours: the catalogue's pages, then one write per product, ITEMS_AT_ONCE at a time.
		const cataloguePages = Math.ceil((CATALOGUE / 2 + SANDBOX_V3_PRODUCTS.length) / PAGE_SIZE);
		const requestsOurs = cataloguePages + CATALOGUE;
		return {
			id: 'catalogueSync',
			title: `Sync a ${CATALOGUE.toLocaleString('en')}-product catalogue to Stamped (API v3, create or update)`,
			conditions: `${LATENCY_MS} ms latency per request; ${CATALOGUE / 2} of the products exist in Stamped already (updated), ${CATALOGUE / 2} are new (created), beside the sandbox's ${SANDBOX_V3_PRODUCTS.length}; every side in a fresh n8n process, run first right after n8n started, then once more`,
			limitText: `ours: the catalogue's ${cataloguePages} pages and a write per product, ${ITEMS_AT_ONCE} requests at a time: ${requestsOurs} × ${LATENCY_MS} ms ÷ ${ITEMS_AT_ONCE}; theirs: n8n's Batching (${HTTP_BATCH.batchSize} items a second) on the lookup, then on the writes: ${CATALOGUE / HTTP_BATCH.batchSize - 1} + ${CATALOGUE / 2 / HTTP_BATCH.batchSize - 1} intervals`,
			headline: 'wallS',
			limitMetric: 'nodeS',
			metrics: [
				...FIRST_AND_LATER_METRICS,
				WORK_METRIC,
				{ key: 'requests', label: 'requests', unit: '' },
				{ key: 'catalogueReads', label: 'of them, catalogue pages read', unit: '' },
				{ key: 'lookups', label: 'of them, lookups', unit: '' },
				{ key: 'records', label: 'products written', unit: '' },
				{ key: 'created', label: 'created', unit: '' },
				{ key: 'updated', label: 'updated', unit: '' },
				{ key: 'duplicates', label: 'duplicates', unit: '' },
				{ key: 'failedItems', label: 'products not written', unit: '' },
			],
			sides: [
				{
					role: 'ours',
					label: sides.ours.label,
					limit: seconds((requestsOurs * LATENCY_MS) / ITEMS_AT_ONCE),
					runs: runs.ours,
				},
				{
					role: 'theirs',
					label: sides.theirs.label,
					limit: seconds(
						(CATALOGUE / HTTP_BATCH.batchSize - 1 + (CATALOGUE / 2 / HTTP_BATCH.batchSize - 1)) *
							HTTP_BATCH.batchInterval +
							2 * LATENCY_MS,
					),
					runs: runs.theirs,
				},
			],
		};
	},
};

/** Export every order of a v3 shop (5,000), paged by `morePages`. */
export const orderExportScenario: Scenario = {
	id: 'orderExport',
	async run(ctx) {
		const sides = orderExportSides(ctx.sandbox);
		const pages = Math.ceil((ORDERS + SANDBOX_V3_ORDERS.length) / PAGE_SIZE);
		const prepare = async () => {
			await ctx.sandbox.reset();
			await ctx.sandbox.seed({ stampedV3Orders: ORDERS });
			await ctx.sandbox.configure({ latencyMs: LATENCY_MS, checkContract: false });
		};
		const out = (outcome: RunOutcome, side: Side) => {
			const items = outcome.status === 'success' ? outputItems(outcome, side.outputNode) : [];
			const ids = new Set(items.map((item) => String(item.orderId)));
			return { records: items.length, duplicates: items.length - ids.size };
		};
		const runs = await alternateSides(ctx, sides, 'order export', async (side) => {
			const measured = await firstAndLaterRun(ctx, side, prepare, {}, 180_000, {
				measureWork: side === sides.ours,
			});
			const [first, later] = [out(measured.first, side), out(measured.later, side)];
			return {
				...timings(measured),
				requests: measured.laterLog.length,
				records: Math.min(first.records, later.records),
				duplicates: Math.max(first.duplicates, later.duplicates),
			};
		});
		return {
			id: 'orderExport',
			title: `Export ${ORDERS.toLocaleString('en')} Stamped orders (API v3)`,
			conditions: `${LATENCY_MS} ms latency per request, pages of ${PAGE_SIZE}; the sandbox answers the order list as the reference types it (an array holding one page object); every side in a fresh n8n process, run first right after n8n started, then once more`,
			limitText: `pages × latency ÷ concurrency: ours ${pages} × ${LATENCY_MS} ms ÷ ${OUR_EXPORT_CONCURRENCY} (it asks for the next pages ahead, ${OUR_EXPORT_CONCURRENCY} at a time by default); theirs ${pages} × ${LATENCY_MS} ms (pagination asks one page at a time; v3 says only whether more pages follow)`,
			headline: 'wallS',
			limitMetric: 'nodeS',
			metrics: [
				...FIRST_AND_LATER_METRICS,
				WORK_METRIC,
				{ key: 'requests', label: 'requests', unit: '' },
				{ key: 'records', label: 'records out', unit: '' },
				{ key: 'duplicates', label: 'duplicates', unit: '' },
			],
			sides: [
				{
					role: 'ours',
					label: sides.ours.label,
					limit: seconds((pages * LATENCY_MS) / OUR_EXPORT_CONCURRENCY),
					runs: runs.ours,
				},
				{
					role: 'theirs',
					label: sides.theirs.label,
					limit: seconds(pages * LATENCY_MS),
					runs: runs.theirs,
				},
			],
		};
	},
};

export const SCENARIOS: Scenario[] = [
	exportScenario,
	rateLimitScenario,
	upsertScenario,
	stampScenario,
	pointsScenario,
	keyedStampScenario,
	reviewRequestScenario,
	webhookScenario('webhooks', "Webhook deliveries per second (n8n's default expression engine)"),
	webhookScenario(
		'webhooksLegacyEngine',
		'Webhook deliveries per second (N8N_EXPRESSION_ENGINE=legacy)',
		LEGACY_ENGINE,
	),
	catalogueScenario,
	orderExportScenario,
];
