import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { StampedVersion } from '../transport/version';
import { STAMPED_VERSIONS } from '../transport/version';

/**
 * The node's own API Version. n8n's display options cannot see credential values, so the node needs this to
 * show each version's operations only; the router checks that it matches the credential before anything runs.
 * Its default keeps workflows saved before v3 existed on v2.
 */
export const apiVersionProperty: INodeProperties = {
	displayName: 'API Version',
	name: 'apiVersion',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'V2',
			value: 'v2',
			description: 'Stamped API v2, authenticated with the public and private key',
		},
		{
			name: 'V3 (Loyalty 2.0)',
			value: 'v3',
			description: "Stamped API v3, for shops on Stamped's current loyalty product",
		},
	],
	default: 'v2',
	description: 'Must match the API Version of the selected Stamped API credential',
};

export function nodeApiVersion(ctx: IExecuteFunctions): StampedVersion {
	return ctx.getNodeParameter('apiVersion', 0, 'v2') === 'v3' ? 'v3' : 'v2';
}

export function assertSameVersion(ctx: IExecuteFunctions, node: StampedVersion, credential: StampedVersion): void {
	if (node === credential) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`The node is set to Stamped API ${node}, but the selected credential is for API ${credential}`,
		{
			description: `Set "API Version" in the node to ${credential}, or select a Stamped API credential whose API Version is ${node}. Nothing was sent.`,
		},
	);
}

/**
 * The Resource or Operation selector of each version. Where both versions offer the same choices there is one
 * selector for both; otherwise one per version, shown only for it, so that a choice one version lacks is never
 * offered for it. Each version's default is `base.default` where that version offers it, else its first choice.
 */
export function versionedSelector(
	base: INodeProperties,
	available: Partial<Record<StampedVersion, string[]>>,
): INodeProperties[] {
	const options = (base.options ?? []) as INodePropertyOptions[];
	const choicesOf = (version: StampedVersion) =>
		options.filter((option) => available[version]?.includes(String(option.value)));
	const versions = STAMPED_VERSIONS.filter((version) => choicesOf(version).length > 0);
	const signature = (version: StampedVersion) => choicesOf(version).map((option) => option.value).join(',');
	const same =
		versions.length === STAMPED_VERSIONS.length && versions.every((version) => signature(version) === signature(versions[0]));
	const groups = same ? [versions] : versions.map((version) => [version]);
	return groups.map((group) => {
		const choices = choicesOf(group[0]);
		const show = { ...base.displayOptions?.show, ...(same ? {} : { apiVersion: group }) };
		const offersDefault = choices.some((choice) => choice.value === base.default);
		return {
			...base,
			options: choices,
			default: offersDefault ? base.default : choices[0].value,
			...(Object.keys(show).length > 0 ? { displayOptions: { show } } : {}),
		} as INodeProperties;
	});
}
