import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import { requirePathSegment } from '../../../core/validation';

export const walletPassIdField: INodeProperties = {
	displayName: 'Wallet Pass ID',
	name: 'walletPassId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'wp_abc456',
	description:
		"The wallet pass whose stamp card to use. It is what a point-of-sale reads from the pass's QR code.",
	hint: 'Usually an expression from the previous node, e.g. {{ $json.walletPassId }}',
};

export function readWalletPassId(ctx: IExecuteFunctions, itemIndex: number): string {
	return requirePathSegment(
		ctx.getNode(),
		ctx.getNodeParameter('walletPassId', itemIndex),
		'Wallet Pass ID',
		itemIndex,
	);
}

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

/** The pass an item acts on, for running items on different passes at once (see Operation.subjectOf). */
export function passOf(input: { walletPassId: string }): string {
	return input.walletPassId;
}
