import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { passOf, readWalletPassId } from '../fields';
import { pointsPassField, pointsPath } from './common';

const properties: INodeProperties[] = [...pointsPassField];

function prepare(this: IExecuteFunctions, itemIndex: number) {
	return { walletPassId: readWalletPassId(this, itemIndex) };
}

async function execute(
	this: IExecuteFunctions,
	api: ApiClient,
	input: { walletPassId: string },
	itemIndex: number,
) {
	return asJsonObject(
		await api.request({
			method: 'GET',
			path: pointsPath(input.walletPassId),
			idempotent: true,
			itemIndex,
		}),
	);
}

export const declaration = defineOperation({
	resource: 'points',
	operation: 'get',
	name: 'Get',
	description:
		"Get a points card's balance: current points, points earned and redeemed in all, lifetime value and when points last changed",
	action: 'Get the points balance',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
