import type { INodeProperties } from 'n8n-workflow';

import * as generate from './generate.operation';
import * as imageToVideo from './imageToVideo.operation';

export { generate, imageToVideo };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		options: [
			{
				name: 'Image to Video',
				value: 'imageToVideo',
				description: 'Animate an image with a Runway model (official route)',
				action: 'Generate a video from an image',
			},
			{
				name: 'Generate',
				value: 'generate',
				description:
					'Generate a video from a prompt, optionally with a start image (compatibility route)',
				action: 'Generate a video from a prompt',
			},
		],
		default: 'imageToVideo',
	},
	...imageToVideo.description,
	...generate.description,
];
