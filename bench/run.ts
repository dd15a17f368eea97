/**
 * `npm run bench`: this package's nodes against n8n's own HTTP Request and Webhook nodes, in the same real n8n
 * (the pinned 2.x the end-to-end suite runs) on the same sandbox. Starts n8n and the sandbox, runs every
 * scenario (scenarios.ts) over several rounds, alternating the sides, prints medians and ratios, and writes
 * BENCHMARKS.md, bench/results/chart.svg and bench/results/results.json. Every process it starts is stopped when
 * it ends, also on failure or Ctrl-C (e2e/src/processes.ts).
 *
 *   npm run bench                       every scenario, 3 rounds
 *   npm run bench -- --rounds 5         more rounds
 *   npm run bench -- --only export,webhooks --no-write
 *   npm run bench -- --only catalogueSync,orderExport   these alone; the others keep their last figures
 *   npm run bench -- --report-only      BENCHMARKS.md and the chart again from bench/results/results.json,
 *                                       measuring nothing (after a change to the report's wording)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { CURRENT_N8N, n8nVersion } from '../e2e/src/install';
import { prepareInstance } from '../e2e/src/instance';
import { PROJECT_ROOT } from '../e2e/src/paths';
import { runOrThrow } from '../e2e/src/processes';
import type { Sandbox } from '../e2e/src/sandbox';
import { webhookUrl } from '../e2e/src/webhooks';
import type { BenchResults } from './report';
import { printSummary, resultsFile, writeReport } from './report';
import type { BenchContext, ScenarioResult } from './scenarios';
import { SCENARIOS } from './scenarios';
import {
	catalogueSides,
	exportSides,
	httpCredentials,
	orderExportSides,
	pointsSides,
	reviewRequestSides,
	stampSides,
	upsertSides,
	WEBHOOK_SIDES,
} from './workflows';

const MAX_ROUNDS = 20;

interface Options {
	rounds: number;
	only?: string[];
	write: boolean;
	reportOnly: boolean;
}

function parseOptions(args: string[]): Options {
	const options: Options = { rounds: 3, write: true, reportOnly: false };
	for (let i = 0; i < args.length; i++) {
		const [name, value] = [args[i], args[i + 1]];
		if (name === '--rounds') {
			options.rounds = Number(value);
			i++;
			if (!Number.isInteger(options.rounds) || options.rounds < 1 || options.rounds > MAX_ROUNDS)
				throw new Error(`--rounds takes 1 to ${MAX_ROUNDS}`);
		} else if (name === '--only') {
			options.only = String(value ?? '').split(',');
			i++;
			const unknown = options.only.filter(
				(id) => !SCENARIOS.some((scenario) => scenario.id === id),
			);
			if (unknown.length)
				throw new Error(
					`Unknown scenario ${unknown.join(', ')}; there are ${SCENARIOS.map((scenario) => scenario.id).join(', ')}`,
				);
		} else if (name === '--no-write') {
			options.write = false;
		} else if (name === '--report-only') {
			options.reportOnly = true;
		} else {
			throw new Error(`Unknown option ${name}; see bench/run.ts`);
		}
	}
	return options;
}

/** Every workflow the scenarios run, imported once. */
function benchWorkflows(sandbox: Sandbox): object[] {
	return [
		exportSides(sandbox),
		upsertSides(sandbox),
		stampSides(sandbox),
		pointsSides(sandbox),
		reviewRequestSides(sandbox),
		catalogueSides(sandbox),
		orderExportSides(sandbox),
	]
		.flatMap((sides) => [sides.ours.workflow, sides.theirs.workflow])
		.concat(WEBHOOK_SIDES.map((side) => side.workflow));
}

async function nodeVersionOf(binary: string): Promise<string> {
	return (await runOrThrow(binary, ['--version'], { timeoutMs: 30_000 })).stdout.trim();
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const started = new Date();
	const loadAverageStart = os.loadavg();
	const log = (line: string) => console.log(line);

	if (options.reportOnly) {
		const results = JSON.parse(fs.readFileSync(resultsFile(PROJECT_ROOT), 'utf8')) as BenchResults;
		printSummary(results, log);
		const written = writeReport(results, PROJECT_ROOT);
		log(
			`\nWrote ${written.map((file) => path.relative(PROJECT_ROOT, file)).join(', ')} from the results of ${results.startedAt}`,
		);
		return;
	}

	log(`Preparing n8n ${n8nVersion(CURRENT_N8N)} and the sandbox...`);
	const instance = await prepareInstance({
		dist: CURRENT_N8N,
		name: 'bench',
		credentials: httpCredentials,
		workflows: benchWorkflows,
	});
	const { n8n, sandbox } = instance;
	try {
		await n8n.start();
		await n8n.signIn();
		for (const workflow of benchWorkflows(sandbox) as Array<{ id: string }>)
			await n8n.publishNow(workflow.id);

		const urls = new Map<string, string>();
		const ctx: BenchContext = {
			n8n,
			sandbox,
			rounds: options.rounds,
			urlOf: async (workflowId) => {
				if (!urls.has(workflowId)) urls.set(workflowId, await webhookUrl(n8n, workflowId));
				return urls.get(workflowId)!;
			},
			restart: async (env = {}) => {
				await n8n.stop();
				n8n.envOverrides = env;
				await n8n.start();
				await n8n.signIn();
			},
			log,
		};

		const scenarios: ScenarioResult[] = [];
		for (const scenario of SCENARIOS.filter(
			(candidate) => !options.only || options.only.includes(candidate.id),
		)) {
			const scenarioStarted = Date.now();
			log(`\n${scenario.id}:`);
			scenarios.push(await scenario.run(ctx));
			log(`  (${Math.round((Date.now() - scenarioStarted) / 1000)} s)`);
		}

		const finished = new Date();
		const cpus = os.cpus();
		const results: BenchResults = {
			command: `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`,
			startedAt: started.toISOString(),
			durationS: Math.round((finished.getTime() - started.getTime()) / 1000),
			rounds: options.rounds,
			machine: {
				cpus: cpus.length,
				cpuModel: cpus[0]?.model ?? 'unknown',
				memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
				os: `${os.type()} ${os.release()} ${os.arch()}`,
				benchNode: process.version,
				n8nNode: await nodeVersionOf(CURRENT_N8N.nodeBinary),
				n8n: n8nVersion(CURRENT_N8N),
				loadAverageStart,
				loadAverageEnd: os.loadavg(),
			},
			scenarios,
		};
		printSummary(results, log);
		const tookS = results.durationS;
		if (options.write) {
			// With --only, the scenarios not run keep their figures from the last full run.
			const previousFile = resultsFile(PROJECT_ROOT);
			if (options.only && fs.existsSync(previousFile)) {
				const previous = JSON.parse(fs.readFileSync(previousFile, 'utf8')) as BenchResults;
				const ran = new Set(scenarios.map((scenario) => scenario.id));
				const load = results.machine.loadAverageStart.map((value) => value.toFixed(2)).join(' / ');
				for (const scenario of scenarios)
					scenario.ranAlone = `Run alone, after the run described above: \`${results.command}\` on ${results.startedAt.slice(0, 10)} (${results.rounds} rounds, ${results.machine.cpus} cores, ${results.machine.cpuModel}, load average ${load} at its start). Its two sides compare with each other, not with the figures of other sections.`;
				const merged = { ...previous };
				merged.scenarios = [
					...previous.scenarios.filter((scenario) => !ran.has(scenario.id)),
					...scenarios,
				].sort(
					(a, b) =>
						SCENARIOS.findIndex((entry) => entry.id === a.id) -
						SCENARIOS.findIndex((entry) => entry.id === b.id),
				);
				Object.assign(results, merged);
			}
			const written = writeReport(results, PROJECT_ROOT);
			log(`\nWrote ${written.map((file) => path.relative(PROJECT_ROOT, file)).join(', ')}`);
		}
		log(`\nThe benchmark took ${tookS} s.`);
	} finally {
		await instance.stop();
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exitCode = 1;
});
