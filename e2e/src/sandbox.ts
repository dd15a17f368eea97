/**
 * The sandbox of both vendor APIs (test/fake-api, compiled to e2e/build) as a child process, and a client for
 * its control endpoints: the request log the suite asserts on, and a reset to the seeded data.
 */
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';

import type { LoggedRequest } from '../../test/fake-api/server';
import { SANDBOX_KEYS } from '../../test/fake-api/sandbox';
import { SANDBOX_MAIN } from './paths';
import { startProcess, stopProcess } from './processes';

export type { LoggedRequest };

export interface Sandbox {
	url: string;
	stampedUrl: string;
	stempUrl: string;
	/** Every vendor request received since the last reset, oldest first. */
	log(): Promise<LoggedRequest[]>;
	/** The webhooks the vendors would have sent since the last reset (stemp card completions, Stamped tier changes). */
	events(): Promise<{ stemp: Array<{ type: string; walletPassId: string }>; stamped: { tierChanges: Array<{ email: string; oldTier?: string; newTier?: string }> } }>;
	/** Forgets the log and restores the seeded customers, reviews and passes. */
	reset(): Promise<void>;
	stop(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;

function readUrls(child: ChildProcess): Promise<{ url: string; stampedUrl: string; stempUrl: string }> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('The sandbox did not start in time')), START_TIMEOUT_MS);
		const lines = readline.createInterface({ input: child.stdout! });
		lines.once('line', (line) => {
			clearTimeout(timer);
			try {
				resolve(JSON.parse(line));
			} catch {
				reject(new Error(`The sandbox said: ${line}`));
			}
		});
		child.once('exit', (code) => reject(new Error(`The sandbox exited with ${code} before it listened`)));
	});
}

/** Starts the seeded fake API on 127.0.0.1 (`port` 0 picks a free one). */
export async function startSandbox(port = 0): Promise<Sandbox> {
	const child = startProcess(process.execPath, [SANDBOX_MAIN, '--port', String(port)], { stdinPipe: true });
	child.stderr!.pipe(process.stderr);
	const urls = await readUrls(child);
	const control = async (method: string, path: string): Promise<Response> => {
		const response = await fetch(urls.url + path, { method });
		if (!response.ok) throw new Error(`Sandbox ${method} ${path}: HTTP ${response.status}`);
		return response;
	};
	return {
		...urls,
		log: async () => (await (await control('GET', '/__log')).json()) as LoggedRequest[],
		events: async () => (await (await control('GET', '/__events')).json()) as Awaited<ReturnType<Sandbox['events']>>,
		reset: async () => void (await control('POST', '/__reset')),
		stop: () => stopProcess(child),
	};
}

/** The sandbox's credentials in `n8n import:credentials` form: fixed IDs that the example workflows name. */
export function sandboxCredentials(sandbox: Pick<Sandbox, 'stampedUrl' | 'stempUrl'>) {
	return [
		{
			id: SANDBOX_CREDENTIAL_IDS.stampedApi,
			name: 'Stamped sandbox',
			type: 'stampedApi',
			data: { ...SANDBOX_KEYS.stamped, baseUrl: sandbox.stampedUrl, webhookSecret: SANDBOX_KEYS.stampedWebhookSecret },
		},
		{
			id: SANDBOX_CREDENTIAL_IDS.stempApi,
			name: 'stemp sandbox',
			type: 'stempApi',
			data: { ...SANDBOX_KEYS.stemp, baseUrl: sandbox.stempUrl, webhookSigningSecret: SANDBOX_KEYS.stempWebhookSigningSecret },
		},
	];
}

export const SANDBOX_CREDENTIAL_IDS = { stampedApi: 'stampedSandbox', stempApi: 'stempSandbox' } as const;
