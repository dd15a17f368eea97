import { templateRead } from './common';

export const declaration = templateRead('getPointsConfig', 'points-config', {
	name: 'Get Points Config',
	description:
		'Get the points card configuration of a template: points per unit spent, unit and points labels, minimum points to redeem and how long points last',
	action: "Get a template's points configuration",
});
