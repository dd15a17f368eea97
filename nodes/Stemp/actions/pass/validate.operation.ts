import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { readText, passOf, readWalletPassId, walletPassIdProperties } from '../fields';

/** stemp publishes no limit on a signature; this one keeps an accidental paste of a whole page out of a request. */
const MAX_SIGNATURE_LENGTH = 2048;

const properties: INodeProperties[] = [
	...walletPassIdProperties('The wallet pass the scanned QR code names'),
	{
		displayName: 'Signature',
		name: 'signature',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3f9a1c…',
		description:
			'The signature part of the scanned QR code, as the scanner read it: stemp checks that it was issued for this pass by your organization',
	},
];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return {
		walletPassId: readWalletPassId(this, itemIndex),
		signature: readText(
			this,
			this.getNodeParameter('signature', itemIndex),
			'Signature',
			itemIndex,
			{
				max: MAX_SIGNATURE_LENGTH,
				required: true,
			},
		)!,
	};
}

/**
 * `POST walletpasses/validate`. It changes nothing, so a failure midway is retried. The output is stemp's
 * verdict: `valid`, the pass when it is, and the reason when it is not (a forged or foreign code is not an error
 * of the node: route on `valid` with an If node).
 */
async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string; signature: string },
	itemIndex: number,
) {
	return asJsonObject(
		await api.request({
			method: 'POST',
			path: '/walletpasses/validate',
			body: { walletPassId: input.walletPassId, signature: input.signature },
			idempotent: true,
			itemIndex,
		}),
	);
}

export const declaration = defineOperation({
	resource: 'pass',
	operation: 'validate',
	name: 'Validate',
	description:
		'Check a scanned pass QR code (wallet pass ID and signature) with stemp before giving a stamp or a reward: outputs valid true with the pass, or valid false with the reason',
	action: 'Validate a pass QR code',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
