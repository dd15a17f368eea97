/**
 * `npm start`: a working playground. Starts the pinned n8n 2.x on 127.0.0.1 with the freshly built package
 * installed the way users get it, next to the sandbox (fake Stamped and stemp APIs with sample data, and a
 * mailbox). The first start imports the sandbox credentials and the example workflows and sets up a login;
 * later starts keep what was changed in n8n (data in e2e/.n8n-playground, git-ignored; delete it to start over).
 * Ctrl-C stops everything.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { ExampleWorkflow } from './examples';
import { loadExamples, startsFromVendorTrigger } from './examples';
import { sampleDeliveryCommand, triggerOf } from './sample-deliveries';
import { CURRENT_N8N, ensureInstalled, isInstalled, n8nVersion, pinnedN8nVersion } from './install';
import { N8n, OWNER } from './n8n';
import { packPackage } from './package-under-test';
import { isFree } from './ports';
import { dataFolder, PROJECT_ROOT } from './paths';
import { elapsed, PROGRESS_EVERY_MS, withProgress } from './progress';
import type { Sandbox } from './sandbox';
import { sandboxCredentials, startSandbox } from './sandbox';
import { SANDBOX_KEYS } from '../../test/fake-api/sandbox';
import { webhookUrl } from './webhooks';

const N8N_PORT = Number(process.env.PLAYGROUND_PORT ?? 5678);

/** How long the steps of a start take on a 2-core machine (measured; see the README's Playground). */
const INSTALL_ESTIMATE = 'about 5 to 10 minutes';
const SETUP_ESTIMATE = 'about 1 to 2 minutes';
const RESTART_ESTIMATE = 'about 30 seconds';
const SANDBOX_PORT = Number(process.env.PLAYGROUND_SANDBOX_PORT ?? 5690);

/** Which examples this data folder has imported already, so each is imported once and later edits survive. */
class ImportedExamples {
	constructor(private readonly file: string) {}

	ids(): string[] {
		return fs.existsSync(this.file) ? JSON.parse(fs.readFileSync(this.file, 'utf8')) : [];
	}

	add(ids: string[]): void {
		fs.writeFileSync(this.file, JSON.stringify([...this.ids(), ...ids], null, 2));
	}
}

async function checkPorts(): Promise<void> {
	const wanted = [
		[N8N_PORT, 'n8n (PLAYGROUND_PORT)'],
		[N8N_PORT + 1, "n8n's task broker (PLAYGROUND_PORT + 1)"],
		[SANDBOX_PORT, 'the sandbox (PLAYGROUND_SANDBOX_PORT)'],
		[SANDBOX_PORT + 1, "the sandbox's mailbox (PLAYGROUND_SANDBOX_PORT + 1)"],
	] as const;
	for (const [port, what] of wanted) {
		if (!(await isFree(port))) {
			throw new Error(
				`Port ${port} on 127.0.0.1, for ${what}, is in use. Is a playground already running? Choose other ports with PLAYGROUND_PORT / PLAYGROUND_SANDBOX_PORT.`,
			);
		}
	}
}

/** Imports the sandbox credentials (first start only) and the examples not imported yet; publishes trigger examples. */
async function importOnce(
	n8n: N8n,
	sandbox: Sandbox,
	firstStart: boolean,
): Promise<ExampleWorkflow[]> {
	if (firstStart) await n8n.importCredentials(sandboxCredentials(sandbox));
	const imported = new ImportedExamples(path.join(n8n.userFolder, 'imported-examples.json'));
	const known = new Set(imported.ids());
	const fresh = loadExamples().filter((example) => !known.has(example.id));
	if (fresh.length > 0) {
		await n8n.importWorkflows(fresh);
		for (const example of fresh.filter(startsFromVendorTrigger)) await n8n.publish(example.id);
		imported.add(fresh.map((example) => example.id));
	}
	return fresh;
}

/** Where each published trigger example listens, for sending it a delivery by hand (unpublished ones are left out). */
async function triggerUrls(n8n: N8n): Promise<Map<string, string>> {
	const urls = new Map<string, string>();
	for (const example of loadExamples().filter(startsFromVendorTrigger)) {
		const url = await webhookUrl(n8n, example.id).catch(() => undefined);
		if (url) urls.set(example.id, url);
	}
	return urls;
}

/**
 * The package's nodes as the running n8n loaded them, by the names its nodes panel shows; n8n's AI-tool twins of
 * the action nodes (`stampedTool`, named "Stamped Tool") are left out: the banner says they exist.
 */
async function packageNodes(n8n: N8n): Promise<string[]> {
	const prefix = `${PACKAGE_NAME}.`;
	const names = (await n8n.loadedNodes())
		.filter((type) => type.name.startsWith(prefix) && !type.name.endsWith('Tool'))
		.map((type) => type.displayName);
	return [...new Set(names)].sort((a, b) => a.localeCompare(b));
}

const PACKAGE_NAME = (
	JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string }
).name;

function banner(
	n8n: N8n,
	sandbox: Sandbox,
	started: number,
	webhookUrls: Map<string, string>,
	nodes: string[],
): string {
	const examples = loadExamples();
	const lines = [
		'',
		`n8n-nodes-stamped-stemp playground: n8n ${n8nVersion(CURRENT_N8N)} is running (ready in ${elapsed(Date.now() - started)})`,
		'',
		`  Open      http://localhost:${N8N_PORT}`,
		`  Log in    ${OWNER.email} / ${OWNER.password}   (a local test login, set up by the playground)`,
		`  Nodes     ${nodes.join(', ')} (the action nodes are AI Agent tools too)`,
		'            In the nodes panel search "Stamped" or "stemp". The Stamped Polling Trigger reads the sandbox\'s',
		'            reviews: add it with the "Stamped sandbox" credential and click "Fetch Test Event".',
		`  Sandbox   ${sandbox.url}  fake Stamped and stemp APIs with sample customers, reviews, passes and users`,
		`            requests it received: ${sandbox.url}/__log   e-mails: ${sandbox.url}/__mail`,
		'',
		'  Example workflows (open one, click "Execute workflow", then click a node to see its output):',
		...examples.map((example) => {
			const url = webhookUrls.get(example.id);
			const command = url && sampleDeliveryCommand(triggerOf(example) ?? '', url);
			return [
				`    - ${example.name}`,
				...(url ? [`        published, listening at ${url}`] : []),
				...(command
					? ['        send it a delivery (paste into a shell):', `          ${command}`]
					: []),
			].join('\n');
		}),
		'',
		'  A second run works on what the first changed (the sandbox keeps its data while it runs): points add up,',
		"  Jane's card completes on the first stamp and starts over at 0, a review request comes back queued: false,",
		'  the same Stamped delivery starts nothing. Back to the sample data:',
		`    curl -X POST ${sandbox.url}/__reset   (or stop and run npm start again)`,
		'',
		'  Webhook secrets of the sandbox credentials (what the vendors would send):',
		`    Stamped sandbox: Webhook Secret ${SANDBOX_KEYS.stampedWebhookSecret}   (header X-Stamped-Webhook-Secret)`,
		`    stemp sandbox:   Webhook Signing Secret ${SANDBOX_KEYS.stempWebhookSigningSecret}   (HMAC-SHA256 of the body in X-Stemp-Signature)`,
		'',
		'  The credentials "Stamped sandbox" (and its API v3 twin) and "stemp sandbox" point at the sandbox. To use',
		'  your real accounts, open them in n8n (Overview > Credentials) and set:',
		'    Stamped: Base URL https://stamped.io/api/v2, your API keys and Store Hash (Stamped: Settings > API Keys);',
		'             for a Loyalty 2.0 shop: API Version v3, Base URL https://stamped.io/api/v3 and your private key',
		'    stemp:   Base URL https://api.stemp.app/api/v1 and your API token (stemp developer portal)',
		'',
		`  n8n's log: ${path.relative(PROJECT_ROOT, n8n.logFile)}. Data: ${path.relative(PROJECT_ROOT, n8n.userFolder)} (delete it to start over).`,
		'  Ctrl-C stops n8n and the sandbox.',
		'',
	];
	return lines.join('\n');
}

async function main(): Promise<void> {
	const started = Date.now();
	await checkPorts();
	const userFolder = dataFolder('playground');
	const n8n = new N8n({ dist: CURRENT_N8N, userFolder, port: N8N_PORT });
	const firstStart = !fs.existsSync(n8n.databaseFile);
	const every = `a progress line every ${PROGRESS_EVERY_MS / 1000} s`;
	if (!isInstalled(CURRENT_N8N))
		console.log(
			`First start: installing n8n ${pinnedN8nVersion(CURRENT_N8N)} and the Node.js 24 it runs on into e2e/ (${INSTALL_ESTIMATE}, once), then setting n8n up (${SETUP_ESTIMATE}); ${every}.`,
		);
	else
		console.log(
			`Starting the playground (${firstStart ? SETUP_ESTIMATE : RESTART_ESTIMATE}; ${every})...`,
		);
	await ensureInstalled(CURRENT_N8N);
	fs.mkdirSync(userFolder, { recursive: true });

	console.log('Packing the built package and installing it into the playground n8n...');
	await withProgress('packing and installing the package', async () =>
		n8n.installPackage(await packPackage(path.join(userFolder, 'pack'))),
	);
	const sandbox = await startSandbox({ api: SANDBOX_PORT, smtp: SANDBOX_PORT + 1 });
	const stopAll = async () => {
		await n8n.stop();
		await sandbox.stop();
	};
	try {
		console.log(
			firstStart
				? "Setting up n8n: its database, the sandbox credentials and the example workflows (each step boots n8n's CLI)..."
				: 'Importing the examples not imported yet...',
		);
		await withProgress('importing into n8n', () => importOnce(n8n, sandbox, firstStart));
		console.log('Starting n8n...');
		await withProgress(`starting n8n (its log: ${path.relative(PROJECT_ROOT, n8n.logFile)})`, () =>
			n8n.start(),
		);
		await n8n.signIn();
	} catch (error) {
		await stopAll();
		throw error;
	}
	console.log(banner(n8n, sandbox, started, await triggerUrls(n8n), await packageNodes(n8n)));
	// Runs until Ctrl-C (processes.ts stops the children) or until n8n stops by itself.
	await n8n.exited();
	console.error(`n8n stopped. Its log: ${n8n.logFile}\n${n8n.logTail(2000)}`);
	await stopAll();
	process.exit(1);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
