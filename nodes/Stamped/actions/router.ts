import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationTable } from '../../core/operation';
import { routeOperation } from '../../core/operation';
import type { ApiClient } from '../../core/request';
import { openStampedApi } from '../transport';
import * as customer from './customer/Customer.resource';
import * as loyaltyTransaction from './loyaltyTransaction/LoyaltyTransaction.resource';
import * as points from './points/Points.resource';
import * as review from './review/Review.resource';
import * as tier from './tier/Tier.resource';

const operations: OperationTable<ApiClient> = {
	customer: { delete: customer.delete, get: customer.get, getAll: customer.getAll, upsert: customer.upsert },
	points: { update: points.update },
	loyaltyTransaction: { create: loyaltyTransaction.create },
	tier: { getAll: tier.getAll },
	review: { getAll: review.getAll },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, operations, async () => await openStampedApi(this));
}
