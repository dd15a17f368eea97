/**
 * Benchmark (not a test): the 20,000-customer Return All export and 2,000 customer upserts in n8n 2.x, once in
 * queue mode (Redis, Postgres, a main, a webhook process, two workers) and once in a single n8n (regular mode,
 * SQLite) on the same machine, in the same run. Work reaches n8n as production webhook calls, so queue mode hands
 * every execution to a worker; "split" scenarios start several executions at once, which is how queue mode
 * spreads work over workers (one execution always runs on one worker). The workflows are the single-instance
 * benchmark's own (bench/workflows.ts); each mode's sandbox answers with a fixed latency per request and counts
 * the requests in flight at once, which shows how the per-execution concurrency adds up across executions.
 *
 *   npm run bench:queue              (20,000 customers, 2,000 upserts, 20 ms latency)
 *   npm run bench:queue -- 5000 500  (customers, upserts)
 *
 * Writes its tables into BENCHMARKS.md between the queue-mode markers (the rest of the file is left as it is)
 * and prints them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { CURRENT_N8N, n8nVersion } from '../e2e/src/install';
import { prepareInstance } from '../e2e/src/instance';
import type { N8n } from '../e2e/src/n8n';
import { PROJECT_ROOT } from '../e2e/src/paths';
import { waitFor } from '../e2e/src/processes';
import { startQueueCluster } from '../e2e/src/queue-mode';
import type { Sandbox } from '../e2e/src/sandbox';
import { webhookUrl } from '../e2e/src/webhooks';
import type { WorkflowJson } from '../e2e/tests/support/workflows';
import { ITEMS_AT_ONCE } from '../nodes/core/operation';
import { QUEUE_SECTION_END, QUEUE_SECTION_START } from './report';
import { databaseTime, LATENCY_MS, OUR_EXPORT_CONCURRENCY } from './scenarios';
import { OUR_EXPORT, OUR_UPSERT } from './workflows';

const customers = Number(process.argv[2] ?? 20_000);
const upserts = Number(process.argv[3] ?? 2_000);
const UPSERT_SPLIT = 8; // executions the upserts are split into
const RUN_TIMEOUT_MS = 10 * 60_000;
const WORKFLOWS = [OUR_EXPORT.workflow, OUR_UPSERT.workflow];

interface Target {
	label: string;
	sandbox: Sandbox;
	/** Where webhooks are called (the webhook process in queue mode). */
	webhooks: N8n;
	/** Where executions are looked up. */
	main: N8n;
	/** Which process ran an execution ('worker-1', ...; the main in regular mode). */
	ranOn(executionId: string): string;
}

interface Run {
	scenario: string;
	executions: number;
	wallMs: number;
	requests: number;
	maxInFlight: number;
	records?: number;
	ranOn: string;
}

interface ExecutionRow {
	id: string | number;
	status: string;
	stoppedAt: string | null;
}

async function executions(n8n: N8n, workflowId: string): Promise<ExecutionRow[]> {
	return await n8n.queryDatabase<ExecutionRow>(
		'SELECT id, status, "stoppedAt" FROM execution_entity WHERE "workflowId" = ?',
		[workflowId],
	);
}

/**
 * Starts `bodies.length` executions of a workflow at once and waits until all have finished successfully. The
 * wall time runs to the last execution's stop as n8n recorded it, so how often this polls does not count.
 */
async function runAtOnce(
	target: Target,
	workflow: WorkflowJson,
	bodies: unknown[],
	scenario: string,
): Promise<Run> {
	const url = await webhookUrl(target.webhooks, workflow.id);
	const known = new Set((await executions(target.main, workflow.id)).map((row) => String(row.id)));
	await target.sandbox.clearLog();
	const started = Date.now();
	const answers = await Promise.all(
		bodies.map(
			async (body) =>
				(
					await fetch(url, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: JSON.stringify(body),
					})
				).status,
		),
	);
	if (answers.some((status) => status !== 200))
		throw new Error(`${scenario}: webhook answered ${answers.join(', ')}`);
	const finished = await waitFor(
		`${bodies.length} execution(s) of ${workflow.id}`,
		async () => {
			const fresh = (await executions(target.main, workflow.id)).filter(
				(row) => !known.has(String(row.id)),
			);
			const failed = fresh.find((row) => row.status === 'error' || row.status === 'crashed');
			if (failed)
				throw new Error(`${scenario}: execution ${failed.id} ended with ${failed.status}`);
			return fresh.length === bodies.length &&
				fresh.every((row) => row.status === 'success' && row.stoppedAt)
				? fresh
				: undefined;
		},
		RUN_TIMEOUT_MS,
		1000,
	);
	const wallMs = Math.max(...finished.map((row) => databaseTime(row.stoppedAt!))) - started;
	const placement = new Map<string, number>();
	for (const { id } of finished)
		placement.set(target.ranOn(String(id)), (placement.get(target.ranOn(String(id))) ?? 0) + 1);
	const stats = await target.sandbox.stats();
	return {
		scenario,
		executions: bodies.length,
		wallMs,
		requests: stats.requests,
		maxInFlight: stats.maxInFlight,
		ranOn: [...placement]
			.sort()
			.map(([process, count]) => `${process}: ${count}`)
			.join(', '),
	};
}

/** Records the export output, read back for one execution (the public API's copy of the run data). */
async function exportedRecords(target: Target): Promise<number> {
	const [latest] = (await executions(target.main, OUR_EXPORT.workflow.id))
		.map((row) => String(row.id))
		.sort((a, b) => Number(b) - Number(a));
	const execution = await target.main.publicApi<{
		data: { resultData: { runData: Record<string, Array<{ data?: { main: unknown[][] } }>> } };
	}>(`/executions/${latest}?includeData=true`);
	return execution.data.resultData.runData[OUR_EXPORT.outputNode][0].data?.main[0].length ?? 0;
}

async function runScenarios(target: Target): Promise<Run[]> {
	const { sandbox } = target;
	// Warm-up on the sandbox's few seeded customers: two of each at once, so that every worker has loaded the
	// nodes before anything is timed.
	const warmUpPeople = [0, 1].map((i) => ({
		items: [{ email: `warmup${i}@example.com`, firstName: 'Warm' }],
	}));
	await runAtOnce(target, OUR_EXPORT.workflow, [{}, {}], 'warm-up');
	await runAtOnce(target, OUR_UPSERT.workflow, warmUpPeople, 'warm-up');
	await sandbox.seed({ stampedCustomers: customers });
	await sandbox.configure({ latencyMs: LATENCY_MS });

	const runs: Run[] = [];
	const one = await runAtOnce(target, OUR_EXPORT.workflow, [{}], 'export, 1 execution');
	runs.push({ ...one, records: await exportedRecords(target) });
	runs.push(await runAtOnce(target, OUR_EXPORT.workflow, [{}, {}], 'export, 2 executions at once'));

	const people = Array.from({ length: upserts }, (_, i) => ({
		email: `bench${String(i).padStart(5, '0')}@example.com`,
		firstName: `Bench${i}`,
	}));
	runs.push(
		await runAtOnce(
			target,
			OUR_UPSERT.workflow,
			[{ items: people }],
			`${upserts} upserts, 1 execution`,
		),
	);
	const size = Math.ceil(upserts / UPSERT_SPLIT);
	const parts = Array.from({ length: UPSERT_SPLIT }, (_, part) => ({
		items: people.slice(part * size, (part + 1) * size),
	}));
	runs.push(
		await runAtOnce(
			target,
			OUR_UPSERT.workflow,
			parts,
			`${upserts} upserts, ${UPSERT_SPLIT} executions of ${size} at once`,
		),
	);
	return runs;
}

async function inQueueMode(): Promise<Run[]> {
	const cluster = await startQueueCluster({
		name: 'bench-queue',
		workflows: WORKFLOWS,
		publish: WORKFLOWS.map((workflow) => workflow.id),
		workers: 2,
	});
	try {
		return await runScenarios({
			label: 'queue mode',
			sandbox: cluster.sandbox,
			webhooks: cluster.webhooks[0],
			main: cluster.main,
			ranOn: (executionId) => cluster.workerOf(executionId)?.name ?? 'not a worker',
		});
	} finally {
		await cluster.stop();
	}
}

async function inRegularMode(): Promise<Run[]> {
	const instance = await prepareInstance({
		dist: CURRENT_N8N,
		name: 'bench-regular',
		workflows: WORKFLOWS,
	});
	try {
		for (const workflow of WORKFLOWS) await instance.n8n.publish(workflow.id);
		await instance.n8n.start();
		await instance.n8n.signIn();
		return await runScenarios({
			label: 'single n8n',
			sandbox: instance.sandbox,
			webhooks: instance.n8n,
			main: instance.n8n,
			ranOn: () => 'main',
		});
	} finally {
		await instance.stop();
	}
}

function table(runs: Array<Run & { mode: string }>): string {
	const lines = [
		'| mode | scenario | wall time | requests | most requests in flight at the API | ran on (executions) |',
		'|---|---|---|---|---|---|',
	];
	for (const run of runs) {
		const records = run.records === undefined ? '' : ` (${run.records} records)`;
		lines.push(
			`| ${run.mode} | ${run.scenario}${records} | ${(run.wallMs / 1000).toFixed(1)} s | ${run.requests} | ${run.maxInFlight} | ${run.ranOn} |`,
		);
	}
	return lines.join('\n');
}

const [START, END] = [QUEUE_SECTION_START, QUEUE_SECTION_END];

function writeSection(body: string): void {
	const file = path.join(PROJECT_ROOT, 'BENCHMARKS.md');
	const section = `${START}\n${body}\n${END}`;
	const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
	const [before, rest] = current.includes(START)
		? current.split(START)
		: [current.trimEnd() + '\n\n', END];
	const after = rest.slice(rest.indexOf(END) + END.length);
	fs.writeFileSync(file, `${before}${section}${after}`.trimEnd() + '\n');
}

async function main(): Promise<void> {
	const runs: Array<Run & { mode: string }> = [];
	// Each mode has a sandbox of its own, seeded the same way.
	for (const [mode, run] of [
		['queue mode', inQueueMode],
		['single n8n', inRegularMode],
	] as const) {
		for (const result of await run())
			if (result.scenario !== 'warm-up') runs.push({ ...result, mode });
	}
	const body = [
		'## Queue mode',
		'',
		`n8n ${n8nVersion(CURRENT_N8N)} in queue mode (Redis, Postgres 17, one main, one webhook process, two workers with n8n's default`,
		`concurrency of 10 jobs each) beside a single n8n (regular mode, SQLite), measured in the same run on the same machine:`,
		`${customers.toLocaleString('en')} customers in the sandbox's Stamped API v2, ${LATENCY_MS} ms latency per request, Return All with the default`,
		`concurrency of ${OUR_EXPORT_CONCURRENCY}; the upserts are ${upserts.toLocaleString('en')} new customers sent in webhook bodies. Each scenario's executions are`,
		'started at once by production webhook calls; wall time runs from the first call until all executions have',
		`finished (its stop as n8n recorded it). Node ${process.version} runs the benchmark and the sandbox; ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB.`,
		'',
		table(runs),
		'',
		'One run of each scenario: small differences between the two modes are noise.',
		'',
		'How to read it: on one machine the workers share the cores a single n8n has, so queue mode does not make',
		'one scenario faster here; it spreads executions over processes, and in production over machines. What cuts',
		`the wall time, in both modes, is splitting work into executions that run at once: within an execution at most ${ITEMS_AT_ONCE}`,
		'upserts are in flight. The requests in flight at the API add up across executions, whichever process runs',
		`them: two exports at once allow 2 x ${OUR_EXPORT_CONCURRENCY}, ${UPSERT_SPLIT} upsert executions ${UPSERT_SPLIT} x ${ITEMS_AT_ONCE} (docs/scaling.md).`,
	].join('\n');
	writeSection(body);
	console.log(body);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
