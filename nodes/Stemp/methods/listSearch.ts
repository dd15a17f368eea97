import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchList, toSearchPage } from '../../core/locator';
import { MAX_PAGE_SIZE } from '../../core/paging';
import { openStempApi, usersPath } from '../transport';

const text = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/**
 * stemp's users for the User picker (node version 2): `GET /users` one page per call (0-based `page`, `size`),
 * from the page n8n's pagination token names. stemp cannot search users, so the typed text filters what was
 * read (name, e-mail, external ID, stemp's ID). The value is stemp's user ID. A failed call throws the client's
 * NodeApiError: the editor shows stemp's own message, the token masked.
 */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const api = await openStempApi(this);
	const path = usersPath();
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
					qs: { page, size: MAX_PAGE_SIZE },
					idempotent: true,
				}),
				page,
				MAX_PAGE_SIZE,
			),
		toItem: (user: IDataObject) => {
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
		},
		localFilter: filter,
	});
}

export const stempListSearch = { searchUsers };
