import { defineOperation } from '../../../core/registry';
import { executeV2, prepareV2, v2Properties } from './create.v2';

/**
 * Order > Create, API v2, registered on its own until it joins the one Order > Create declaration (API v3's
 * create lives beside it); `create.v2.ts` holds what this version sends.
 */
export const declaration = defineOperation({
	resource: 'order',
	operation: 'create',
	versions: ['v2'],
	name: 'Create',
	description:
		"Send a sale to Stamped's loyalty program, which rewards the buyer by its rules (the order Stamped's own store plugins send)",
	action: 'Create an order',
	properties: v2Properties,
	prepare: prepareV2,
	execute: executeV2,
});
