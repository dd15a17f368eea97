/** The hooks every e2e file shares, and running a workflow that must succeed. */
import type { Instance, InstanceOptions } from '../../src/instance';
import { prepareInstance } from '../../src/instance';
import type { Execution } from '../../src/n8n';
import type { QueueCluster, QueueClusterOptions } from '../../src/queue-mode';
import { startQueueCluster } from '../../src/queue-mode';

export type InstanceHandle = Pick<Instance, 'n8n' | 'sandbox'>;

/**
 * One fresh n8n and sandbox for the test file (optionally serving, with `publish` workflows published first),
 * stopped after the file, the sandbox's data and log reset before each test. The handle is usable in tests.
 */
export function useInstance(
	options: InstanceOptions & { serve?: boolean; publish?: string[] },
	setupTimeoutMs = 180_000,
): InstanceHandle {
	let instance: Instance | undefined;
	beforeAll(async () => {
		instance = await prepareInstance(options);
		if (!options.serve) return;
		for (const workflowId of options.publish ?? []) await instance.n8n.publish(workflowId);
		await instance.n8n.start();
		await instance.n8n.signIn();
	}, setupTimeoutMs);
	afterAll(async () => {
		await instance?.stop();
	});
	beforeEach(async () => {
		await current().sandbox.reset();
	});
	const current = (): Instance => {
		if (!instance)
			throw new Error('The n8n instance is not ready: its setup failed (see the first error)');
		return instance;
	};
	return {
		get n8n() {
			return current().n8n;
		},
		get sandbox() {
			return current().sandbox;
		},
	};
}

/** Runs a workflow with `n8n execute` and expects success (on failure, n8n's output is in the assertion). */
export async function executeOk(instance: InstanceHandle, workflowId: string): Promise<Execution> {
	const { ok, execution, output } = await instance.n8n.execute(workflowId);
	expect({ ok, output: ok ? '' : output.slice(-3000) }).toEqual({ ok: true, output: '' });
	return execution!;
}

/**
 * n8n in queue mode for the test file (see startQueueCluster), stopped after the file; the sandbox's data and
 * log are reset before each test.
 */
export function useQueueCluster(
	options: QueueClusterOptions,
	setupTimeoutMs = 300_000,
): QueueCluster {
	let cluster: QueueCluster | undefined;
	beforeAll(async () => {
		cluster = await startQueueCluster(options);
	}, setupTimeoutMs);
	afterAll(async () => {
		await cluster?.stop();
	}, 60_000);
	beforeEach(async () => {
		await current().sandbox.reset();
	});
	const current = (): QueueCluster => {
		if (!cluster)
			throw new Error(
				'The queue-mode cluster is not ready: its setup failed (see the first error)',
			);
		return cluster;
	};
	// Every property read goes to the running cluster, so the handle can be taken at the top of a test file.
	return new Proxy({} as QueueCluster, {
		get: (_, property) => current()[property as keyof QueueCluster],
	});
}
