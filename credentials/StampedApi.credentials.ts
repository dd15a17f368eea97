import type {
	IAuthenticateGeneric,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class StampedApi implements ICredentialType {
	name = 'stampedApi';

	displayName = 'Stamped API';

	icon = { light: 'file:../nodes/Stamped/stamped.svg', dark: 'file:../nodes/Stamped/stamped.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-stamped-stemp/n8n-nodes-stamped-stemp#stamped-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Public Key',
			name: 'publicKey',
			type: 'string',
			default: '',
			required: true,
			description: 'In the Stamped dashboard under Settings > API Keys',
		},
		{
			displayName: 'API Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'In the Stamped dashboard under Settings > API Keys, next to the public key',
		},
		{
			displayName: 'Store Hash',
			name: 'storeHash',
			type: 'string',
			default: '',
			required: true,
			description:
				'Your store\'s ID in Stamped (not one of the keys). It is shown in Settings > API Keys and in the dashboard URL.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://stamped.io/api/v2',
			required: true,
			description: 'Change only to reach Stamped through a proxy or a sandbox',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The secret typed into Stamped\'s webhook settings. When set, the Stamped Trigger refuses deliveries that do not carry it.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.publicKey}}',
				password: '={{$credentials.privateKey}}',
			},
		},
	};
}
