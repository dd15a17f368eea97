/**
 * Runs the seeded fake API, with its SMTP mailbox, as a process of its own:
 * `node main.js [--port N] [--smtp-port N]` (0, the default, picks free ports). It prints one JSON line with its
 * URLs and the mailbox's port once both listen, and exits when its parent closes stdin (so it never outlives
 * the playground or a test run, even one that was killed) or on SIGTERM/SIGINT.
 */
import { sandboxOptions } from './sandbox';
import { FakeApi } from './server';
import { SmtpSink } from './smtp';

function portArgument(name: string): number {
	const index = process.argv.indexOf(name);
	const port = index >= 0 ? Number(process.argv[index + 1]) : 0;
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`${name} must be a port number, not ${process.argv[index + 1]}`);
	return port;
}

async function main(): Promise<void> {
	const api = await new FakeApi(sandboxOptions()).start(portArgument('--port'));
	const mailbox = new SmtpSink();
	const smtpPort = await mailbox.start(portArgument('--smtp-port'));
	api.mailbox = mailbox;
	const stop = () => void Promise.all([api.stop(), mailbox.stop()]).finally(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	process.stdin.on('end', stop);
	process.stdin.on('close', stop);
	process.stdin.resume();
	console.log(
		JSON.stringify({
			url: api.url,
			stampedUrl: api.stampedUrl,
			stampedV3Url: api.stampedV3Url,
			stempUrl: api.stempUrl,
			smtpPort,
		}),
	);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
