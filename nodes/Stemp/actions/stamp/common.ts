import type { IDataObject } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import { walletPassIdProperties } from '../fields';

export { passOf, readWalletPassId } from '../fields';

/** The wallet pass whose stamp card an operation uses: plain on node version 1, a picker from version 2. */
export const walletPassIdField = walletPassIdProperties(
	"The wallet pass whose stamp card to use. It is what a point-of-sale reads from the pass's QR code.",
);

/** The stamp state stemp answers with, or, when it answers with no body, what was done. */
export function stampStateOrSummary(
	response: unknown,
	walletPassId: string,
	action: string,
): IDataObject {
	if (response === undefined || response === null || response === '')
		return { walletPassId, action, success: true };
	return asJsonObject(response);
}
