import type { INodeProperties } from 'n8n-workflow';

import type { StampedVersion } from '../transport/version';
import { STAMPED_VERSION_NAMES } from '../transport/version';

export const API_VERSION_PARAMETER = 'apiVersion';

/**
 * The node's former API Version selector, kept hidden so that saved workflows carrying it load and run
 * unchanged. It selects nothing: the credential's API Version decides what is called, and the editor lists
 * every operation once. The router reads it for one thing only: which operation a workflow saved with it meant
 * when it left the Operation selector at its default (see `legacyOperation` in the core registry).
 */
export const apiVersionProperty: INodeProperties = {
	displayName: 'API Version',
	name: API_VERSION_PARAMETER,
	type: 'hidden',
	default: '',
	description:
		'Kept for saved workflows only: the credential decides which Stamped API version is called',
};

/** A parameter (or a collection's option) only `version` uses: always shown, and it says so. */
export function onlyOn(version: StampedVersion, property: INodeProperties): INodeProperties {
	// First, so that n8n's closing sentence of a dropdown's description ("Choose from the list, ...") stays last.
	const note = `${STAMPED_VERSION_NAMES[version]} only.`;
	return {
		...property,
		description: property.description ? `${note} ${property.description}` : note,
	};
}

/** A notice about how `version` does something, prefixed with the version's name. */
export function noticeFor(version: StampedVersion, notice: INodeProperties): INodeProperties {
	return { ...notice, displayName: `${STAMPED_VERSION_NAMES[version]}: ${notice.displayName}` };
}
