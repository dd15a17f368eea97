import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { searchList, toSearchPage } from '../../core/locator';
import type { PageContent } from '../../core/paging';
import { MAX_PAGE_SIZE } from '../../core/paging';
import { pathSegmentProblem } from '../../core/validation';
import type { ApiClient } from '../../core/request';
import { openStempApi, readStempPage, readWholeList, stempPath, usersPath } from '../transport';

/**
 * The pickers of node version 2 (resource locators' "From List"). Lists stemp answers whole (passes, templates,
 * reward tiers) are read once per call and filtered by the typed text; users are paged, and searched by stemp
 * itself (`GET users/search`) when text is typed. A failed call throws the client's NodeApiError: the editor shows
 * stemp's own message, the token masked.
 */

const text = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/** The entries whose name or value contains the typed text (case-insensitive); all of them without text. */
function filtered(items: INodeListSearchItems[], filter?: string): INodeListSearchResult {
	const needle = filter?.trim().toLowerCase() ?? '';
	const seen = new Set<string>();
	const results = items.filter((item) => {
		const key = String(item.value);
		if (seen.has(key)) return false;
		seen.add(key);
		return !needle || `${item.name}\n${key}`.toLowerCase().includes(needle);
	});
	return { results };
}

/** "Jane Doe (jane@example.com, external ID shop-7) · usr_1": who the user is, then stemp's ID. */
function userItem(user: IDataObject): INodeListSearchItems | undefined {
	const id = text(user.id);
	if (!id) return undefined;
	const who = text(user.name) || text(user.email);
	const details = [
		who !== text(user.email) ? text(user.email) : '',
		text(user.externalId) ? `external ID ${text(user.externalId)}` : '',
	].filter(Boolean);
	const name = [who || id, details.length ? `(${details.join(', ')})` : '']
		.filter(Boolean)
		.join(' ');
	return { name: `${name} · ${id}`, value: id };
}

/**
 * A page of users. A bare array longer than the page asked for is the whole list, as stemp's OpenAPI file declares
 * `GET /users` (the server ignored the size): no page follows it.
 */
function readUsersPage(body: unknown): PageContent {
	const page = readStempPage(body);
	return Array.isArray(body) && page.records.length > MAX_PAGE_SIZE
		? { ...page, more: false }
		: page;
}

/**
 * stemp's users for the User picker. Without typed text, `GET /users` one page per call (0-based `page`, `size`;
 * a server that sends every user at once, as stemp's OpenAPI file declares, gives them all on the first call).
 * With typed text, stemp searches e-mail, name and external ID itself (`GET users/search?q=`). The value is
 * stemp's user ID.
 */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const api = await openStempApi(this);
	const query = filter?.trim() ?? '';
	const path = query ? `${usersPath()}/search` : usersPath();
	return await searchList({
		paginationToken,
		firstPage: 0,
		fetchPage: async (page) =>
			toSearchPage(
				api.node,
				`GET ${path}`,
				await api.request({
					method: 'GET',
					path,
					qs: { ...(query ? { q: query } : {}), page, size: MAX_PAGE_SIZE },
					idempotent: true,
				}),
				page,
				MAX_PAGE_SIZE,
				readUsersPage,
			),
		toItem: userItem,
	});
}

/** "jane@example.com (Jane Doe) · Coffee stamp card · wp_1": whose pass it is, of which template, then its ID. */
function passItem(pass: IDataObject): INodeListSearchItems | undefined {
	const id = text(pass.id);
	if (!id) return undefined;
	const user = (pass.user ?? {}) as IDataObject;
	const email = text(user.email);
	const who = [
		email || text(user.id) || 'unknown customer',
		text(user.name) ? `(${text(user.name)})` : '',
	]
		.filter(Boolean)
		.join(' ');
	const template = text((pass.template as IDataObject | undefined)?.name);
	return { name: [who, template, id].filter(Boolean).join(' · '), value: id };
}

/**
 * The organization's wallet passes (`GET walletpasses`, answered whole), each shown with its customer's e-mail
 * and its template; typed text filters them. Where the node names a template (e.g. a push to a template's passes
 * never needs this), only that template's passes are listed.
 */
export async function searchWalletPasses(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const api = await openStempApi(this);
	const passes = await readWholeList(api, '/walletpasses', undefined, { key: 'passes' });
	return filtered(
		passes.map(passItem).filter((item): item is INodeListSearchItems => item !== undefined),
		filter,
	);
}

function templateItem(template: IDataObject): INodeListSearchItems | undefined {
	const id = text(template.id);
	if (!id) return undefined;
	return { name: `${text(template.name) || id} · ${id}`, value: id };
}

/** The organization's templates (`GET templates`), by name; typed text filters them. */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const api = await openStempApi(this);
	const templates = await readWholeList(api, '/templates', undefined);
	return filtered(
		templates.map(templateItem).filter((item): item is INodeListSearchItems => item !== undefined),
		filter,
	);
}

/** How many templates the tier picker reads at most when the node names none (a picker, not an export). */
const MAX_TEMPLATES_FOR_TIERS = 25;

/** A locator's or plain field's value on the node being edited, when it can name a path segment. */
function currentId(ctx: ILoadOptionsFunctions, name: string): string | undefined {
	let raw: unknown;
	try {
		raw = ctx.getCurrentNodeParameter(name, { extractValue: true });
	} catch {
		return undefined;
	}
	const value = text(raw);
	if (!value || value.startsWith('=') || pathSegmentProblem(value)) return undefined;
	return value;
}

/** The template whose tiers the picker offers: the node's Template, else the template of its Wallet Pass. */
async function templateForTiers(
	ctx: ILoadOptionsFunctions,
	api: ApiClient,
): Promise<string | undefined> {
	const templateId = currentId(ctx, 'templateId');
	if (templateId) return templateId;
	const walletPassId = currentId(ctx, 'walletPassId');
	if (!walletPassId) return undefined;
	const pass = (await api.request({
		method: 'GET',
		path: stempPath('walletpasses', walletPassId),
		idempotent: true,
	})) as IDataObject | undefined;
	const template = pass?.template as IDataObject | undefined;
	return text(template?.id) || undefined;
}

/**
 * Reward tiers with the points each costs: of the node's template (Reward Tier > Get Many, Create), of the
 * template of the node's wallet pass (Points > Redeem), or else of every template (Update, Delete), named with
 * their template.
 */
export async function searchRewardTiers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const api = await openStempApi(this);
	const templateId = await templateForTiers(this, api);
	const templates = templateId
		? [{ id: templateId, name: '' }]
		: (await readWholeList(api, '/templates', undefined)).slice(0, MAX_TEMPLATES_FOR_TIERS);
	const items: INodeListSearchItems[] = [];
	for (const template of templates) {
		const id = text(template.id);
		if (!id) continue;
		const tiers = await readWholeList(api, stempPath('templates', id, 'points-rewards'), undefined);
		for (const tier of tiers) {
			const tierId = text(tier.id);
			if (!tierId) continue;
			const points = text(tier.pointsRequired);
			const label = [
				`${text(tier.name) || tierId}${points ? ` (${points} points)` : ''}`,
				templateId ? '' : text(template.name),
				tierId,
			]
				.filter(Boolean)
				.join(' · ');
			items.push({ name: label, value: tierId });
		}
	}
	return filtered(items, filter);
}

export const stempListSearch = {
	searchUsers,
	searchWalletPasses,
	searchTemplates,
	searchRewardTiers,
};
