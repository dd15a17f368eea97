/**
 * Installs what the queue-mode suite runs (n8n 2.x with Node 24 in e2e/, Postgres 17 in e2e/postgres/) before
 * the tests start, and stops early, saying what to install, when Redis is missing (a Debian package, not an npm
 * one).
 */
import { CURRENT_N8N, ensureInstalled } from './install';
import { ensurePostgresInstalled } from './postgres';
import { redisServerPath } from './redis';

async function main(): Promise<void> {
	if (!redisServerPath())
		throw new Error(
			'The queue-mode suite needs redis-server; on Debian or Ubuntu: apt-get install -y redis-server',
		);
	await Promise.all([ensureInstalled(CURRENT_N8N), ensurePostgresInstalled()]);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
