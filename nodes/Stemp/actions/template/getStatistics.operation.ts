import { templateRead } from './common';

export const declaration = templateRead('getStatistics', 'pass-statistics', {
	name: 'Get Statistics',
	description:
		'Count the passes issued from a template, in all and installed in Apple and Google Wallet',
	action: "Get a template's pass statistics",
});
