import { templateRead } from './common';

export const declaration = templateRead('get', '', {
	name: 'Get',
	description:
		'Get a pass template by its ID: its name, design, features (stamps, points) and state',
	action: 'Get a template',
});
