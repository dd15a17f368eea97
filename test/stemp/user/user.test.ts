import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { STEMP_TOKEN } from '../../fake-api/stemp';
import { loadPackage, runNode } from '../../harness/engine';
import { useStempUsers } from '../support';

const { api } = useStempUsers();

async function stempProperties(): Promise<INodeProperties[]> {
	const loader = await loadPackage();
	return (loader.getNode('stemp').type as INodeType).description.properties;
}

test("Resource still defaults to Stamp, and offers every resource of stemp's published API, sorted by name", async () => {
	const resource = (await stempProperties()).find((property) => property.name === 'resource')!;
	expect(resource.default).toBe('stamp');
	expect(
		(resource.options as INodePropertyOptions[]).map((option) => [option.name, option.value]),
	).toEqual([
		['Organization', 'organization'],
		['Points', 'points'],
		['Points Redemption', 'redemption'],
		['Push Notification', 'notification'],
		['Reward Tier', 'rewardTier'],
		['Stamp', 'stamp'],
		['Stamp Reward', 'reward'],
		['Template', 'template'],
		['User', 'user'],
		['Wallet Pass', 'pass'],
		['Webhook Delivery', 'webhookDelivery'],
	]);
});

test('the User resource offers its seven operations, sorted, each with an action and a description for agents', async () => {
	const selector = (await stempProperties()).find(
		(property) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === 'user',
	)!;
	const options = selector.options as INodePropertyOptions[];
	expect(options.map((option) => [option.name, option.value, option.action])).toEqual([
		['Create', 'create', 'Create a user'],
		['Delete', 'delete', 'Delete a user'],
		['Get', 'get', 'Get a user'],
		['Get Many', 'getAll', 'Get many users'],
		['Get Passes', 'getPasses', "Get a user's passes"],
		['Search', 'search', 'Search users'],
		['Update', 'update', 'Update a user'],
	]);
	expect(options.find((option) => option.value === 'get')?.description).toMatch(/external ID/);
	expect(options.find((option) => option.value === 'create')?.description).toMatch(/external ID/);
});

test('Create shows its not-re-sent notice in the panel', async () => {
	const notice = (await stempProperties()).find(
		(property) =>
			property.name === 'createNotice' && property.displayOptions?.show?.resource?.[0] === 'user',
	)!;
	expect(notice.type).toBe('notice');
	expect(notice.displayOptions?.show).toEqual({ resource: ['user'], operation: ['create'] });
	expect(notice.displayName).toContain('User > Get by the external ID');
});

test('a saved stamp workflow without a resource parameter still runs Stamp > Add', async () => {
	const { items, error } = await runNode({
		type: 'stemp',
		parameters: { operation: 'add', walletPassId: 'wp_abc456' },
		credentials: { stempApi: { apiToken: STEMP_TOKEN, baseUrl: api().stempUrl } },
	});
	expect(error).toBeUndefined();
	expect(items[0].json.currentStamps).toBe(6);
	expect(api().requests()).toMatchObject([
		{ method: 'POST', path: '/walletpasses/wp_abc456/stamps/add' },
	]);
});
