/**
 * Benchmark (not a test): Stamped "Get Many customers" with Return All over 20,000 customers from the fake
 * API, with a simulated latency per request, run inside n8n's engine at several concurrencies. Prints wall
 * time, requests sent, the best time the latency allows, and the process's memory.
 *
 *   npm run bench:export            (20,000 customers, 20 ms latency)
 *   npm run bench:export -- 5000 50 (customers, latency in ms)
 */
import { FakeApi } from '../test/fake-api/server';
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../test/fake-api/stamped-v2';
import { loadPackage, runNode } from '../test/harness/engine';
import { MAX_PAGE_SIZE as PAGE_SIZE } from '../nodes/core/paging';
import { DEFAULT_CONCURRENCY } from '../nodes/Stamped/transport/lists';

const customers = Number(process.argv[2] ?? 20_000);
const latencyMs = Number(process.argv[3] ?? 20);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function exportOnce(api: FakeApi, concurrency: number) {
	api.log.length = 0;
	api.maxInFlight = 0;
	global.gc?.();
	const rssBefore = process.memoryUsage().rss;
	let peakRss = rssBefore;
	let peakHeap = process.memoryUsage().heapUsed;
	const sampler = setInterval(() => {
		const usage = process.memoryUsage();
		peakRss = Math.max(peakRss, usage.rss);
		peakHeap = Math.max(peakHeap, usage.heapUsed);
	}, 20);
	const started = process.hrtime.bigint();
	const result = await runNode({
		type: 'stamped',
		parameters: {
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			options: { concurrency },
		},
		credentials: {
			stampedApi: {
				publicKey: STAMPED_PUBLIC_KEY,
				privateKey: STAMPED_PRIVATE_KEY,
				storeHash: STAMPED_STORE_HASH,
				baseUrl: api.stampedUrl,
			},
		},
	});
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	clearInterval(sampler);
	if (result.error) throw result.error;
	const emails = new Set(result.items.map((item) => item.json.email));
	const pages = Math.ceil(customers / PAGE_SIZE);
	const limitMs = (pages * latencyMs) / concurrency;
	return {
		concurrency,
		wallMs,
		limitMs,
		requests: api.log.length,
		maxInFlight: api.maxInFlight,
		records: result.items.length,
		duplicates: result.items.length - emails.size,
		rssBefore,
		peakRss,
		peakHeap,
	};
}

async function main() {
	const api = await new FakeApi().start();
	api.stamped.customers.clear();
	api.stamped.seedCustomers(customers);
	api.latencyMs = latencyMs;
	await loadPackage();
	// One small warm-up so that module loading is not timed.
	api.latencyMs = 0;
	await exportOnce(api, DEFAULT_CONCURRENCY);
	api.latencyMs = latencyMs;

	console.log(
		`Stamped Get Many customers, Return All: ${customers} customers, ${latencyMs} ms latency per request, pages of ${PAGE_SIZE}`,
	);
	console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
	console.log(
		'concurrency | wall time | limit (pages x latency / concurrency) | of limit | requests | records | duplicates | RSS before -> peak | peak heap',
	);
	for (const concurrency of [1, DEFAULT_CONCURRENCY, 10]) {
		const run = await exportOnce(api, concurrency);
		console.log(
			[
				`${run.concurrency}${run.concurrency === DEFAULT_CONCURRENCY ? ' (default)' : ''}`,
				`${(run.wallMs / 1000).toFixed(2)} s`,
				`${(run.limitMs / 1000).toFixed(2)} s`,
				`${((run.limitMs / run.wallMs) * 100).toFixed(0)} %`,
				run.requests,
				run.records,
				run.duplicates,
				`${mb(run.rssBefore)} -> ${mb(run.peakRss)}`,
				mb(run.peakHeap),
			].join(' | '),
		);
	}
	await api.stop();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
