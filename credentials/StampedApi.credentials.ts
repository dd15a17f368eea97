import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { authenticateStamped, DEFAULT_BASE_URLS } from '../nodes/Stamped/transport/version';

export class StampedApi implements ICredentialType {
	name = 'stampedApi';

	displayName = 'Stamped API';

	icon = {
		light: 'file:../nodes/Stamped/stamped.svg',
		dark: 'file:../nodes/Stamped/stamped.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/n8n-nodes-stamped-stemp/n8n-nodes-stamped-stemp#stamped-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{
					name: 'V2',
					value: 'v2',
					description: 'Public and private key sent as HTTP Basic authentication',
				},
				{
					name: 'V3 (Loyalty 2.0)',
					value: 'v3',
					description:
						"Shops on Stamped's current loyalty product: the private key is sent in the stamped-api-key header",
				},
			],
			default: 'v2',
			description:
				'Shops on Stamped Loyalty 2.0 use API v3. Every Stamped node using this credential calls the version set here, and offers what that version serves.',
		},
		{
			displayName: 'API Public Key',
			name: 'publicKey',
			type: 'string',
			default: '',
			required: true,
			description: 'In the Stamped dashboard under Settings > API Keys',
			displayOptions: { show: { apiVersion: ['v2'] } },
		},
		{
			displayName: 'API Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In the Stamped dashboard under Settings > API Keys, next to the public key. API v3 authenticates with this key alone.',
		},
		{
			displayName: 'Store Hash',
			name: 'storeHash',
			type: 'string',
			default: '',
			required: true,
			description:
				"Your store's ID in Stamped (not one of the keys; API v3 calls it the shop ID). It is shown in Settings > API Keys and in the dashboard URL.",
		},
		// One Base URL field per version, so that each shows its own default; the transport also maps the
		// other version's default to this version's, for credentials switched from one version to the other.
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URLS.v2,
			required: true,
			description: 'Change only to reach Stamped through a proxy or a sandbox',
			displayOptions: { show: { apiVersion: ['v2'] } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URLS.v3,
			required: true,
			description: 'Change only to reach Stamped through a proxy or a sandbox',
			displayOptions: { show: { apiVersion: ['v3'] } },
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The secret typed into Stamped's webhook settings. When set, the Stamped Trigger refuses deliveries that do not carry it.",
		},
	];

	// A function rather than generic `authenticate`: n8n sends an `auth` object as a Basic header even when its
	// values are empty, and sends empty headers too, so one generic form cannot serve both versions exactly. The
	// credential test applies the same function to its probe.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return authenticateStamped(credentials, requestOptions);
	}
}
