/**
 * Measuring one workflow run in a running n8n: it is started by a delivery to its Webhook node (a production
 * execution, as a schedule or an app event would start it), followed through the public API until it stops, and
 * read back with its run data. Each side is timed by its nodes' own `executionTime` from that run data, so
 * neither the delivery nor the polling nor n8n's saving of the execution counts; the whole run's wall time (from
 * the delivery to the execution's `stoppedAt`) is kept beside it. n8n's memory is read from /proc meanwhile.
 */
import fs from 'node:fs';

import type { Execution, ExecutionSummary, N8n } from '../e2e/src/n8n';
import { waitFor } from '../e2e/src/processes';
import { postDelivery } from '../e2e/src/webhooks';
import type { Side } from './workflows';

const POLL_INTERVAL_MS = 200;
const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** A field of /proc/<pid>/status in bytes (VmRSS: resident now; VmHWM: the most it has been resident). */
export function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
		fs.readFileSync(`/proc/${pid}/status`, 'utf8'),
	);
	if (!match) throw new Error(`No ${field} in /proc/${pid}/status`);
	return Number(match[1]) * 1024;
}

/**
 * Samples a process's resident memory every few milliseconds until stopped. Regular nodes run in n8n's main
 * process (only Code nodes go to a task runner), so n8n's process is the one to watch.
 */
export class RssSampler {
	readonly beforeBytes: number;
	private peakBytes: number;
	private readonly timer: NodeJS.Timeout;

	constructor(
		private readonly pid: number,
		intervalMs = 10,
	) {
		this.beforeBytes = procStatusBytes(pid, 'VmRSS');
		this.peakBytes = this.beforeBytes;
		this.timer = setInterval(() => this.sample(), intervalMs);
	}

	private sample(): void {
		try {
			this.peakBytes = Math.max(this.peakBytes, procStatusBytes(this.pid, 'VmRSS'));
		} catch {
			// The process is gone; what was sampled stands.
		}
	}

	stop(): { beforeBytes: number; peakBytes: number } {
		clearInterval(this.timer);
		this.sample();
		return { beforeBytes: this.beforeBytes, peakBytes: this.peakBytes };
	}
}

export interface RunOutcome {
	status: string;
	/** The side's nodes' execution time summed (ms), from n8n's run data. */
	nodeMs: number;
	/** From sending the delivery to the execution's stop (ms). */
	wallMs: number;
	execution: Execution;
	memory?: { beforeBytes: number; peakBytes: number };
}

export interface RunOptions {
	url: string;
	/** The delivery's JSON body (per-item scenarios carry their items in it). */
	body?: unknown;
	timeoutMs: number;
	sampleMemory?: boolean;
}

async function newestExecution(
	n8n: N8n,
	workflowId: string,
): Promise<ExecutionSummary | undefined> {
	return (await n8n.latestExecutions(workflowId, 1))[0];
}

/** Runs a side's workflow once and reads its run data back. */
export async function runOnce(n8n: N8n, side: Side, options: RunOptions): Promise<RunOutcome> {
	const workflowId = side.workflow.id;
	const previousId = Number((await newestExecution(n8n, workflowId))?.id ?? 0);
	const sampler = options.sampleMemory && n8n.pid ? new RssSampler(n8n.pid) : undefined;
	const sentAt = Date.now();
	let finished: ExecutionSummary;
	let memory: RunOutcome['memory'];
	try {
		const answer = await postDelivery(options.url, JSON.stringify(options.body ?? {}), {});
		if (answer.status !== 200)
			throw new Error(
				`${side.label}: the Webhook answered HTTP ${answer.status}: ${answer.body.slice(0, 500)}`,
			);
		finished = await waitFor(
			`an execution of "${side.workflow.name}" to finish`,
			async () => {
				const newest = await newestExecution(n8n, workflowId);
				return newest && Number(newest.id) > previousId && FINISHED.has(newest.status ?? '')
					? newest
					: undefined;
			},
			options.timeoutMs,
			POLL_INTERVAL_MS,
		).catch(async (error) => {
			await stopRunning(n8n, workflowId, previousId);
			throw error;
		});
	} finally {
		memory = sampler?.stop();
	}
	const execution = await n8n.execution(finished.id);
	const runData = execution.data.resultData.runData;
	const nodeMs = side.measuredNodes.reduce(
		(sum, node) => sum + (runData[node]?.[0]?.executionTime ?? 0),
		0,
	);
	const stoppedAt = finished.stoppedAt ? Date.parse(finished.stoppedAt) : Date.now();
	return {
		status: finished.status ?? 'unknown',
		nodeMs,
		wallMs: stoppedAt - sentAt,
		execution,
		memory,
	};
}

/** Stops a run that took longer than the benchmark waits, so it does not skew what follows. */
async function stopRunning(n8n: N8n, workflowId: string, previousId: number): Promise<void> {
	const running = (await n8n.latestExecutions(workflowId, 5)).filter(
		(execution) => Number(execution.id) > previousId && !FINISHED.has(execution.status ?? ''),
	);
	for (const execution of running)
		await n8n.publicApi(`/executions/${execution.id}/stop`, 'POST', {}).catch(() => undefined);
}

/** The JSON of the items a node output in a run (first run, first output). */
export function outputItems(outcome: RunOutcome, node: string): Array<Record<string, unknown>> {
	return (outcome.execution.data.resultData.runData[node]?.[0]?.data?.main[0] ?? []).map(
		(item) => item.json,
	);
}

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
