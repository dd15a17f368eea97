/**
 * The triggers' redelivery memory (isRepeatDelivery), checked against its specification written the plain way:
 * on long random sequences of deliveries (repeats, expiries, the cap, the clock going back, restarts) it must
 * answer the same and store exactly the same record, key order included.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deliveryMemory, forgetDeliveriesSeenInProcess, isRepeatDelivery } =
	require('../../dist/nodes/core/webhook') as typeof import('../../nodes/core/webhook');

/** The memory as specified: every delivery filters, sorts and rebuilds the stored record. */
class ReferenceMemory {
	stored: Record<string, number> | undefined;
	memory = new Map<string, number>();

	isRepeat(key: string, now: number): boolean {
		const stored = this.stored ?? {};
		const seenAt = stored[key] ?? this.memory.get(key);
		const repeat = seenAt !== undefined && now - seenAt < deliveryMemory.ttlMs;
		this.memory.set(key, now);
		for (const [entry] of [...this.memory].filter(([, at]) => now - at >= deliveryMemory.ttlMs))
			this.memory.delete(entry);
		if (this.memory.size > deliveryMemory.maxEntries)
			this.memory.delete(this.memory.keys().next().value as string);
		if (!repeat) {
			stored[key] = now;
			this.stored = Object.fromEntries(
				Object.entries(stored)
					.filter(([, at]) => now - at < deliveryMemory.ttlMs)
					.sort((a, b) => a[1] - b[1])
					.slice(-deliveryMemory.maxEntries),
			);
		}
		return repeat;
	}
}

function webhookContext(staticData: Record<string, unknown>): IWebhookFunctions {
	return {
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: 'workflow-1' }),
		getNode: () => ({ id: 'trigger-1' }),
		getMode: () => 'webhook',
	} as unknown as IWebhookFunctions;
}

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const saved = { ...deliveryMemory };
afterEach(() => {
	Object.assign(deliveryMemory, saved);
	forgetDeliveriesSeenInProcess();
});

test.each([1, 2, 3, 4, 5, 6, 7, 8])(
	'random sequence %i: the same answers and the same stored record as the specification',
	(seed) => {
		Object.assign(deliveryMemory, { ttlMs: 1_000, maxEntries: 8 });
		forgetDeliveriesSeenInProcess();
		const next = random(seed);
		const staticData: Record<string, unknown> = {};
		const ctx = webhookContext(staticData);
		const reference = new ReferenceMemory();
		let now = 1_000_000;
		for (let step = 0; step < 3_000; step++) {
			const roll = next();
			if (roll < 0.02)
				now -= Math.floor(next() * 300); // the clock goes back
			else if (roll < 0.05)
				now += 1_000 + Math.floor(next() * 500); // a quiet spell: everything expires
			else now += Math.floor(next() * 60);
			if (next() < 0.01) {
				// A restart: the process memory is gone, static data stays.
				forgetDeliveriesSeenInProcess();
				reference.memory.clear();
			}
			const key = `stemp:dlv_${Math.floor(next() * 20)}`;
			expect(isRepeatDelivery(ctx, key, now)).toBe(reference.isRepeat(key, now));
			expect(
				Object.entries((staticData.deliveries as Record<string, number> | undefined) ?? {}),
			).toEqual(Object.entries(reference.stored ?? {}));
		}
	},
);

test('at the full 2,000 entries the oldest goes as each new delivery comes, in place, oldest first', () => {
	const staticData: Record<string, unknown> = {};
	const ctx = webhookContext(staticData);
	const start = Date.now() - 10_000;
	for (let i = 0; i < 2_000; i++) isRepeatDelivery(ctx, `stemp:dlv_warm_${i}`, start + i);
	const record = staticData.deliveries;
	for (let i = 0; i < 500; i++)
		expect(isRepeatDelivery(ctx, `stemp:dlv_${i}`, start + 2_000 + i)).toBe(false);
	const keys = Object.keys(staticData.deliveries as object);
	expect(staticData.deliveries).toBe(record);
	expect(keys).toHaveLength(2_000);
	expect([keys[0], keys[1_999]]).toEqual(['stemp:dlv_warm_500', 'stemp:dlv_499']);
	expect(isRepeatDelivery(ctx, 'stemp:dlv_warm_500', start + 2_600)).toBe(true);
});
