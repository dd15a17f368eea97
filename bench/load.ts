/**
 * The webhook load generator, a process of its own so that its work is not mixed with the benchmark's:
 * `node load.js '<json LoadSpec>'` sends `count` deliveries to one URL on 127.0.0.1 over kept-alive connections,
 * `concurrency` at a time, and stops early when `timeLimitMs` is over. Every delivery is distinct (its own
 * delivery id, its own body), so the triggers' redelivery memory starts an execution for each. It prints one
 * JSON line: what was sent, what was answered, and how long it took.
 */
import http from 'node:http';

import { stempSignature } from '../e2e/src/webhooks';

export interface LoadSpec {
	url: string;
	/** How a delivery is made: as Stamped sends it (secret header), as stemp signs it, or a bare JSON POST. */
	delivery: 'stamped' | 'stemp' | 'plain';
	count: number;
	concurrency: number;
	timeLimitMs: number;
	/** Makes this run's deliveries differ from every other run's. */
	runId: string;
	secrets: { stamped: string; stemp: string };
}

export interface LoadResult {
	sent: number;
	/** Deliveries answered 2xx. */
	accepted: number;
	statuses: Record<string, number>;
	elapsedMs: number;
	/** When the first delivery was sent (ms since the epoch). */
	startedAt: number;
}

function delivery(
	spec: LoadSpec,
	index: number,
): { body: string; headers: Record<string, string> } {
	const id = `${spec.runId}-${index}`;
	if (spec.delivery === 'stemp') {
		const body = JSON.stringify({
			id: `evt_${id}`,
			type: 'stamp.card_completed',
			timestamp: new Date().toISOString(),
			data: { walletPassId: `wp_${id}`, timesCompleted: 1 },
		});
		return {
			body,
			headers: {
				'X-Stemp-Event': 'stamp.card_completed',
				'X-Stemp-Delivery': `dlv_${id}`,
				'X-Stemp-Signature': stempSignature(spec.secrets.stemp, body),
			},
		};
	}
	// Stamped sends no event id: its trigger tells deliveries apart by their body, which differs here.
	const body = JSON.stringify({
		email: `load-${id}@example.com`,
		oldTier: 'Silver',
		newTier: 'Gold',
		points: 1500 + index,
	});
	const headers: Record<string, string> = { 'X-Stamped-Topic': 'Rewards VIP' };
	if (spec.delivery === 'stamped') headers['X-Stamped-Webhook-Secret'] = spec.secrets.stamped;
	return { body, headers };
}

function post(
	agent: http.Agent,
	url: URL,
	body: string,
	headers: Record<string, string>,
): Promise<number> {
	return new Promise((resolve) => {
		const request = http.request(
			url,
			{
				method: 'POST',
				agent,
				headers: {
					...headers,
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(body),
				},
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 0));
			},
		);
		request.setTimeout(30_000, () => request.destroy());
		request.on('error', () => resolve(0));
		request.end(body);
	});
}

export async function sendLoad(spec: LoadSpec): Promise<LoadResult> {
	const url = new URL(spec.url);
	if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
		throw new Error(`The load generator sends to loopback only, not ${url.hostname}`);
	const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency });
	const statuses: Record<string, number> = {};
	const startedAt = Date.now();
	const deadline = startedAt + spec.timeLimitMs;
	let next = 0;
	const worker = async () => {
		while (next < spec.count && Date.now() < deadline) {
			const { body, headers } = delivery(spec, next++);
			const status = await post(agent, url, body, headers);
			statuses[status] = (statuses[status] ?? 0) + 1;
		}
	};
	await Promise.all(Array.from({ length: spec.concurrency }, worker));
	const elapsedMs = Date.now() - startedAt;
	agent.destroy();
	const accepted = Object.entries(statuses).reduce(
		(sum, [status, count]) => sum + (status.startsWith('2') ? count : 0),
		0,
	);
	return { sent: next, accepted, statuses, elapsedMs, startedAt };
}

if (require.main === module) {
	sendLoad(JSON.parse(process.argv[2]) as LoadSpec)
		.then((result) => console.log(JSON.stringify(result)))
		.catch((error) => {
			console.error(error instanceof Error ? error.message : error);
			process.exit(1);
		});
}
