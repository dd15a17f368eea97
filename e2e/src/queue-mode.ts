/**
 * n8n in queue mode, as shops run it when one instance is not enough: Redis carries the executions from a main
 * (`n8n start`: editor, REST API, activation) and webhook processes (`n8n webhook`: production webhooks) to
 * workers (`n8n worker`), all on one Postgres database. Every process loads the package from one shared user
 * folder, where it is installed the way users get it, and all share one encryption key. Everything listens on
 * 127.0.0.1; every process is stopped at the end, also on failure.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { N8nDistribution } from './install';
import { CURRENT_N8N, ensureInstalled } from './install';
import { N8n } from './n8n';
import { packPackage } from './package-under-test';
import { freePortPairsBelowEphemeral } from './ports';
import { dataFolder } from './paths';
import type { Postgres } from './postgres';
import { startPostgres } from './postgres';
import type { Redis } from './redis';
import { startRedis } from './redis';
import type { Sandbox } from './sandbox';
import { sandboxCredentials, startSandbox } from './sandbox';

export interface QueueClusterOptions {
	/** Names the shared data folder (`.n8n-<name>`), wiped first. */
	name: string;
	workflows?: object[];
	/** Workflows published before the main starts, so their webhooks are live when the processes are up. */
	publish?: string[];
	/** How many `n8n webhook` and `n8n worker` processes (default 1 and 2). */
	webhookProcesses?: number;
	workers?: number;
	dist?: N8nDistribution;
}

export interface QueueCluster {
	main: N8n;
	webhooks: N8n[];
	workers: N8n[];
	sandbox: Sandbox;
	redis: Redis;
	postgres: Postgres;
	/** The worker whose log says it ran this execution ("Worker started execution <id>"), if any did. */
	workerOf(executionId: string): N8n | undefined;
	stop(): Promise<void>;
}

/** Any fixed key works; what matters is that every process of the installation has the same one. */
const ENCRYPTION_KEY = 'queue-mode-e2e-encryption-key';

function queueEnv(redis: Redis, postgres: Postgres): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_DATABASE: postgres.database,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
	};
}

const stripColours = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Stops everything given, in order, each step even when an earlier one failed. */
async function stopAll(steps: Array<(() => Promise<void>) | undefined>): Promise<void> {
	for (const step of steps)
		await step?.().catch((error) => console.error('Stopping failed:', error));
}

export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const dist = options.dist ?? CURRENT_N8N;
	await ensureInstalled(dist);
	const userFolder = dataFolder(options.name, dist.dir);
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });

	let redis: Redis | undefined;
	let postgres: Postgres | undefined;
	let sandbox: Sandbox | undefined;
	const processes: N8n[] = [];
	const stop = () =>
		stopAll([
			// n8n first (workers finish their jobs), then what it talks to.
			() => Promise.all(processes.map((n8n) => n8n.stop())).then(() => undefined),
			sandbox?.stop,
			redis?.stop,
			postgres?.stop,
		]);
	try {
		const webhookCount = options.webhookProcesses ?? 1;
		const [redisPort, postgresPort, mainPort, ...ports] = await freePortPairsBelowEphemeral(
			3 + webhookCount + (options.workers ?? 2),
		);
		// All settled before going on, so that whatever did start is stopped below when another part failed.
		const started = await Promise.allSettled([
			// Their folders inside the data folder, which the next run wipes even if this one was interrupted.
			startRedis(redisPort, userFolder).then((server) => (redis = server)),
			startPostgres(postgresPort, userFolder).then((server) => (postgres = server)),
			startSandbox().then((server) => (sandbox = server)),
		]);
		for (const result of started) if (result.status === 'rejected') throw result.reason;
		if (!redis || !postgres || !sandbox)
			throw new Error('Redis, Postgres or the sandbox did not start');
		const main = new N8n({
			dist,
			userFolder,
			port: mainPort,
			env: queueEnv(redis, postgres),
			name: 'main',
		});
		processes.push(main);
		await main.installPackage(await packPackage(path.join(userFolder, 'pack')));
		await main.importCredentials(sandboxCredentials(sandbox));
		if (options.workflows?.length) await main.importWorkflows(options.workflows);
		for (const workflowId of options.publish ?? []) await main.publish(workflowId);
		// The main first: it activates the published workflows, which registers their webhooks for the webhook
		// processes, and sets up the owner the public API is used as.
		await main.start();
		await main.signIn();

		const sibling = (role: 'webhook' | 'worker', index: number, port: number) =>
			main.sibling({ role, name: `${role}-${index + 1}`, port });
		const webhooks = ports
			.slice(0, webhookCount)
			.map((port, index) => sibling('webhook', index, port));
		const workers = ports.slice(webhookCount).map((port, index) => sibling('worker', index, port));
		processes.push(...webhooks, ...workers);
		await Promise.all([...webhooks, ...workers].map((n8n) => n8n.start()));

		return {
			main,
			webhooks,
			workers,
			sandbox,
			redis,
			postgres,
			workerOf: (executionId) => {
				const started = new RegExp(`Worker started execution ${executionId} \\(`);
				return workers.find(
					(worker) =>
						fs.existsSync(worker.logFile) &&
						started.test(stripColours(fs.readFileSync(worker.logFile, 'utf8'))),
				);
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
