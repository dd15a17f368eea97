import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { defineOperation } from '../../../core/registry';
import { stampsPath } from '../../transport';
import { passOf, readWalletPassId, walletPassIdField } from './common';

const properties: INodeProperties[] = [...walletPassIdField];

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
			path: stampsPath(input.walletPassId),
			idempotent: true,
			itemIndex,
		}),
	);
}

export const declaration = defineOperation({
	resource: 'stamp',
	operation: 'get',
	name: 'Get',
	description: "Get a card's current stamps, card size and completions",
	action: 'Get stamp state',
	properties,
	prepare,
	execute,
	subjectOf: passOf,
});
