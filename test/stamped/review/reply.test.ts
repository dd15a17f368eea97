/** review reply: public or private, optionally e-mailed; retried only when it sends no e-mail. */
import type { IDataObject } from 'n8n-workflow';

import { generatedReviews, runStampedOn, storePath, useStampedFake } from '../support';

const fake = useStampedFake({ reviews: generatedReviews(3) });
const reply = (
	parameters: Record<string, unknown>,
	options: { continueOnFail?: boolean; input?: IDataObject[] } = {},
) =>
	runStampedOn(
		fake(),
		{ resource: 'review', operation: 'reply', reviewId: 'r1', reply: 'Thank you!', ...parameters },
		options,
	);

test('a public reply is posted with isPrivate=false&isEmail=false and shows on the review', async () => {
	const { items, error } = await reply({});
	expect(error).toBeUndefined();
	expect(items).toEqual([
		{
			json: { reviewId: 'r1', reply: 'Thank you!', isPrivate: false, sendEmail: false },
			pairedItem: { item: 0 },
		},
	]);
	const [request] = fake().requests();
	expect(`${request.method} ${request.path}`).toBe(
		`POST ${storePath('/dashboard/reviews/r1/reply')}`,
	);
	expect(request.query).toEqual({ isPrivate: 'false', isEmail: 'false' });
	expect(request.body).toEqual({ reply: 'Thank you!' });
	expect(fake().stamped.reviews[1].reply).toBe('Thank you!');
});

test('a private reply that e-mails the reviewer sends both flags', async () => {
	const { items } = await reply({ options: { isPrivate: true, sendEmail: true } });
	expect(items[0].json).toEqual({
		reviewId: 'r1',
		reply: 'Thank you!',
		isPrivate: true,
		sendEmail: true,
	});
	expect(fake().requests()[0].query).toEqual({ isPrivate: 'true', isEmail: 'true' });
	expect(fake().stamped.replies).toEqual([
		{ reviewId: 'r1', reply: 'Thank you!', isPrivate: true, isEmail: true },
	]);
	expect(fake().stamped.reviews[1].reply).toBe('');
});

test('the review ID is URL-encoded into the path', async () => {
	await reply({ reviewId: 'a/b c' });
	expect(fake().requests()[0].rawPath).toBe(storePath('/dashboard/reviews/a%2Fb%20c/reply'));
});

test('several items each get their reply and their own output item', async () => {
	const { items } = await reply(
		{ reviewId: '={{ $json.id }}', reply: '={{ $json.text }}' },
		{
			input: [
				{ id: 'r0', text: 'One' },
				{ id: 'r2', text: 'Two' },
			],
		},
	);
	expect(items.map((item) => [item.json.reviewId, item.json.reply, item.pairedItem])).toEqual([
		['r0', 'One', { item: 0 }],
		['r2', 'Two', { item: 1 }],
	]);
});

test("Stamped's message comes through for an unknown review; Continue On Fail keeps the item", async () => {
	const { items } = await reply({ reviewId: 'nope' }, { continueOnFail: true });
	expect(items).toEqual([
		{
			json: expect.objectContaining({ error: 'Review not found', httpCode: '404' }),
			pairedItem: { item: 0 },
		},
	]);
});

describe('after an ambiguous failure', () => {
	test('a reply without e-mail is retried (a second reply replaces the first)', async () => {
		fake().inject({ vendor: 'stamped', path: '/reply', kind: 500, phase: 'after', times: 1 });
		const { items, error } = await reply({});
		expect(error).toBeUndefined();
		expect(items[0].json.reply).toBe('Thank you!');
		expect(fake().requests({ path: '/reply' })).toHaveLength(2);
	});

	test.each([[500], ['drop' as const]])(
		'a reply that e-mails is not sent again (%s)',
		async (kind) => {
			fake().inject({ vendor: 'stamped', path: '/reply', kind, phase: 'after', times: 1 });
			const { error } = await reply({ options: { sendEmail: true } });
			expect(error?.description).toContain(
				'Not retried: this call changes data and the server may already have applied it.',
			);
			expect(fake().requests({ path: '/reply' })).toHaveLength(1);
			expect(fake().stamped.replies).toHaveLength(1);
		},
	);
});

describe('bad input is refused before any request', () => {
	test.each([
		[{ reply: '={{ "" }}' }, 'Invalid "Reply" in item 0: it is empty'],
		[
			{ reply: 'x'.repeat(5001) },
			'Invalid "Reply" in item 0: it is 5001 characters long; at most 5000 are allowed',
		],
		[{ reviewId: '={{ "" }}' }, 'Invalid "Review ID" in item 0: it is empty'],
		[
			{ reviewId: '..' },
			'Invalid "Review ID" in item 0: ".." is not an ID: as part of a URL it would address another endpoint',
		],
		[
			{ reviewId: '={{ "a\\u0000b" }}' },
			'Invalid "Review ID" in item 0: it contains a control character',
		],
		[
			{ reviewId: '={{ { id: 1 } }}' },
			'Invalid "Review ID" in item 0: it is an object, not a text',
		],
	])('%j', async (parameters, message) => {
		const { error } = await reply(parameters);
		expect(error?.message).toBe(message);
		expect(fake().log).toHaveLength(0);
	});

	test('a reply of exactly 5000 characters is sent', async () => {
		const { error } = await reply({ reply: 'x'.repeat(5000) });
		expect(error).toBeUndefined();
		expect(fake().log).toHaveLength(1);
	});
});
