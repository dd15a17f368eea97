/**
 * Every operation of the Stamped node, one line each. Adding an operation is its file plus one line here:
 * the selectors, the router, the tests' list of offered operations and the README's table follow from these.
 */
export * as couponVoid from './coupon/void.operation';
export * as customerDelete from './customer/delete.operation';
export * as customerGet from './customer/get.operation';
export * as customerGetAll from './customer/getAll.operation';
export * as customerLookup from './customer/lookup.operation';
export * as customerUpsert from './customer/upsert.operation';
export * as loyaltyTransactionCreate from './loyaltyTransaction/create.operation';
export * as loyaltyTransactionGetAll from './loyaltyTransaction/getAll.operation';
export * as loyaltyTransactionTriggerRule from './loyaltyTransaction/triggerRule.operation';
export * as orderCreate from './order/create.operation';
export * as orderDelete from './order/delete.operation';
export * as orderGet from './order/get.operation';
export * as orderGetAll from './order/getAll.operation';
export * as orderUpdate from './order/update.operation';
export * as pointsUpdate from './points/update.operation';
export * as productCreate from './product/create.operation';
export * as productDelete from './product/delete.operation';
export * as productGet from './product/get.operation';
export * as productGetAll from './product/getAll.operation';
export * as productUpdate from './product/update.operation';
export * as productUpsert from './product/upsert.operation';
export * as reviewCreate from './review/create.operation';
export * as reviewGet from './review/get.operation';
export * as reviewGetAll from './review/getAll.operation';
export * as reviewGetSummary from './review/getSummary.operation';
export * as reviewReply from './review/reply.operation';
export * as reviewRequestCreate from './reviewRequest/create.operation';
export * as rewardGetAll from './reward/getAll.operation';
export * as rewardRedeem from './reward/redeem.operation';
export * as tierGetAll from './tier/getAll.operation';
export * as tierSet from './tier/set.operation';
