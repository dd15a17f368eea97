/**
 * Drives a real n8n: its CLI for imports and headless runs (`n8n execute`), and `n8n start` as a server on
 * 127.0.0.1 with its REST API (owner login, credential tests) and published webhooks. One instance is one data
 * folder (N8N_USER_FOLDER) with the package installed the way users get it: packed, then npm-installed into
 * `.n8n/nodes`, so its node ids are the real `n8n-nodes-stamped-stemp.<name>`.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import type { N8nDistribution } from './install';
import { n8nBin, n8nVersion } from './install';
import type { RunResult } from './processes';
import { runCommand, runOrThrow, startProcess, stopProcess, waitFor } from './processes';

/** The owner account the instance is set up with (a local test login, printed by the playground). */
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Play',
	lastName: 'Ground',
	password: 'Playground-1234',
};

const CLI_TIMEOUT_MS = 120_000;
const SERVER_START_TIMEOUT_MS = 120_000;

/**
 * Which n8n process `start` runs: the main (`n8n start`: editor, REST API, webhooks, and in regular mode the
 * executions), or in queue mode a webhook process (`n8n webhook`) or a worker (`n8n worker`).
 */
export type N8nRole = 'main' | 'webhook' | 'worker';

const ROLE_COMMAND: Record<N8nRole, string> = {
	main: 'start',
	webhook: 'webhook',
	worker: 'worker',
};

export interface N8nOptions {
	dist: N8nDistribution;
	/** N8N_USER_FOLDER: n8n keeps `.n8n/` (database, encryption key, installed nodes) below it. */
	userFolder: string;
	/**
	 * HTTP port of the process `start` runs (a worker's is its health server); also used to derive the task
	 * broker's port (port + 1).
	 */
	port: number;
	/** Defaults to 'main'. */
	role?: N8nRole;
	/** Added to every command's environment, over the defaults: queue mode, a database other than SQLite. */
	env?: Record<string, string>;
	/** Names the server's log file, `<name>.log` in the user folder (default `n8n`): processes sharing a folder need their own. */
	name?: string;
}

/** One run of one node: its output, and how long it ran (ms) by n8n's own clock. */
export interface TaskData {
	data?: { main: Array<Array<{ json: Record<string, unknown> }>> };
	executionTime?: number;
	startTime?: number;
	error?: N8nError;
}

export interface Execution {
	/** The run's data as n8n stores it (`data.resultData.runData[nodeName][run].data.main[output]`). */
	data: {
		resultData: {
			runData: Record<string, TaskData[]>;
			error?: N8nError;
			lastNodeExecuted?: string;
		};
	};
	status?: string;
}

/** What the public API tells about an execution besides its data. */
export interface ExecutionSummary {
	id: string;
	finished: boolean;
	mode: string;
	status?: string;
	startedAt?: string;
	stoppedAt?: string | null;
}

export interface N8nError {
	message: string;
	description?: string;
	name?: string;
	node?: { name: string; type: string };
}

export interface ExecuteResult {
	ok: boolean;
	execution?: Execution;
	/** Everything n8n printed, for assertions on messages and for debugging. */
	output: string;
}

/** The JSON run data `n8n execute` prints (pretty-printed: from a line `{` to the next line `}`). */
export function parseExecuteOutput(output: string): Execution | undefined {
	const start = output.search(/^\{$/m);
	if (start < 0) return undefined;
	const end = output.indexOf('\n}', start);
	if (end < 0) return undefined;
	return JSON.parse(output.slice(start, end + 2));
}

/** The items a node output (first run, first output), as plain JSON objects. */
export function nodeOutput(execution: Execution, nodeName: string): Array<Record<string, unknown>> {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs)
		throw new Error(
			`Node "${nodeName}" did not run; ran: ${Object.keys(execution.data.resultData.runData).join(', ')}`,
		);
	return (runs[0].data?.main[0] ?? []).map((item) => item.json);
}

export class N8n {
	readonly dist: N8nDistribution;
	readonly userFolder: string;
	readonly port: number;
	readonly baseUrl: string;
	readonly role: N8nRole;
	readonly name: string;
	private readonly extraEnv: Record<string, string>;
	/** Settings for the next start on top of the others, e.g. another expression engine for one benchmark. */
	envOverrides: Record<string, string> = {};
	private server: ChildProcess | undefined;
	private cookie = '';
	private apiKey = '';

	constructor(options: N8nOptions) {
		this.dist = options.dist;
		this.userFolder = options.userFolder;
		this.port = options.port;
		this.baseUrl = `http://127.0.0.1:${options.port}`;
		this.role = options.role ?? 'main';
		this.name = options.name ?? 'n8n';
		this.extraEnv = options.env ?? {};
	}

	/** Another process of the same installation (same folder, database and settings), e.g. a worker of this main. */
	sibling(options: { role: N8nRole; name: string; port: number }): N8n {
		return new N8n({
			dist: this.dist,
			userFolder: this.userFolder,
			env: this.extraEnv,
			...options,
		});
	}

	get logFile(): string {
		return path.join(this.userFolder, `${this.name}.log`);
	}

	get databaseFile(): string {
		return path.join(this.userFolder, '.n8n', 'database.sqlite');
	}

	/** The environment every n8n command of this instance runs with: local, quiet, self-contained. */
	env(): NodeJS.ProcessEnv {
		const tmp = path.join(this.userFolder, 'tmp');
		fs.mkdirSync(tmp, { recursive: true });
		return {
			PATH: `${path.dirname(this.dist.nodeBinary)}${path.delimiter}${process.env.PATH ?? ''}`,
			HOME: process.env.HOME,
			TMPDIR: tmp,
			N8N_USER_FOLDER: this.userFolder,
			DB_TYPE: 'sqlite',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.port + 1),
			N8N_WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_EDITOR_BASE_URL: `http://localhost:${this.port}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			// A worker answers health checks on its own server; `start` waits for its readiness there.
			...(this.role === 'worker'
				? {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(this.port),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					}
				: {}),
			...this.dist.env,
			...this.extraEnv,
			...this.envOverrides,
		};
	}

	/**
	 * Runs one SQL query on this instance's database and returns the rows, with n8n's own Node.js: its built-in
	 * SQLite driver, or n8n's `pg` module for Postgres. Parameters are `?` placeholders; quote camelCase columns
	 * ("workflowId"), as Postgres needs.
	 */
	async queryDatabase<T = Record<string, unknown>>(
		sql: string,
		params: Array<string | number> = [],
	): Promise<T[]> {
		const env = this.env();
		const script =
			env.DB_TYPE === 'postgresdb'
				? `
				const { Client } = require('pg');
				const [sql, params] = JSON.parse(process.argv[1]);
				let n = 0;
				const client = new Client({ host: process.env.DB_POSTGRESDB_HOST, port: Number(process.env.DB_POSTGRESDB_PORT),
					user: process.env.DB_POSTGRESDB_USER, database: process.env.DB_POSTGRESDB_DATABASE });
				client.connect()
					.then(() => client.query(sql.replace(/[?]/g, () => '$' + ++n), params))
					.then((result) => console.log(JSON.stringify(result.rows)))
					.finally(() => client.end());`
				: `
				const { DatabaseSync } = require('node:sqlite');
				const [sql, params] = JSON.parse(process.argv[1]);
				const db = new DatabaseSync(process.env.DATABASE_FILE, { readOnly: true });
				console.log(JSON.stringify(db.prepare(sql).all(...params)));`;
		const { stdout } = await runOrThrow(
			this.dist.nodeBinary,
			['--no-warnings', '-e', script, JSON.stringify([sql, params])],
			{
				cwd: this.dist.dir,
				env: { ...env, DATABASE_FILE: this.databaseFile },
				timeoutMs: 30_000,
			},
		);
		return JSON.parse(stdout) as T[];
	}

	/** Installs the packed package into `.n8n/nodes`, as n8n's own community-package install does. */
	async installPackage(tarball: string): Promise<void> {
		const nodesDir = path.join(this.userFolder, '.n8n', 'nodes');
		fs.mkdirSync(nodesDir, { recursive: true });
		// Its own package.json, or npm would walk up and install into the nearest project instead.
		const manifest = path.join(nodesDir, 'package.json');
		if (!fs.existsSync(manifest))
			fs.writeFileSync(
				manifest,
				JSON.stringify({ name: 'installed-nodes', private: true }, null, 2),
			);
		// --omit=peer: n8n-workflow must come from n8n itself, not a second copy next to the package.
		await runOrThrow(
			'npm',
			[
				'install',
				tarball,
				'--omit=peer',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--prefer-offline',
				'--loglevel=error',
			],
			{ cwd: nodesDir, timeoutMs: CLI_TIMEOUT_MS },
		);
	}

	/** Runs `n8n <args>` to completion (each command boots n8n: about 3 s). */
	cli(args: string[], timeoutMs = CLI_TIMEOUT_MS): Promise<RunResult> {
		return runCommand(this.dist.nodeBinary, [n8nBin(this.dist), ...args], {
			env: this.env(),
			timeoutMs,
		});
	}

	private async cliOrThrow(args: string[]): Promise<RunResult> {
		const result = await this.cli(args);
		if (
			result.code !== 0 ||
			/An error occurred|Error importing|not successful/i.test(result.stdout)
		) {
			throw new Error(
				`n8n ${args.join(' ')} failed (${result.code}):\n${(result.stdout + result.stderr).slice(-4000)}`,
			);
		}
		return result;
	}

	/** Imports credentials given with plain data; n8n encrypts them with this instance's key. */
	async importCredentials(credentials: object[]): Promise<void> {
		const file = path.join(this.userFolder, 'import-credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		try {
			await this.cliOrThrow(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** Imports workflow JSON objects (each carries its `id`) in one command. */
	async importWorkflows(workflows: object[]): Promise<void> {
		const dir = fs.mkdtempSync(path.join(this.userFolder, 'import-'));
		try {
			// `active` defaults to false: n8n before 1.9x refuses a workflow file without it (NOT NULL constraint).
			workflows.forEach((workflow, index) =>
				fs.writeFileSync(
					path.join(dir, `${index}.json`),
					JSON.stringify({ active: false, ...workflow }),
				),
			);
			await this.cliOrThrow(['import:workflow', '--separate', `--input=${dir}`]);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}

	/** Runs a workflow headlessly from its Manual Trigger (`n8n execute --id`), as n8n's CLI does. */
	async execute(workflowId: string): Promise<ExecuteResult> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const output = result.stdout + result.stderr;
		const execution = parseExecuteOutput(result.stdout);
		return { ok: result.code === 0 && !execution?.data.resultData.error, execution, output };
	}

	/** Makes a workflow's triggers live at the next `start` (n8n 2.x publishes; n8n 1.x activates). */
	async publish(workflowId: string): Promise<void> {
		const isLegacy = Number(this.version().split('.')[0]) < 2;
		await this.cliOrThrow(
			isLegacy
				? ['update:workflow', `--id=${workflowId}`, '--active=true']
				: ['publish:workflow', `--id=${workflowId}`],
		);
	}

	version(): string {
		return n8nVersion(this.dist);
	}

	/** Starts `n8n start` (or the role's command) and waits until it is ready; its output goes to `logFile`. */
	async start(): Promise<void> {
		if (this.server) throw new Error('n8n is already running');
		const command = ROLE_COMMAND[this.role];
		this.server = startProcess(this.dist.nodeBinary, [n8nBin(this.dist), command], {
			env: this.env(),
			logFile: this.logFile,
		});
		const server = this.server;
		let exited = false;
		server.once('exit', () => (exited = true));
		await waitFor(
			`n8n ${command} at ${this.baseUrl} (log: ${this.logFile})`,
			async () => {
				if (exited) throw new Error(`n8n exited while starting; see ${this.logFile}`);
				const response = await fetch(`${this.baseUrl}/healthz/readiness`);
				return response.ok ? true : undefined;
			},
			SERVER_START_TIMEOUT_MS,
			500,
		).catch((error) => {
			if (exited) throw new Error(`n8n exited while starting:\n${this.logTail()}`);
			throw error;
		});
	}

	/** Resolves when the server started by `start` exits. */
	exited(): Promise<void> {
		const server = this.server;
		if (!server || server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
		return new Promise((resolve) => server.once('exit', () => resolve()));
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		await stopProcess(this.server, 15_000);
		this.server = undefined;
		this.cookie = '';
		this.apiKey = '';
	}

	logTail(chars = 4000): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8').slice(-chars) : '';
	}

	/** Calls n8n's REST API with the owner's session cookie (if logged in). Returns the parsed `data`. */
	async rest<T = unknown>(
		method: string,
		urlPath: string,
		body?: unknown,
	): Promise<{ status: number; data: T; raw: unknown }> {
		const response = await fetch(`${this.baseUrl}/rest${urlPath}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				...(this.cookie ? { Cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie?.startsWith('n8n-auth=')) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		let raw: unknown = text;
		try {
			raw = JSON.parse(text);
		} catch {
			// Not JSON: keep the text.
		}
		const data = (
			raw && typeof raw === 'object' && 'data' in raw ? (raw as { data: T }).data : raw
		) as T;
		return { status: response.status, data, raw };
	}

	/** The node types the running server loaded (`/types/nodes.json`, what the editor reads), names only. */
	async loadedNodeTypes(): Promise<string[]> {
		return [...new Set((await this.loadedNodes()).map((type) => type.name))].sort();
	}

	/** The node types the running server loaded, with the names the editor shows (one entry per node version). */
	async loadedNodes(): Promise<Array<{ name: string; displayName: string }>> {
		const response = await fetch(`${this.baseUrl}/types/nodes.json`, {
			headers: this.cookie ? { Cookie: this.cookie } : {},
		});
		if (!response.ok) throw new Error(`GET /types/nodes.json: HTTP ${response.status}`);
		return (await response.json()) as Array<{ name: string; displayName: string }>;
	}

	/** Sets up the owner account on a fresh instance, or logs in to an existing one. */
	async signIn(): Promise<void> {
		const settings = await this.rest<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>(
			'GET',
			'/settings',
		);
		if (settings.data.userManagement?.showSetupOnFirstLoad) {
			const setup = await this.rest('POST', '/owner/setup', OWNER);
			if (setup.status !== 200)
				throw new Error(`Owner setup failed (HTTP ${setup.status}): ${JSON.stringify(setup.raw)}`);
			return;
		}
		const login = await this.rest('POST', '/login', {
			emailOrLdapLoginId: OWNER.email,
			password: OWNER.password,
		});
		if (login.status !== 200)
			throw new Error(`Login failed (HTTP ${login.status}): ${JSON.stringify(login.raw)}`);
	}

	/** Calls n8n's public API (`/api/v1`) with an API key made for the owner on first use. */
	async publicApi<T = unknown>(urlPath: string, method = 'GET', body?: unknown): Promise<T> {
		if (!this.apiKey) {
			const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
			const created = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', {
				label: `e2e-${Date.now()}`,
				scopes: scopes.data,
				expiresAt: null,
			});
			if (created.status !== 200)
				throw new Error(
					`Creating an API key failed (HTTP ${created.status}): ${JSON.stringify(created.raw)}`,
				);
			this.apiKey = created.data.rawApiKey;
		}
		const response = await fetch(`${this.baseUrl}/api/v1${urlPath}`, {
			method,
			headers: {
				'X-N8N-API-KEY': this.apiKey,
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok)
			throw new Error(
				`${method} /api/v1${urlPath}: HTTP ${response.status} ${await response.text()}`,
			);
		return (await response.json()) as T;
	}

	/** Publishes (activates) a workflow in the running server, without a restart (public API). */
	async publishNow(workflowId: string): Promise<void> {
		await this.publicApi(`/workflows/${encodeURIComponent(workflowId)}/publish`, 'POST', {});
	}

	/** One execution with its data (public API). */
	async execution(executionId: string): Promise<ExecutionSummary & Execution> {
		return await this.publicApi(`/executions/${encodeURIComponent(executionId)}?includeData=true`);
	}

	/** The process ID of the server started by `start` (for reading its memory in /proc). */
	get pid(): number | undefined {
		return this.server?.pid;
	}

	/** A workflow's finished executions with their data, newest first (public API). */
	async executions(workflowId: string): Promise<Array<ExecutionSummary & Execution>> {
		const page = await this.publicApi<{ data: Array<ExecutionSummary & Execution> }>(
			`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=100`,
		);
		return page.data;
	}

	/** A workflow's latest executions without their data, newest first (public API). */
	async latestExecutions(workflowId: string, limit = 5): Promise<ExecutionSummary[]> {
		const page = await this.publicApi<{ data: ExecutionSummary[] }>(
			`/executions?workflowId=${encodeURIComponent(workflowId)}&limit=${limit}`,
		);
		return page.data;
	}
}
