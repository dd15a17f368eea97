/**
 * The stemp contract itself: derived from stemp's published OpenAPI file kept in the repository (no ../shared
 * needed), and the checks every unit test's stemp traffic goes through (test/harness/contract-guard.ts) catch each
 * kind of difference, naming the operation, while allowing the file's documented quirks.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import {
	STEMP_OPENAPI_FILE,
	matchStempOperation,
	minimalInstance,
	openApi,
	schemaNamed,
	schemaProblems,
	stempAnswerProblems,
	stempOperations,
	stempRequestProblems,
} from './stemp-contract';

const DIGEST = '5ae064028ff156ae5441e167d0a9e5fac82050a0cf9a99f3a803830442d80ee1';
// ../shared beside the clone (as the Stamped contract test looks for it).

const bearer = { authorization: 'Bearer sk_live_test' };
const request = (
	method: string,
	route: string,
	extra: Partial<Parameters<typeof stempRequestProblems>[0]> = {},
) =>
	stempRequestProblems({
		method,
		segments: route.split('?')[0].split('/').filter(Boolean),
		queryAll: Object.fromEntries(
			[...new URLSearchParams(route.split('?')[1] ?? '')].map(([key, value]) => [key, [value]]),
		),
		headers: bearer,
		body: undefined,
		...extra,
	});

describe("the file: stemp's published OpenAPI, in the repository", () => {
	test('is the copy SOURCE.md names (commit 84cfbeb), byte for byte', () => {
		const digest = createHash('sha256').update(fs.readFileSync(STEMP_OPENAPI_FILE)).digest('hex');
		expect(digest).toBe(DIGEST);
		expect(
			fs.readFileSync(path.join(path.dirname(STEMP_OPENAPI_FILE), 'SOURCE.md'), 'utf8'),
		).toContain(DIGEST);
		expect(openApi.info).toMatchObject({ title: 'Stemp API', version: '1.0.0' });
	});

	test("holds the file's 188 operations under /v1, each once", () => {
		expect(stempOperations).toHaveLength(188);
		expect(
			new Set(stempOperations.map((operation) => `${operation.method} ${operation.path}`)).size,
		).toBe(188);
	});

	test('a literal segment wins over a parameter of the same method, as Spring routes', () => {
		expect(matchStempOperation('GET', ['users', 'search']).operation?.operationId).toBe(
			'searchUsers',
		);
		expect(matchStempOperation('GET', ['users', 'usr_1']).operation?.operationId).toBe('getUser');
		expect(matchStempOperation('POST', ['walletpasses', 'validate']).operation?.operationId).toBe(
			'validateQRCode',
		);
		expect(matchStempOperation('GET', ['walletpasses', 'validate']).operation?.operationId).toBe(
			'getWalletPass',
		);
	});

	test('the smallest valid instance of every schema the fake serves passes its own schema', () => {
		for (const name of [
			'Template',
			'WalletPass',
			'User',
			'WalletPassWithUserDTO',
			'OrganizationDetailDTO',
		])
			expect(
				schemaProblems(minimalInstance(schemaNamed(name)), schemaNamed(name), 'answer', 'answer'),
			).toEqual([]);
	});
});

describe('requests: each kind of difference, named by the operation', () => {
	test('a path the file does not have', () => {
		expect(request('GET', '/walletpasses/wp_1/coupons')).toEqual([
			"stemp GET /walletpasses/wp_1/coupons: no operation of stemp's OpenAPI file has this path",
		]);
	});

	test('a method the path is not declared for', () => {
		expect(request('PUT', '/users/usr_1')).toEqual([
			'stemp PUT /users/usr_1: the OpenAPI file declares GET, PATCH, DELETE on this path, not PUT (getUser, updateUser, deleteUser)',
		]);
	});

	test('no bearer token', () => {
		expect(request('GET', '/organization', { headers: {} })).toEqual([
			'stemp getOrganization (GET /v1/organization): no bearer token (stemp authenticates every call with it)',
		]);
	});

	test('an undeclared query parameter; a value of the wrong type or outside the enum', () => {
		expect(request('GET', '/walletpasses?status=SOME&limit=5')).toEqual([
			'stemp getOrganizationWalletPasses (GET /v1/walletpasses): query parameter "status" is not one of INSTALLED, ALL ("SOME")',
			'stemp getOrganizationWalletPasses (GET /v1/walletpasses): query parameter "limit" is not declared',
		]);
		expect(request('GET', '/templates/t/notifications?page=x')).toEqual([
			'stemp getNotificationHistory (GET /v1/templates/{templateId}/notifications): query parameter "page" is not a whole number ("x")',
		]);
	});

	test('a required query parameter missing', () => {
		expect(request('GET', '/users/search?page=0')).toEqual([
			'stemp searchUsers (GET /v1/users/search): required query parameter "q" missing',
		]);
	});

	test('body: a missing required field, a wrong type, beyond a limit, an undeclared field, int32 overflow', () => {
		const problems = request('POST', '/walletpasses/wp_1/points/add', {
			body: { note: 'x'.repeat(513), monetaryValue: '12', extra: true },
		});
		expect(problems).toEqual([
			'stemp addPoints (POST /v1/walletpasses/{walletPassId}/points/add): body.points: required, missing',
			'stemp addPoints (POST /v1/walletpasses/{walletPassId}/points/add): body.note: 513 characters, at most 512',
			'stemp addPoints (POST /v1/walletpasses/{walletPassId}/points/add): body.monetaryValue: expected a number, got string "12"',
			'stemp addPoints (POST /v1/walletpasses/{walletPassId}/points/add): body.extra: not a declared field',
		]);
		expect(request('POST', '/walletpasses/wp_1/points/set', { body: { points: 2 ** 31 } })).toEqual(
			[
				'stemp setPoints (POST /v1/walletpasses/{walletPassId}/points/set): body.points: 2147483648 is beyond a 32-bit integer',
			],
		);
		expect(
			request('POST', '/webhooks/endpoints', {
				body: { url: 'http://n8n.local/webhook', eventTypes: [] },
			}),
		).toEqual([
			'stemp createEndpoint (POST /v1/webhooks/endpoints): body.url: "http://n8n.local/webhook" does not match ^https://.*',
		]);
	});

	test('a body where none is taken, and none where one is required', () => {
		expect(request('POST', '/walletpasses/wp_1/stamps/reset', { body: { stamps: 0 } })).toEqual([
			'stemp resetStamps (POST /v1/walletpasses/{walletPassId}/stamps/reset): a body ({"stamps":0}), which it does not take',
		]);
		expect(request('POST', '/walletpasses/wp_1/points/redeem')).toEqual([
			'stemp redeemPoints (POST /v1/walletpasses/{walletPassId}/points/redeem): no body, which it requires',
		]);
	});

	test("the file's quirks are allowed: Pageable read as page/size/sort; GET /users paged as the documentation shows", () => {
		expect(
			request('GET', '/walletpasses/wp_1/stamps/history?page=0&size=100&sort=createdAt'),
		).toEqual([]);
		expect(request('GET', '/users/search?q=jane&page=1&size=100')).toEqual([]);
		expect(request('GET', '/users?page=0&size=100')).toEqual([]);
		expect(request('GET', '/users?limit=100')).toEqual([
			'stemp getOrganizationUsers (GET /v1/users): query parameter "limit" is not declared',
		]);
	});
});

describe('answers: held to the declared status and schema', () => {
	const on = (method: string, route: string) => ({
		method,
		segments: route.split('/').filter(Boolean),
	});

	test('a status the file does not declare (a create answered 201 where the file says 200)', () => {
		expect(stempAnswerProblems(on('POST', '/users'), 201, {})).toEqual([
			'stemp createUser (POST /v1/users): answered 201; the file declares 200',
		]);
	});

	test('a required field missing, a wrong type, a value outside the enum', () => {
		expect(
			stempAnswerProblems(on('POST', '/points-redemptions/r1/complete'), 200, {
				id: 'r1',
				pointsRedeemed: '5',
				rewardTierId: 't',
				rewardTierName: 'n',
				status: 'DONE',
			}),
		).toEqual([
			'stemp completeRedemption (POST /v1/points-redemptions/{redemptionId}/complete): answer.walletPassId: required, missing',
			'stemp completeRedemption (POST /v1/points-redemptions/{redemptionId}/complete): answer.pointsRedeemed: expected a number, got string "5"',
			'stemp completeRedemption (POST /v1/points-redemptions/{redemptionId}/complete): answer.status: "DONE" is not one of PENDING, COMPLETED, CANCELLED',
		]);
	});

	test('fields the file does not name, and null in optional ones, are allowed in answers', () => {
		expect(
			stempAnswerProblems(on('GET', '/webhooks/outbox/stats'), 200, {
				total: 1,
				pending: 0,
				delivered: 1,
				failed: 0,
				extra: 'new in production',
			}),
		).toEqual([]);
	});

	test("errors: any status with one of stemp's documented error shapes; anything else is a difference", () => {
		expect(
			stempAnswerProblems(on('GET', '/organization'), 404, { code: 'X_NOT_FOUND', params: {} }),
		).toEqual([]);
		expect(stempAnswerProblems(on('GET', '/organization'), 500, '<html>')).toEqual([
			"stemp getOrganization (GET /v1/organization): answered 500 with a body in none of stemp's documented error shapes",
		]);
	});

	test('204 answers carry no body', () => {
		expect(stempAnswerProblems(on('DELETE', '/walletpasses/wp_1'), 204, undefined)).toEqual([]);
		expect(stempAnswerProblems(on('DELETE', '/walletpasses/wp_1'), 204, { deleted: true })).toEqual(
			['stemp deleteWalletPass (DELETE /v1/walletpasses/{walletPassId}): answered 204 with a body'],
		);
	});

	test("GET /users: the file's plain array, and the documentation's page of users", () => {
		const user = minimalInstance(schemaNamed('User'));
		expect(stempAnswerProblems(on('GET', '/users'), 200, [user])).toEqual([]);
		expect(
			stempAnswerProblems(on('GET', '/users'), 200, { content: [user], totalElements: 1 }),
		).toEqual([]);
		expect(stempAnswerProblems(on('GET', '/users'), 200, { content: [{ id: 1 }] })[0]).toMatch(
			/getOrganizationUsers .*answer\.content\[0\]\.email: required, missing/,
		);
	});
});
