/**
 * One ready n8n for a test file or the playground: a data folder with the packed package installed, the
 * sandbox running, and the sandbox credentials and given workflows imported.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { N8nDistribution } from './install';
import { ensureInstalled } from './install';
import { N8n } from './n8n';
import { freePortPairsBelowEphemeral } from './ports';
import type { PackageName } from './package-under-test';
import { packNamed } from './package-under-test';
import { dataFolder } from './paths';
import type { Sandbox } from './sandbox';
import { sandboxCredentials, startSandbox } from './sandbox';

export interface Instance {
	n8n: N8n;
	sandbox: Sandbox;
	/** Stops the server (if started) and the sandbox. */
	stop(): Promise<void>;
}

export interface InstanceOptions {
	dist: N8nDistribution;
	/** Names the data folder (`.n8n-<name>`), wiped first: every run starts from a fresh n8n. */
	name: string;
	/** Workflows to import; a function when they need the sandbox's addresses (HTTP Request nodes' URLs). */
	workflows?: object[] | ((sandbox: Sandbox) => object[]);
	/** Credentials to import besides the sandbox's own, e.g. generic HTTP credentials holding the sandbox keys. */
	credentials?: (sandbox: Sandbox) => object[];
	/** Where the data folder goes; it must be below `dist.dir` (see dataFolder). Defaults to `dist.dir`. */
	under?: string;
	/**
	 * The package installed: the combined n8n-nodes-stamped-stemp (default), or one vendor's package alone. With
	 * a vendor package only the sandbox credentials of types it defines (and n8n's own) are imported.
	 */
	package?: PackageName;
	/** Added to n8n's environment, e.g. `N8N_WEBHOOK_URL` for a public https address. */
	env?: Record<string, string>;
}

export async function prepareInstance(options: InstanceOptions): Promise<Instance> {
	await ensureInstalled(options.dist);
	const userFolder = dataFolder(options.name, options.under ?? options.dist.dir);
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });

	const n8n = new N8n({
		dist: options.dist,
		userFolder,
		port: (await freePortPairsBelowEphemeral(1))[0],
		env: options.env,
	});
	const sandbox = await startSandbox();
	try {
		const packageName = options.package ?? 'n8n-nodes-stamped-stemp';
		await n8n.installPackage(await packNamed(packageName, path.join(userFolder, 'pack')));
		const foreignType =
			packageName === 'n8n-nodes-stamped'
				? 'stempApi'
				: packageName === 'n8n-nodes-stemp'
					? 'stampedApi'
					: undefined;
		await n8n.importCredentials([
			...sandboxCredentials(sandbox).filter((credential) => credential.type !== foreignType),
			...(options.credentials?.(sandbox) ?? []),
		]);
		const workflows =
			typeof options.workflows === 'function' ? options.workflows(sandbox) : options.workflows;
		if (workflows?.length) await n8n.importWorkflows(workflows);
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
	return {
		n8n,
		sandbox,
		stop: async () => {
			await n8n.stop();
			await sandbox.stop();
		},
	};
}
