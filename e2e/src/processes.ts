/**
 * Child processes that never outlive the script that started them: each runs in a process group of its own,
 * every group still alive is killed when this process exits (normally, on an error, or on Ctrl-C), and on Linux
 * the kernel also sends SIGTERM to the child if this process dies without cleaning up (`setpriv --pdeathsig`).
 */
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

let cleanupInstalled = false;
function installCleanup(): void {
	if (cleanupInstalled) return;
	cleanupInstalled = true;
	process.on('exit', () => running.forEach((child) => killGroup(child, 'SIGKILL')));
	// First Ctrl-C: let every child shut down cleanly (bounded by stopProcess); a second one exits at once.
	let stopping = false;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			if (stopping) process.exit(130);
			stopping = true;
			void Promise.all([...running].map((child) => stopProcess(child))).finally(() =>
				process.exit(130),
			);
		});
	}
}

const hasSetpriv =
	process.platform === 'linux' &&
	spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;

export interface StartOptions {
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	/** Appends the child's stdout and stderr to this file (created if missing); otherwise they are piped. */
	logFile?: string;
	/** Keep stdin open as a pipe: a child that exits when stdin closes then dies with this process. */
	stdinPipe?: boolean;
	/** Run as this user and group id (needs root): for programs that refuse to run as root, such as Postgres. */
	uid?: number;
	gid?: number;
}

/** Starts a long-running child in its own process group. Stop it with `stopProcess`. */
export function startProcess(
	command: string,
	args: string[],
	options: StartOptions = {},
): ChildProcess {
	installCleanup();
	const output = options.logFile ? fs.openSync(options.logFile, 'a') : 'pipe';
	const [file, argv] = hasSetpriv
		? ['setpriv', ['--pdeathsig', 'SIGTERM', '--', command, ...args]]
		: [command, args];
	const spawnOptions: SpawnOptions = {
		cwd: options.cwd,
		env: options.env ?? process.env,
		detached: true,
		stdio: [options.stdinPipe ? 'pipe' : 'ignore', output, output],
		uid: options.uid,
		gid: options.gid,
	};
	const child = spawn(file, argv, spawnOptions);
	if (typeof output === 'number') fs.closeSync(output);
	running.add(child);
	child.once('exit', () => running.delete(child));
	return child;
}

/** SIGTERM to the child's group, then SIGKILL if it has not exited after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

export interface RunResult {
	code: number | null;
	stdout: string;
	stderr: string;
	/** Set when the command was killed for running longer than its timeout. */
	timedOut: boolean;
}

export interface RunOptions {
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	timeoutMs: number;
	uid?: number;
	gid?: number;
}

/** Runs a command to completion, killing its whole group if it takes longer than `timeoutMs`. */
export async function runCommand(
	command: string,
	args: string[],
	options: RunOptions,
): Promise<RunResult> {
	installCleanup();
	const { cwd, env, uid, gid } = options;
	const child = spawn(command, args, {
		cwd,
		env: env ?? process.env,
		uid,
		gid,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	running.add(child);
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		killGroup(child, 'SIGKILL');
	}, options.timeoutMs);
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (exitCode) => resolve(exitCode));
	}).finally(() => {
		clearTimeout(timer);
		running.delete(child);
	});
	return { code, stdout, stderr, timedOut };
}

/** Like runCommand, but throws with the command's output when it fails or times out. */
export async function runOrThrow(
	command: string,
	args: string[],
	options: RunOptions,
): Promise<RunResult> {
	const result = await runCommand(command, args, options);
	if (result.code !== 0) {
		const why = result.timedOut
			? `timed out after ${options.timeoutMs} ms`
			: `exited with ${result.code}`;
		throw new Error(
			`${command} ${args.join(' ')} ${why}\n${(result.stdout + result.stderr).slice(-4000)}`,
		);
	}
	return result;
}

/** Polls `check` every `intervalMs` until it returns a value, or throws (with its last error) after `timeoutMs`. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined>,
	timeoutMs: number,
	intervalMs = 250,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		const value = await check().catch((error) => {
			lastError = error;
			return undefined;
		});
		if (value !== undefined) return value;
		if (Date.now() > deadline) {
			const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/**
 * A new folder for a server's data that must not outlive the run, under `parent` (default: the system's
 * temporary folder): removed by `remove()`, or when this process exits without calling it. Jest's sandbox does
 * not always get to run exit handlers on Ctrl-C, so callers that can pass a parent which is wiped at the next run.
 */
export function temporaryFolder(
	prefix: string,
	parent = os.tmpdir(),
): { path: string; remove(): void } {
	const dir = fs.mkdtempSync(path.join(parent, prefix));
	const remove = () => {
		process.off('exit', remove);
		fs.rmSync(dir, { recursive: true, force: true });
	};
	process.on('exit', remove);
	return { path: dir, remove };
}
