/**
 * The fake API's control endpoints for settings, faults and bulk data, as a process of its own is driven (the
 * benchmark sets latency, a rate-limit ceiling, 5xx faults and 20,000 customers through them).
 */
import { FakeApi } from './fake-api/server';
import { seededPassId, STEMP_TOKEN } from './fake-api/stemp';

let api: FakeApi;

beforeEach(async () => {
	api = await new FakeApi().start();
});

afterEach(async () => {
	await api.stop();
});

async function control(
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; body: unknown }> {
	const response = await fetch(api.url + path, {
		method,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: await response.json() };
}

test('POST /__settings sets latency and the rate-limit ceiling, null switches the ceiling off, reset restores them', async () => {
	expect(
		await control('POST', '/__settings', {
			latencyMs: 20,
			requestsPerSecond: 5,
			rateLimitRetryAfterSeconds: 2,
		}),
	).toEqual({
		status: 200,
		body: {
			latencyMs: 20,
			requestsPerSecond: 5,
			rateLimitRetryAfterSeconds: 2,
			stempWebhookOrigin: null,
			checkContract: true,
		},
	});
	expect(api.latencyMs).toBe(20);
	expect(api.requestsPerSecond).toBe(5);

	expect((await control('POST', '/__settings', { requestsPerSecond: null })).body).toEqual({
		latencyMs: 20,
		requestsPerSecond: null,
		rateLimitRetryAfterSeconds: 2,
		stempWebhookOrigin: null,
		checkContract: true,
	});
	// The benchmark switches the sandbox's own v3 contract check off.
	expect((await control('POST', '/__settings', { checkContract: false })).body).toMatchObject({
		checkContract: false,
	});
	expect(api.checkContract).toBe(false);
	await fetch(api.url + '/__reset', { method: 'POST' });
	expect([
		api.latencyMs,
		api.requestsPerSecond,
		api.rateLimitRetryAfterSeconds,
		api.checkContract,
	]).toEqual([0, undefined, undefined, true]);
});

test.each([
	{ settings: { latencyMs: -1 }, message: 'latencyMs must be a number of 0 or more' },
	{ settings: { requestsPerSecond: 0 }, message: 'requestsPerSecond must be more than 0' },
	{
		settings: { stempWebhookOrigin: 'http://127.0.0.1:5678/webhook' },
		message: 'stempWebhookOrigin must be an origin such as http://127.0.0.1:5678, or null',
	},
	{ settings: { checkContract: 'no' }, message: 'checkContract must be true or false' },
])('POST /__settings refuses $settings', async ({ settings, message }) => {
	expect(await control('POST', '/__settings', settings)).toEqual({
		status: 400,
		body: { message },
	});
});

test('POST /__seed replaces the Stamped customers and adds stemp passes', async () => {
	expect(await control('POST', '/__seed', { stampedCustomers: 250, stempPasses: 3 })).toEqual({
		status: 200,
		body: { stampedCustomers: 250, stempPasses: 4 }, // the fake's own default pass, and three generated ones
	});
	expect(api.stemp.passes.has(seededPassId(2))).toBe(true);
});

test('POST /__faults injects a list of faults: a 500 after applying, on the paths named', async () => {
	api.stemp.seedPasses(2);
	const faults = [0, 1].map((index) => ({
		kind: 500,
		times: 1,
		phase: 'after',
		path: `/walletpasses/${seededPassId(index)}/stamps/add`,
	}));
	expect(await control('POST', '/__faults', faults)).toEqual({
		status: 200,
		body: { injected: 2 },
	});

	const add = (index: number) =>
		fetch(`${api.stempUrl}/walletpasses/${seededPassId(index)}/stamps/add`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${STEMP_TOKEN}` },
		});
	expect([(await add(0)).status, (await add(0)).status, (await add(1)).status]).toEqual([
		500, 200, 500,
	]);
	expect(api.log.map((entry) => entry.applied)).toEqual([true, true, true]);
	expect(api.stemp.passes.get(seededPassId(0))?.currentStamps).toBe(2);
});

test('GET /__stats counts the requests and the most in flight at once; DELETE /__log forgets both', async () => {
	api.stemp.seedPasses(3);
	api.latencyMs = 30;
	const get = (index: number) =>
		fetch(`${api.stempUrl}/walletpasses/${seededPassId(index)}/stamps`, {
			headers: { Authorization: `Bearer ${STEMP_TOKEN}` },
		});
	await Promise.all([get(0), get(1), get(2)]);
	await get(0);
	expect(await control('GET', '/__stats')).toEqual({
		status: 200,
		body: { requests: 4, maxInFlight: 3 },
	});
	expect((await fetch(api.url + '/__log', { method: 'DELETE' })).status).toBe(204);
	expect(await control('GET', '/__stats')).toEqual({
		status: 200,
		body: { requests: 0, maxInFlight: 0 },
	});
});

test('POST /__faults refuses a fault that is not one', async () => {
	expect(await control('POST', '/__faults', { kind: 200, times: 1 })).toEqual({
		status: 400,
		body: {
			message: 'A fault\'s kind must be an HTTP error status, a redirect or "drop", not 200',
		},
	});
});
