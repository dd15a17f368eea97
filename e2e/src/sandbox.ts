/**
 * The sandbox of both vendor APIs (test/fake-api, compiled to e2e/build) as a child process, and a client for
 * its control endpoints: the request log the suite asserts on, a reset to the seeded data, and the settings,
 * faults and bulk data the benchmark runs with.
 */
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';

import type { Fault, LoggedRequest, Seed, Settings } from '../../test/fake-api/server';
import type { MailMessage } from '../../test/fake-api/smtp';
import type { WebhookEndpoint } from '../../test/fake-api/stemp';
import { SANDBOX_KEYS } from '../../test/fake-api/sandbox';
import { SANDBOX_MAIN } from './paths';
import { startProcess, stopProcess } from './processes';

export type { Fault, LoggedRequest, MailMessage, Seed, Settings, WebhookEndpoint };

export interface Sandbox {
	url: string;
	stampedUrl: string;
	/** Stamped's API v3 (Loyalty 2.0). */
	stampedV3Url: string;
	stempUrl: string;
	/** The port of the sandbox's SMTP mailbox on 127.0.0.1. */
	smtpPort: number;
	/** Every vendor request received since the last reset, oldest first. */
	log(): Promise<LoggedRequest[]>;
	/** How many requests the log holds, and the most that were in flight at once, without the log itself. */
	stats(): Promise<{ requests: number; maxInFlight: number }>;
	/** Forgets the request log and the in-flight high-water mark, keeping data and settings. */
	clearLog(): Promise<void>;
	/** The webhooks the vendors would have sent since the last reset (stemp card completions, Stamped tier changes). */
	events(): Promise<{
		stemp: Array<{ type: string; walletPassId: string }>;
		stamped: { tierChanges: Array<{ email: string; oldTier?: string; newTier?: string }> };
	}>;
	/** The e-mails the sandbox's mailbox received since the last reset. */
	mail(): Promise<MailMessage[]>;
	/** Where Stamped v3 requests (or the sandbox's answers) differed from Stamped's published reference; read and forgotten. */
	contractViolations(): Promise<string[]>;
	/** Forgets the log, the mail, faults and settings, and restores the seeded customers, reviews and passes. */
	reset(): Promise<void>;
	/** Sets latency and the requests-per-second ceiling (until the next reset). */
	configure(settings: Settings): Promise<void>;
	/** Injects faults into the requests that match them (until they are used up or the next reset). */
	inject(faults: Fault[]): Promise<void>;
	/** Generates customers and passes in bulk (see `Seed`). */
	seed(seed: Seed): Promise<void>;
	/** stemp's registered webhook endpoints, each with its signing secret. */
	stempEndpoints(): Promise<WebhookEndpoint[]>;
	/** Deletes every stemp webhook endpoint, as someone doing it in stemp would. */
	deleteStempEndpoints(): Promise<void>;
	stop(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;

type SandboxAddresses = Pick<
	Sandbox,
	'url' | 'stampedUrl' | 'stampedV3Url' | 'stempUrl' | 'smtpPort'
>;

function readAddresses(child: ChildProcess): Promise<SandboxAddresses> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error('The sandbox did not start in time')),
			START_TIMEOUT_MS,
		);
		const lines = readline.createInterface({ input: child.stdout! });
		lines.once('line', (line) => {
			clearTimeout(timer);
			try {
				resolve(JSON.parse(line));
			} catch {
				reject(new Error(`The sandbox said: ${line}`));
			}
		});
		child.once('exit', (code) =>
			reject(new Error(`The sandbox exited with ${code} before it listened`)),
		);
	});
}

/** Starts the seeded fake API and its mailbox on 127.0.0.1 (port 0 picks a free one). */
export async function startSandbox(ports: { api?: number; smtp?: number } = {}): Promise<Sandbox> {
	const args = [
		SANDBOX_MAIN,
		'--port',
		String(ports.api ?? 0),
		'--smtp-port',
		String(ports.smtp ?? 0),
	];
	const child = startProcess(process.execPath, args, { stdinPipe: true });
	child.stderr!.pipe(process.stderr);
	const addresses = await readAddresses(child).catch(async (error: unknown) => {
		await stopProcess(child);
		throw error;
	});
	const control = async (method: string, path: string, body?: unknown): Promise<Response> => {
		const response = await fetch(addresses.url + path, {
			method,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok)
			throw new Error(
				`Sandbox ${method} ${path}: HTTP ${response.status} ${await response.text()}`,
			);
		return response;
	};
	return {
		...addresses,
		log: async () => (await (await control('GET', '/__log')).json()) as LoggedRequest[],
		stats: async () =>
			(await (await control('GET', '/__stats')).json()) as {
				requests: number;
				maxInFlight: number;
			},
		clearLog: async () => void (await control('DELETE', '/__log')),
		mail: async () => (await (await control('GET', '/__mail')).json()) as MailMessage[],
		contractViolations: async () => {
			const violations = (await (await control('GET', '/__contract')).json()) as string[];
			await control('DELETE', '/__contract');
			return violations;
		},
		events: async () =>
			(await (await control('GET', '/__events')).json()) as Awaited<ReturnType<Sandbox['events']>>,
		reset: async () => void (await control('POST', '/__reset')),
		configure: async (settings) => void (await control('POST', '/__settings', settings)),
		inject: async (faults) => void (await control('POST', '/__faults', faults)),
		seed: async (seed) => void (await control('POST', '/__seed', seed)),
		stempEndpoints: async () =>
			(await (await control('GET', '/__stemp/endpoints')).json()) as WebhookEndpoint[],
		deleteStempEndpoints: async () => void (await control('DELETE', '/__stemp/endpoints')),
		stop: () => stopProcess(child),
	};
}

/** The sandbox's credentials in `n8n import:credentials` form: fixed IDs that the example workflows name. */
export function sandboxCredentials(sandbox: SandboxAddresses) {
	return [
		{
			...sandboxCredentialRef('stampedApi'),
			type: 'stampedApi',
			data: {
				...SANDBOX_KEYS.stamped,
				baseUrl: sandbox.stampedUrl,
				webhookSecret: SANDBOX_KEYS.stampedWebhookSecret,
			},
		},
		{
			...sandboxCredentialRef('stampedApiV3'),
			type: 'stampedApi',
			data: { ...SANDBOX_KEYS.stampedV3, baseUrl: sandbox.stampedV3Url },
		},
		{
			...sandboxCredentialRef('stempApi'),
			type: 'stempApi',
			data: {
				...SANDBOX_KEYS.stemp,
				baseUrl: sandbox.stempUrl,
				webhookSigningSecret: SANDBOX_KEYS.stempWebhookSigningSecret,
			},
		},
		{
			// n8n's own SMTP credential, pointed at the sandbox's mailbox (no TLS, no login).
			...sandboxCredentialRef('smtp'),
			type: 'smtp',
			data: {
				host: '127.0.0.1',
				port: sandbox.smtpPort,
				secure: false,
				disableStartTls: true,
				user: '',
				password: '',
			},
		},
	];
}

/** A sandbox credential by the credential type it is of, except `stampedApiV3`: a `stampedApi` set to API v3. */
export type SandboxCredentialType = 'stampedApi' | 'stampedApiV3' | 'stempApi' | 'smtp';

const SANDBOX_CREDENTIAL_REFS: Record<SandboxCredentialType, { id: string; name: string }> = {
	stampedApi: { id: 'stampedSandbox', name: 'Stamped sandbox' },
	stampedApiV3: { id: 'stampedV3Sandbox', name: 'Stamped sandbox (API v3, Loyalty 2.0)' },
	stempApi: { id: 'stempSandbox', name: 'stemp sandbox' },
	smtp: { id: 'smtpSandbox', name: 'SMTP sandbox' },
};

/** How a workflow node names a sandbox credential (`node.credentials[type]`); the examples use the same. */
export function sandboxCredentialRef(type: SandboxCredentialType): { id: string; name: string } {
	return { ...SANDBOX_CREDENTIAL_REFS[type] };
}
