import type { IAuthenticateGeneric, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

export class CometApi implements ICredentialType {
	name = 'cometApi';

	displayName = 'CometAPI API';

	icon: Icon = { light: 'file:../icons/cometapi.svg', dark: 'file:../icons/cometapi.dark.svg' };

	documentationUrl = 'https://github.com/cometapi-runway/n8n-nodes-cometapi-runway#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your CometAPI key, from the CometAPI console',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.cometapi.com',
			placeholder: 'https://api.cometapi.com',
			description:
				'Root of the CometAPI endpoints, without /v1. Must be https:// unless it points at this machine.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// The test is programmatic: the node's `methods.credentialTest.cometApiConnectionTest`
	// (testedBy on the node's credential entry) lists models (free), refuses plain http to another
	// machine before sending, and never follows a redirect. A declarative `test` here would take
	// precedence over it in n8n, and n8n sends a declarative test with redirects followed.
}
