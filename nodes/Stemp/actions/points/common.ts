import type { IDataObject } from 'n8n-workflow';

import type { ApiClient } from '../../../core/request';
import { stempPath } from '../../transport';
import { sendOnce, walletPassIdProperties } from '../fields';

/** `walletpasses/{id}/points[/action]`, the pass ID URL-encoded. */
export function pointsPath(
	walletPassId: string,
	action?: 'add' | 'remove' | 'set' | 'redeem' | 'history' | 'redemptions',
): string {
	return action
		? stempPath('walletpasses', walletPassId, 'points', action)
		: stempPath('walletpasses', walletPassId, 'points');
}

/** The wallet pass whose points card an operation uses. */
export const pointsPassField = walletPassIdProperties(
	"The wallet pass whose points card to use. It is what a point-of-sale reads from the pass's QR code.",
);

/** A points write that must never be applied twice (add, remove, redeem): sent once (see `sendOnce`). */
export async function sendPointsWriteOnce(
	api: ApiClient,
	walletPassId: string,
	action: 'add' | 'remove' | 'redeem',
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	return await sendOnce(
		api,
		{ method: 'POST', path: pointsPath(walletPassId, action), body, itemIndex },
		`Check the card with Points > Get History (wallet pass "${walletPassId}") before running this item again: the change may have been applied.`,
	);
}
