import { settleOperation } from './common';

export const declaration = settleOperation('complete', {
	name: 'Complete',
	description:
		'Mark a pending redemption as handed out (the customer got the reward at the till); outputs the redemption. Never sent twice.',
	action: 'Complete a redemption',
	notice: 'This settles the redemption. If the request fails midway it is not sent again.',
});
