import { templateRead } from './common';

export const declaration = templateRead('getStampConfig', 'stamp-config', {
	name: 'Get Stamp Config',
	description:
		'Get the stamp card configuration of a template: card size (stamps to fill it), reward name and description, and whether a full card starts over',
	action: "Get a template's stamp configuration",
});
