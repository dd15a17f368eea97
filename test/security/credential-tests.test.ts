/**
 * Class 6, credential tests never say OK by mistake: stemp's 404 proves the token only when it is stemp's own
 * answer; a web page or another API is "not the stemp API". Base URLs are trimmed; a query string or a fragment
 * is refused in the credential test and at run time, before anything is sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { FakeApi } from '../fake-api/server';
import {
	STAMPED_PRIVATE_KEY,
	STAMPED_PUBLIC_KEY,
	STAMPED_STORE_HASH,
} from '../fake-api/stamped-v2';
import { STEMP_TOKEN } from '../fake-api/stemp';
import { testCredential } from '../harness/credential-test';
import { useFastRetries } from '../harness/fast-retries';
import { stampedV2, stemp } from './support';

/** A server that is not any vendor's API: it answers every request with this status and body. */
class OtherServer {
	status = 404;
	contentType = 'text/html';
	body = '<html><body><h1>404 Not Found</h1></body></html>';
	requests = 0;
	private server = http.createServer((_req, res) => {
		this.requests++;
		res.writeHead(this.status, { 'Content-Type': this.contentType });
		res.end(this.body);
	});

	async start(): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v1`;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

let api: FakeApi;
let other: OtherServer;
let otherUrl: string;
beforeAll(async () => {
	api = await new FakeApi().start();
	other = new OtherServer();
	otherUrl = await other.start();
});
afterAll(async () => {
	await api.stop();
	await other.stop();
});
beforeEach(() => {
	api.reset();
	other.requests = 0;
});
useFastRetries();

const testStemp = (baseUrl: string) =>
	testCredential('stempApi', { apiToken: STEMP_TOKEN, baseUrl });
const NOT_STEMP =
	/^This Base URL does not look like the stemp API: it answered HTTP \d+, but not as stemp does/;

describe("stemp: only stemp's own answer proves the token", () => {
	test("stemp's own 404 for the probe pass: OK", async () => {
		expect(await testStemp(api.stempUrl)).toEqual({
			status: 'OK',
			message: 'Connected to stemp: the API token was accepted',
		});
	});

	test.each([
		['an HTML 404 page', 404, 'text/html', '<html><h1>Not Found</h1></html>'],
		["another API's JSON 404", 404, 'application/json', '{"message":"Not Found"}'],
		['a JSON 404 with a lower-case code', 404, 'application/json', '{"code":"not_found"}'],
		['an empty 404', 404, 'text/plain', ''],
		['an HTML 200 page', 200, 'text/html', '<html>Welcome</html>'],
		['a JSON 200 that is no stamp state', 200, 'application/json', '{"ok":true}'],
	])('%s: "does not look like the stemp API"', async (_what, status, contentType, body) => {
		Object.assign(other, { status, contentType, body });
		const result = await testStemp(otherUrl);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(NOT_STEMP);
		expect(other.requests).toBe(1);
	});

	test('a Base URL with spaces and a trailing slash around it is trimmed', async () => {
		expect((await testStemp(`  ${api.stempUrl}/  `)).status).toBe('OK');
		expect(api.requests()).toMatchObject([{ path: '/walletpasses/n8n-credential-test/stamps' }]);
	});
});

describe('a Base URL with a query string or a fragment is refused, before anything is sent', () => {
	const BAD: Array<[string, (url: string) => string, RegExp]> = [
		['a query string', (url) => `${url}?debug=1`, /must not contain a query string/],
		['a fragment', (url) => `${url}#v1`, /must not contain a fragment/],
		[
			'a user and password',
			(url) => url.replace('http://', 'http://user:pass@'),
			/must not contain a user name or password/,
		],
		['another scheme', () => 'ftp://127.0.0.1/api', /must start with https:\/\//],
		['no URL at all', () => 'api.stemp.app', /is not a URL/],
	];

	test.each(BAD)('stemp credential test: %s', async (_what, make, problem) => {
		const result = await testStemp(make(api.stempUrl));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(problem);
		expect(api.requests()).toHaveLength(0);
	});

	test.each(BAD)('Stamped credential test: %s', async (_what, make, problem) => {
		const result = await testCredential('stampedApi', {
			apiVersion: 'v2',
			publicKey: STAMPED_PUBLIC_KEY,
			privateKey: STAMPED_PRIVATE_KEY,
			storeHash: STAMPED_STORE_HASH,
			baseUrl: make(api.stampedUrl),
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(problem);
		expect(api.requests()).toHaveLength(0);
	});

	test.each(BAD)('stemp at run time: %s', async (_what, make, problem) => {
		const { error } = await stemp(
			api,
			{ operation: 'get', walletPassId: 'wp_abc456' },
			{ credentials: { baseUrl: make(api.stempUrl) } },
		);
		expect(error?.message).toMatch(/^The Base URL in the stemp credential /);
		expect(error?.message).toMatch(problem);
		expect(api.requests()).toHaveLength(0);
	});

	test('Stamped at run time: a query string', async () => {
		const { error } = await stampedV2(
			api,
			{ resource: 'customer', operation: 'get', email: 'jane@example.com' },
			{ credentials: { baseUrl: `${api.stampedUrl}?x=1` } },
		);
		expect(error?.message).toMatch(
			/^The Base URL in the Stamped credential must not contain a query string/,
		);
		expect(api.requests()).toHaveLength(0);
	});
});

describe('Stamped: a 2xx that is not JSON is not the API', () => {
	test('an HTML 200 page fails the test', async () => {
		Object.assign(other, { status: 200, contentType: 'text/html', body: '<html>Login</html>' });
		const result = await testCredential('stampedApi', {
			apiVersion: 'v2',
			publicKey: STAMPED_PUBLIC_KEY,
			privateKey: STAMPED_PRIVATE_KEY,
			storeHash: STAMPED_STORE_HASH,
			baseUrl: otherUrl,
		});
		expect(result).toEqual({
			status: 'Error',
			message: 'The Base URL does not look like the Stamped API: HTTP 200 without a review list',
		});
	});

	test("another API's JSON 200 fails the test too", async () => {
		Object.assign(other, { status: 200, contentType: 'application/json', body: '{"ok":true}' });
		const result = await testCredential('stampedApi', {
			apiVersion: 'v3',
			privateKey: STAMPED_PRIVATE_KEY,
			storeHash: STAMPED_STORE_HASH,
			baseUrl: otherUrl,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/does not look like the Stamped API/);
	});
});

describe('Stamped v2: the probe (one review of the dashboard list) tells every failure apart', () => {
	const v2 = (baseUrl: string, extra: Record<string, string> = {}) =>
		testCredential('stampedApi', {
			apiVersion: 'v2',
			publicKey: STAMPED_PUBLIC_KEY,
			privateKey: STAMPED_PRIVATE_KEY,
			storeHash: STAMPED_STORE_HASH,
			baseUrl,
			...extra,
		});
	const NOT_STAMPED = /^The Base URL does not look like the Stamped API: /;

	test('good keys: OK, from the dashboard list, with the customer routes gone', async () => {
		api.stamped.unconfirmedRoutes = 'missingHtml';
		expect(await v2(api.stampedUrl)).toEqual({ status: 'OK', message: 'Connected to Stamped' });
		expect(api.requests()).toMatchObject([
			{ path: `/${STAMPED_STORE_HASH}/dashboard/reviews`, query: { page: '1', take: '1' } },
		]);
	});

	test('a wrong private key: the keys message', async () => {
		const result = await v2(api.stampedUrl, { privateKey: 'wrong-key-0' });
		expect(result.message).toMatch(/^Stamped rejected the API keys \(HTTP 401\): /);
	});

	test('a wrong Store Hash answered 404 with a message: the Store Hash message', async () => {
		const result = await v2(api.stampedUrl, { storeHash: 'other-store' });
		expect(result).toEqual({
			status: 'Error',
			message: 'Stamped does not know this Store Hash (HTTP 404): Store not found',
		});
	});

	test.each([
		[401, '{"message":"Store other-store not found for these keys"}'],
		[403, '{"Message":"Access to this store is denied"}'],
	])(
		'a wrong Store Hash answered %i naming the store: the Store Hash message',
		async (status, body) => {
			Object.assign(other, { status, contentType: 'application/json', body });
			const result = await v2(otherUrl);
			expect(result.message).toMatch(
				new RegExp(`^Stamped does not know this Store Hash \\(HTTP ${status}\\): `),
			);
		},
	);

	test.each([
		['an HTML 404 page', 404, 'text/html', '<html><h1>Not Found</h1></html>'],
		[
			"another API's route-not-found JSON",
			404,
			'application/json',
			'{"message":"No route for GET /api/v1/store-123/dashboard/reviews"}',
		],
		['an HTML 200 page', 200, 'text/html', '<html>Welcome</html>'],
		['a JSON 200 that is no review list', 200, 'application/json', '{"data":[]}'],
		['a bare JSON list of texts', 200, 'application/json', '["OK"]'],
		['a plain-text 200', 200, 'text/plain', 'OK'],
	])('%s: "does not look like the Stamped API"', async (_what, status, contentType, body) => {
		Object.assign(other, { status, contentType, body });
		const result = await v2(otherUrl);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(NOT_STAMPED);
		expect(other.requests).toBe(1);
	});

	// The probe takes what Review > Get Many takes (`{results: [...]}` or a bare list of reviews), and only that.
	test.each([
		['a bare list of reviews', '[{"id":"r1","rating":5,"body":"Great"}]'],
		['an empty bare list (a store without reviews)', '[]'],
		['the review list object', '{"results":[{"review":{"id":"r1","rating":5}}],"total":1}'],
	])('%s: OK, as Review > Get Many reads the same answer', async (_what, body) => {
		Object.assign(other, { status: 200, contentType: 'application/json', body });
		expect(await v2(otherUrl)).toEqual({ status: 'OK', message: 'Connected to Stamped' });
		const listed = await stampedV2(
			api,
			{ resource: 'review', operation: 'getAll', limit: 1, filters: { minRating: 4 } },
			{ credentials: { baseUrl: otherUrl } },
		);
		expect(listed.error).toBeUndefined();
	});

	test('a redirect is reported, not followed', async () => {
		Object.assign(other, { status: 302, contentType: 'text/html', body: '' });
		const result = await v2(otherUrl);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/a redirect/);
	});
});

describe("Stamped v3: the probe takes only the customer list's page object", () => {
	const v3 = () =>
		testCredential('stampedApi', {
			apiVersion: 'v3',
			privateKey: STAMPED_PRIVATE_KEY,
			storeHash: STAMPED_STORE_HASH,
			baseUrl: otherUrl,
		});

	test.each([
		['an empty bare list', '[]'],
		['a bare list of customers', '[{"customerId":"c1","email":"a@example.com"}]'],
		['a page object without customers', '{"page":0,"limit":1,"morePages":false,"orders":[]}'],
		['customers that are not records', '{"page":0,"morePages":false,"customers":["c1"]}'],
	])('%s: "does not look like the Stamped API"', async (_what, body) => {
		Object.assign(other, { status: 200, contentType: 'application/json', body });
		expect(await v3()).toEqual({
			status: 'Error',
			message: 'The Base URL does not look like the Stamped API: HTTP 200 without a customer list',
		});
	});

	test.each([
		['the page object', '{"page":0,"limit":1,"morePages":false,"subset":false,"customers":[]}'],
		[
			'the page object in a one-element array',
			'[{"page":0,"morePages":true,"customers":[{"customerId":"c1"}]}]',
		],
	])('%s: OK', async (_what, body) => {
		Object.assign(other, { status: 200, contentType: 'application/json', body });
		expect(await v3()).toEqual({ status: 'OK', message: 'Connected to Stamped' });
	});
});
