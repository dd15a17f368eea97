/**
 * Every operation of the stemp node, one line each. Adding an operation is its file plus one line here:
 * the selectors, the router, the tests' list of offered operations and the README's table follow from these.
 */
export * as stampAdd from './stamp/add.operation';
export * as stampGet from './stamp/get.operation';
export * as stampGetHistory from './stamp/getHistory.operation';
export * as stampRemove from './stamp/remove.operation';
export * as stampReset from './stamp/reset.operation';
export * as stampSet from './stamp/set.operation';
export * as userCreate from './user/create.operation';
export * as userDelete from './user/delete.operation';
export * as userGet from './user/get.operation';
export * as userGetAll from './user/getAll.operation';
export * as userUpdate from './user/update.operation';
