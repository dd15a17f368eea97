/**
 * Benchmark (not a test): the Stamped Polling Trigger (review.created) over a store of 10,000 reviews, run in
 * n8n's poll context against the fake API with a simulated latency. Prints requests and time per poll for
 * polls with nothing new, a handful new, and a backlog of several pages.
 *
 *   npm run bench:polling              (10,000 reviews, 20 ms latency)
 *   npm run bench:polling -- 50000 50  (reviews, latency in ms)
 */
import { FakeApi } from '../test/fake-api/server';
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../test/fake-api/stamped-v2';
import { PollerUnderTest } from '../test/harness/poll';

const reviews = Number(process.argv[2] ?? 10_000);
const latencyMs = Number(process.argv[3] ?? 20);
const ROUNDS = 5;

async function main() {
	const api = await new FakeApi().start();
	api.stamped.dashboard.seed(reviews);
	api.latencyMs = latencyMs;
	const node = new PollerUnderTest(
		'stampedPollingTrigger',
		{ event: 'review.created' },
		{
			stampedApi: {
				publicKey: STAMPED_PUBLIC_KEY,
				privateKey: STAMPED_PRIVATE_KEY,
				storeHash: STAMPED_STORE_HASH,
				baseUrl: api.stampedUrl,
			},
		},
	);
	await node.poll(); // activation: records the watermark
	await node.poll(); // warm-up

	console.log(
		`Stamped Polling Trigger, review.created: ${reviews} reviews in the store, ${latencyMs} ms latency per request`,
	);
	console.log(
		'| new reviews per poll | requests per poll | time per poll (median of 5) | emitted |',
	);
	console.log('|---|---|---|---|');
	for (const fresh of [0, 3, 10, 250]) {
		const times: number[] = [];
		let requests = 0;
		let emitted = 0;
		for (let round = 0; round < ROUNDS; round++) {
			for (let i = 0; i < fresh; i++) api.stamped.dashboard.add();
			api.log.length = 0;
			const started = process.hrtime.bigint();
			const items = await node.poll();
			times.push(Number(process.hrtime.bigint() - started) / 1e6);
			requests = Math.max(requests, api.log.length);
			emitted = items?.length ?? 0;
			if (emitted !== fresh)
				throw new Error(`expected ${fresh} reviews, the poll emitted ${emitted}`);
		}
		const median = times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
		console.log(`| ${fresh} | ${requests} | ${median.toFixed(0)} ms | ${emitted} |`);
	}
	await api.stop();
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
