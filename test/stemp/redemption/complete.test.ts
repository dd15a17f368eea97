/** Points Redemption > Complete: `POST points-redemptions/{id}/complete`, never sent twice. */
import { api, stemp, useStempApi } from '../support';
import { pendingRedemption } from '../support-loyalty';

useStempApi();

let redemptionId: string;
beforeEach(() => {
	redemptionId = pendingRedemption(api.stemp);
});

const complete = (id = redemptionId) =>
	stemp({ resource: 'redemption', operation: 'complete', redemptionId: id });

test('marks the redemption handed out', async () => {
	const { items, error } = await complete();
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({
		id: redemptionId,
		status: 'COMPLETED',
		redeemedAt: expect.any(String),
	});
	expect(api.requests()).toMatchObject([
		{ method: 'POST', path: `/points-redemptions/${redemptionId}/complete`, body: undefined },
	]);
});

test("twice: stemp's refusal of the second, quoted", async () => {
	await complete();
	const { error } = await complete();
	expect(error?.message).toMatch(/^Redemption not pending/);
	expect(error?.httpCode).toBe('400');
});

test('a 5xx after applying is not re-sent, and the error says how to check', async () => {
	api.inject({ vendor: 'stemp', path: '/complete', kind: 500, phase: 'after', times: 1 });
	const { error } = await complete();
	expect(error?.description).toContain('Not retried');
	expect(error?.description).toContain('Points > Get Redemptions');
	expect(api.requests()).toHaveLength(1);
});

test.each(['..', '   ', '={{ {"id": 1} }}'])(
	'a Redemption ID of %j is refused before sending',
	async (id) => {
		const { error } = await complete(id);
		expect(error?.message).toMatch(/^Invalid "Redemption ID" in item 0/);
		expect(api.requests()).toHaveLength(0);
	},
);

test("an unknown redemption: stemp's 404 with the hint", async () => {
	const { error } = await complete('rdm_nope');
	expect(error?.description).toContain('Check the Redemption ID');
});
