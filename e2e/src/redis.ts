/**
 * A throwaway Redis for n8n's queue mode: Debian's `redis-server` on 127.0.0.1, on a free port, with no
 * persistence, in a temporary folder that is removed when it stops. Redis is not an npm package: install it with
 * `apt-get install -y redis-server` (`.ci/run` does when it is missing).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { startProcess, stopProcess, temporaryFolder, waitFor } from './processes';

export interface Redis {
	host: string;
	port: number;
	logFile: string;
	stop(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;

export function redisServerPath(): string | undefined {
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Sends PING and resolves with the first reply line (`+PONG` when Redis is ready). */
function ping(port: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(2000, () => socket.destroy(new Error('no answer')));
		socket.once('error', reject);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			resolve(data.toString('utf8').split('\r\n')[0]);
			socket.end();
		});
	});
}

/** Starts Redis on `port` (pick one with freePortPairsBelowEphemeral), its folder under `parent`. */
export async function startRedis(port: number, parent?: string): Promise<Redis> {
	const server = redisServerPath();
	if (!server)
		throw new Error(
			'redis-server is not installed; on Debian or Ubuntu: apt-get install -y redis-server',
		);
	const { path: dir, remove } = temporaryFolder('redis-', parent);
	const logFile = path.join(dir, 'redis.log');
	// No snapshots, no append-only file: a queue for one test run, nothing to keep.
	const args = [
		'--bind',
		'127.0.0.1',
		'--port',
		String(port),
		'--dir',
		dir,
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
	];
	const child = startProcess(server, args, { logFile });
	const stop = async () => {
		await stopProcess(child, 5_000);
		remove();
	};
	try {
		await waitFor(
			`Redis on port ${port} (log: ${logFile})`,
			async () => {
				if (child.exitCode !== null)
					throw new Error(`redis-server exited: ${fs.readFileSync(logFile, 'utf8').slice(-1000)}`);
				return (await ping(port)) === '+PONG' ? true : undefined;
			},
			START_TIMEOUT_MS,
			100,
		);
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: '127.0.0.1', port, logFile, stop };
}
