import { settleOperation } from './common';

export const declaration = settleOperation('cancel', {
	name: 'Cancel',
	description:
		'Cancel a pending redemption: stemp gives its points back to the card; outputs the redemption. Never sent twice.',
	action: 'Cancel a redemption',
	notice:
		'This cancels the redemption and gives its points back. If the request fails midway it is not sent again, so points are never given back twice.',
});
