'use strict';
/*
 * A scripted stand-in for an OpenAI-compatible chat API (what CometAPI offers at /v1), so the AI
 * Agent example runs without a real model: the first turn calls the workflow's tool with fixed
 * arguments, the next turn answers with the tool's result. Answers plain JSON or SSE (stream: true).
 */
const http = require('node:http');

async function startFakeOpenAi({ toolArgs, apiKey = 'fake-openai-key' }) {
	const requests = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			let body;
			try {
				body = raw ? JSON.parse(raw) : undefined;
			} catch {
				body = raw;
			}
			const path = req.url.split('?')[0];
			requests.push({ method: req.method, path, headers: req.headers, body });
			if (req.headers.authorization !== `Bearer ${apiKey}`) {
				res.writeHead(401, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ error: { message: 'bad key' } }));
			}
			if (req.method === 'GET' && path.endsWith('/models')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] }));
			}
			if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				return res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
			}
			const messages = body?.messages ?? [];
			const toolMessage = [...messages].reverse().find((m) => m.role === 'tool');
			const tool = body?.tools?.[0]?.function;
			const message = toolMessage
				? { role: 'assistant', content: `Here is your video. Tool result: ${typeof toolMessage.content === 'string' ? toolMessage.content : JSON.stringify(toolMessage.content)}` }
				: {
						role: 'assistant',
						content: null,
						tool_calls: [
							{ id: 'call_e2e_1', type: 'function', function: { name: tool?.name ?? 'missing_tool', arguments: JSON.stringify(toolArgs) } },
						],
					};
			const finish = toolMessage ? 'stop' : 'tool_calls';
			const base = { id: `chatcmpl-e2e-${requests.length}`, created: Math.floor(Date.now() / 1000), model: body?.model ?? 'gpt-4o-mini' };
			const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
			if (body?.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				const delta = toolMessage
					? { role: 'assistant', content: message.content }
					: { role: 'assistant', content: null, tool_calls: message.tool_calls.map((c, index) => ({ index, ...c })) };
				const send = (obj) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
				send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] });
				send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finish }], usage });
				res.write('data: [DONE]\n\n');
				return res.end();
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage }));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		apiKey,
		requests,
		chatRequests: () => requests.filter((r) => r.path.endsWith('/chat/completions')),
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

module.exports = { startFakeOpenAi };
