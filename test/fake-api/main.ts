/**
 * Runs the seeded fake API as a process of its own: `node main.js [--port N]`. It prints one JSON line with its
 * URLs once it listens, and exits when its parent closes stdin (so it never outlives the playground or a test
 * run, even one that was killed) or on SIGTERM/SIGINT.
 */
import { sandboxOptions } from './sandbox';
import { FakeApi } from './server';

function portArgument(): number {
	const index = process.argv.indexOf('--port');
	const port = index >= 0 ? Number(process.argv[index + 1]) : 0;
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${process.argv[index + 1]}`);
	return port;
}

async function main(): Promise<void> {
	const api = await new FakeApi(sandboxOptions()).start(portArgument());
	const stop = () => void api.stop().finally(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	process.stdin.on('end', stop);
	process.stdin.on('close', stop);
	process.stdin.resume();
	console.log(JSON.stringify({ url: api.url, stampedUrl: api.stampedUrl, stempUrl: api.stempUrl }));
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
