import type { IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

export class StempApi implements ICredentialType {
	name = 'stempApi';

	displayName = 'Stemp API';

	icon = {
		light: 'file:../nodes/Stemp/stemp.svg',
		dark: 'file:../nodes/Stemp/stemp.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/n8n-nodes-stamped-stemp/n8n-nodes-stamped-stemp#stemp-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Token from the stemp developer portal. It needs the scopes loyalty:manage (to change stamps) and pass:read (to read stamps and history).',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.stemp.app/api/v1',
			required: true,
			description: 'Change only to reach stemp through a proxy or a sandbox',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSigningSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The secret stemp signs webhook deliveries with. When set, the stemp Trigger refuses deliveries whose X-Stemp-Signature does not match.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};
}
