/**
 * Customer > Get Many on Stamped API v3 with Filters: what reaches `GET /merchant/shops/{shopId}/customers`,
 * what comes back, the checks made before any request, and the refusal on a v2 credential (whose list would
 * silently ignore the filters).
 */
import type { IDataObject, INodeProperties, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { loadPackage } from '../../harness/engine';
import {
	api,
	emailsOf as emails,
	jane,
	merchant,
	stampedV2,
	stampedV3,
	useStampedApi,
	v2Credential,
} from '../support';

useStampedApi();
const CUSTOMERS = 4;
beforeEach(() => {
	// Jane (150 points) is in the shop already.
	Object.assign(jane(), { vipTier: 'Silver', tags: ['vip', 'wholesale'] });
	api.stampedV3.insert({ email: 'janet@example.com', points: 900, vipTier: 'Gold', tags: ['vip'] });
	api.stampedV3.insert({
		email: 'john@example.com',
		points: 40,
		vipTier: 'Bronze',
		tags: ['wholesale'],
	});
	api.stampedV3.insert({ email: 'mary@example.org', points: 1500, vipTier: 'Gold', tags: [] });
});

const getMany = (filters: IDataObject, extra: IDataObject = {}) =>
	stampedV3({ resource: 'customer', operation: 'getAll', returnAll: true, filters, ...extra });
const listRequests = () => api.requests({ method: 'GET', path: merchant('/customers') });

describe('filters sent to the v3 customer list', () => {
	test.each([
		[
			'e-mail beginning',
			{ email: 'jan' },
			{ email: ['jan'] },
			['jane@example.com', 'janet@example.com'],
		],
		[
			'VIP tier',
			{ vipTier: 'Gold' },
			{ vipTier: ['Gold'] },
			['janet@example.com', 'mary@example.org'],
		],
		[
			'points range',
			{ pointsMin: 100, pointsMax: 900 },
			{ pointsMin: ['100'], pointsMax: ['900'] },
			['jane@example.com', 'janet@example.com'],
		],
		[
			'tags, each sent as a repeated parameter',
			{ tags: ['vip', 'wholesale'] },
			{ tags: ['vip', 'wholesale'] },
			['jane@example.com'],
		],
		[
			'every filter at once',
			{ email: 'j', vipTier: 'Silver', pointsMin: 0, pointsMax: 200, tags: ['vip'] },
			{ email: ['j'], vipTier: ['Silver'], pointsMin: ['0'], pointsMax: ['200'], tags: ['vip'] },
			['jane@example.com'],
		],
	])('%s', async (_label, filters, sent, expected) => {
		const { error, items } = await getMany(filters);
		expect(error).toBeUndefined();
		expect(emails(items)).toEqual(expected);
		const [request] = listRequests();
		expect(request.queryAll).toEqual({ ...sent, page: ['0'], limit: ['100'] });
		expect(items.map((item) => item.pairedItem)).toEqual(expected.map(() => ({ item: 0 })));
	});

	test('tags from an expression may be comma-separated text; numbers from expressions may be text', async () => {
		const { error, items } = await getMany({
			tags: '={{ "vip, wholesale" }}',
			pointsMin: '={{ "100" }}',
		});
		expect(error).toBeUndefined();
		expect(emails(items)).toEqual(['jane@example.com']);
		expect(listRequests()[0].queryAll).toMatchObject({
			tags: ['vip', 'wholesale'],
			pointsMin: ['100'],
		});
	});

	test('filters left empty are not sent', async () => {
		const { error, items } = await getMany({ email: '', vipTier: '', tags: [] });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(CUSTOMERS);
		expect(Object.keys(listRequests()[0].queryAll).sort()).toEqual(['limit', 'page']);
	});

	test('every page carries the filters, so Return All reads exactly the matching customers', async () => {
		api.stampedV3.seedCustomers(250, 'bulk'); // points 0..249; 150 of them have at least 100
		const { error, items } = await getMany({ email: 'bulk', pointsMin: 100 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(150);
		expect(new Set(emails(items)).size).toBe(150);
		const requests = listRequests();
		expect(requests.map((request) => request.query.page)).toEqual(['0', '1']);
		expect(
			requests.every(
				(request) => request.query.email === 'bulk' && request.query.pointsMin === '100',
			),
		).toBe(true);
	});

	test('a Limit with filters stops at the Limit', async () => {
		const { error, items } = await getMany({ vipTier: 'Gold' }, { returnAll: false, limit: 1 });
		expect(error).toBeUndefined();
		expect(emails(items)).toEqual(['janet@example.com']);
		expect(listRequests()[0].query).toMatchObject({ vipTier: 'Gold', limit: '1' });
	});
});

describe('checks before any request', () => {
	test.each([
		[
			{ pointsMin: -1 },
			'Invalid "Min Points" in item 0: -1 is out of range (0 to 9007199254740991)',
		],
		[{ pointsMax: 2.5 }, 'Invalid "Max Points" in item 0: "2.5" is not a whole number'],
		[
			{ pointsMax: 2 ** 53 },
			'Invalid "Max Points" in item 0: "9007199254740992" is too large to be sent exactly (at most 9007199254740991)',
		],
		[
			{ pointsMin: '={{ "many" }}' },
			'Invalid "Min Points" in item 0: "many" is not a whole number',
		],
		[
			{ pointsMin: 500, pointsMax: 100 },
			'Invalid "Max Points" in item 0: 100 is less than Min Points (500)',
		],
		[
			{ tags: '={{ [{ "name": "vip" }] }}' },
			'Invalid "Tags" in item 0: "[{"name":"vip"}]" is not a list of texts',
		],
		[{ email: '={{ " " }}' }, 'Invalid "Email" in item 0: it is empty'],
	])('%j is refused', async (filters, message) => {
		const { error } = await getMany(filters);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(message);
		expect(api.requests()).toHaveLength(0);
	});

	test('a bad item stops the run before the good one is sent, naming the bad item', async () => {
		const { error } = await stampedV3(
			{
				resource: 'customer',
				operation: 'getAll',
				returnAll: true,
				filters: { pointsMin: '={{ $json.min }}' },
			},
			{ input: [{ min: 10 }, { min: -3 }] },
		);
		expect(error?.message).toBe(
			'Invalid "Min Points" in item 1: -3 is out of range (0 to 9007199254740991)',
		);
		expect(api.requests()).toHaveLength(0);
	});
});

describe('a v2 credential', () => {
	test('filters are refused before any request, naming both versions, instead of being silently ignored', async () => {
		// A workflow built on v3 whose credential was switched back to v2.
		const { error } = await stampedV3(
			{
				resource: 'customer',
				operation: 'getAll',
				returnAll: true,
				filters: { vipTier: 'Gold', tags: ['vip'] },
			},
			{ credentials: v2Credential() },
		);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			'Invalid "Filters" in item 0: VIP Tier, Tags can only be used with Stamped API v3, but the credential is for Stamped API v2, whose customer list cannot be filtered',
		);
		expect(api.requests({ vendor: 'stamped' })).toHaveLength(0);
	});

	test('without filters the v2 list runs as before', async () => {
		const { error, items } = await stampedV2({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error).toBeUndefined();
		expect(emails(items)).toEqual(['jane@example.com']);
		expect(Object.keys(api.requests({ vendor: 'stamped' })[0].query).sort()).toEqual([
			'limit',
			'page',
		]);
	});
});

describe('the editor', () => {
	let properties: INodeProperties[];
	beforeAll(async () => {
		properties = ((await loadPackage()).getNode('stamped').type as INodeType).description
			.properties;
	});
	const filtersShown = (apiVersion: string) =>
		properties.some(
			(property) =>
				property.name === 'filters' &&
				NodeHelpers.displayParameter(
					{ apiVersion, resource: 'customer', operation: 'getAll' } as never,
					property,
					null,
					null,
				),
		);

	test('shows Filters whatever a saved node API Version says, saying they are for API v3', () => {
		expect(filtersShown('v3')).toBe(true);
		expect(filtersShown('v2')).toBe(true);
		expect(filtersShown('')).toBe(true);
		const filters = properties.find((property) => property.name === 'filters');
		expect(filters?.description).toMatch(/^Loyalty 2\.0 \(API v3\) only\. /);
	});

	test('offers the five filters of the interface, sorted by name', () => {
		const filters = properties.find(
			(property) =>
				property.name === 'filters' &&
				property.displayOptions?.show?.operation?.includes('getAll') &&
				property.displayOptions.show.resource?.includes('customer'),
		);
		const names = (filters?.options as INodeProperties[]).map((option) => option.name);
		expect([...names].sort()).toEqual(['email', 'pointsMax', 'pointsMin', 'tags', 'vipTier']);
		const labels = (filters?.options as INodeProperties[]).map((option) => option.displayName);
		expect(labels).toEqual([...labels].sort());
	});
});
