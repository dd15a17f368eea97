import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OperationTable } from '../../core/operation';
import { routeOperation } from '../../core/operation';
import type { ApiClient } from '../../core/request';
import { openStampedApi, STAMPED_CREDENTIAL } from '../transport';
import type { StampedVersion } from '../transport/version';
import { versionOf } from '../transport/version';
import * as coupon from './coupon/Coupon.resource';
import * as customer from './customer/Customer.resource';
import * as loyaltyTransaction from './loyaltyTransaction/LoyaltyTransaction.resource';
import * as points from './points/Points.resource';
import * as reward from './reward/Reward.resource';
import * as review from './review/Review.resource';
import * as tier from './tier/Tier.resource';
import { assertSameVersion, nodeApiVersion } from './versions';

/** The operations each API version offers; the node's display options show exactly these. */
const operations: Record<StampedVersion, OperationTable<ApiClient>> = {
	v2: {
		customer: { delete: customer.delete, get: customer.get, getAll: customer.getAll, upsert: customer.upsert },
		points: { update: points.update },
		loyaltyTransaction: { create: loyaltyTransaction.create },
		tier: { getAll: tier.getAll },
		review: { getAll: review.getAll },
	},
	v3: {
		customer: {
			delete: customer.delete,
			get: customer.get,
			getAll: customer.getAll,
			lookup: customer.lookup,
			upsert: customer.upsert,
		},
		points: { update: points.update },
		loyaltyTransaction: { create: loyaltyTransaction.create, getAll: loyaltyTransaction.getAll },
		tier: { set: tier.set },
		reward: { redeem: reward.redeem },
		coupon: { void: coupon.void },
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const version = nodeApiVersion(this);
	const credentials = await this.getCredentials(STAMPED_CREDENTIAL);
	assertSameVersion(this, version, versionOf(credentials));

	// A workflow edited outside the editor can name an operation its version lacks: refuse it, never send it.
	// (n8n drops the operation of a resource the version lacks, so it may be empty.)
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0, '') as string;
	if (!operations[version][resource]?.[operation]) {
		const what = operations[version][resource] ? `The operation "${operation}" of "${resource}"` : `The resource "${resource}"`;
		throw new NodeOperationError(this.getNode(), `${what} is not available on Stamped API ${version}`, {
			description: 'Pick a resource and an operation the node offers for this API Version. Nothing was sent.',
		});
	}
	return await routeOperation(this, operations[version], async () => await openStampedApi(this, credentials));
}
