/**
 * Points on API v3: the balance read from a customer record, and `adjust-points`, which moves it. Points > Update
 * and Loyalty Transaction > Create use them.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asJsonObject } from '../../../core/operation';
import type { ApiClient } from '../../../core/request';
import { toNumber } from '../../../core/validation';
import { customerActionPath } from '../../transport/v3';

/**
 * A customer's points balance. v3 keeps the loyalty figures under `activity` (some answers say `loyalty`) and
 * types them as text ("150"); undefined when no readable balance is there.
 */
export function pointsBalanceOf(customer: IDataObject): number | undefined {
	for (const holder of [customer.activity, customer.loyalty, customer]) {
		if (holder && typeof holder === 'object' && !Array.isArray(holder)) {
			const balance = toNumber((holder as IDataObject).totalPoints);
			if (balance !== undefined) return balance;
		}
	}
	return undefined;
}

/**
 * Why a v3 "set" refuses a balance that is not a whole number: the adjustment (target minus balance) would be
 * fractional, and a fractional number of points is never sent. Rounding would leave the balance off the target
 * without saying so, so the node refuses instead, before anything is changed.
 */
export function fractionalBalanceError(
	api: ApiClient,
	balance: number,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		api.node,
		`Stamped reports a balance of ${balance} points, not a whole number, so it cannot be set exactly`,
		{
			itemIndex,
			description:
				'A set would have to send a fractional adjustment, which this node never sends (nor rounds). Nothing was changed. Use Add or Subtract with whole points instead.',
		},
	);
}

/**
 * `adjust-points`: moves the balance by a signed amount and answers the activity it recorded. Never re-sent
 * after a failure that may have applied it (v3 has no idempotency key), so points are never moved twice.
 */
export async function adjustPoints(
	api: ApiClient,
	customerId: string,
	points: number,
	reason: string | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	const body = await api.request({
		method: 'POST',
		path: customerActionPath(api, customerId, 'adjust-points'),
		body: { points, ...(reason !== undefined ? { reason } : {}) },
		idempotent: false,
		itemIndex,
	});
	return asJsonObject(body);
}
