'use strict';
/**
 * Runs the built node inside the real n8n-core workflow engine: a two-node workflow (a fixture
 * node that emits the given items, then CometAPI Runway), executed by WorkflowExecute with real
 * credential injection, real HTTP helpers, real binary data handling and real error wrapping.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core keeps its instance settings in the user folder; keep them out of the home directory.
process.env.N8N_LOG_LEVEL ??= 'silent';
if (!process.env.N8N_USER_FOLDER) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-core-test-'));
	process.env.N8N_USER_FOLDER = userFolder;
	process.on('exit', () => fs.rmSync(userFolder, { recursive: true, force: true }));
}

const { WorkflowExecute, ExecutionLifecycleHooks } = require('n8n-core');
const { Workflow, ICredentialsHelper, NodeConnectionTypes, LoggerProxy } = require('n8n-workflow');
// n8n-core brings its own copies of these: its container is the one its contexts read the logger from.
const fromCore = (name) => require(require.resolve(name, { paths: [path.dirname(require.resolve('n8n-core'))] }));
const { Container } = fromCore('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common');

const DIST = path.join(__dirname, '..', '..', 'dist');
const { CometApiRunway } = require(
	path.join(DIST, 'nodes', 'CometApiRunway', 'CometApiRunway.node.js'),
);
const { CometApi } = require(path.join(DIST, 'credentials', 'CometApi.credentials.js'));

const NODE_TYPE = 'n8n-nodes-cometapi-runway.cometApiRunway';
const TOOL_NODE_TYPE = `${NODE_TYPE}Tool`;
const FIXTURE_TYPE = 'test.fixture';
const NODE_NAME = 'CometAPI Runway';

const cometApi = new CometApi();

/** Emits the items it is given; binary fields are stored through n8n's binary data helpers. */
function fixtureNode(items) {
	return {
		description: {
			displayName: 'Fixture',
			name: 'fixture',
			group: ['input'],
			version: 1,
			description: 'Test input',
			defaults: { name: 'Fixture' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute() {
			return [await buildItems(this, items)];
		},
	};
}

async function buildItems(ctx, items) {
	const out = [];
	for (let i = 0; i < items.length; i++) {
		const item = { json: items[i].json ?? {}, pairedItem: { item: 0 } };
		if (items[i].binary) {
			item.binary = {};
			for (const [key, file] of Object.entries(items[i].binary)) {
				item.binary[key] = await ctx.helpers.prepareBinaryData(
					file.data,
					file.fileName,
					file.mimeType,
				);
			}
		}
		out.push(item);
	}
	return out;
}

/** Applies the credential's declarative auth the way n8n's own CredentialsHelper does. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(credentials) {
		super();
		this.credentials = credentials;
		this.authenticatedRequests = 0;
	}

	getParentTypes() {
		return [];
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		if (typeName !== 'cometApi') throw new Error(`unexpected credential type ${typeName}`);
		this.authenticatedRequests++;
		const headers = { ...(requestOptions.headers ?? {}) };
		for (const [name, value] of Object.entries(cometApi.authenticate.properties.headers)) {
			headers[name] = workflow.expression.getSimpleParameterValue(node, value, 'internal', {
				$credentials: credentials,
			});
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials() {
		throw new Error('not used');
	}

	async getDecrypted(_additionalData, _nodeCredentials, type) {
		if (!this.credentials[type]) throw new Error(`no test credentials of type ${type}`);
		return { ...this.credentials[type] };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return cometApi.properties;
	}
}

function nodeTypesFor(fixture, runwayNode, nodeType) {
	const types = { [nodeType]: runwayNode, [FIXTURE_TYPE]: fixture };
	return {
		getByName: (type) => types[type],
		getByNameAndVersion: (type) => types[type],
		getKnownTypes: () => ({}),
	};
}

/**
 * Runs the node once over `items`.
 *   parameters     the node's parameters, as saved in a workflow
 *   items          [{ json, binary: { name: { data: Buffer, fileName, mimeType } } }]
 *   credentials    { apiKey, baseUrl }
 *   continueOnFail the node's "Continue On Fail" setting
 *   cancelAfterMs  stop the execution this long after it starts
 *   nodeSettings   the node's own settings as a workflow saves them (retryOnFail, maxTries…)
 *   control        an object that gets `cancel()`, to stop the execution from outside
 *   beforeNode     awaited right before the node executes, once its input items exist
 *   nodeType       the type the workflow names the node by: n8n names a node's agent-tool
 *                  variant by its type with `Tool` appended (TOOL_NODE_TYPE)
 * Returns { items, errorItems, error, run, nodeReturnedAt, cancelledAt, log }: `errorItems` is
 * n8n's error output, there when On Error is "Continue (using error output)".
 */
async function runNode({
	parameters,
	items = [{ json: {} }],
	credentials,
	continueOnFail = false,
	cancelAfterMs,
	nodeSettings = {},
	control = {},
	beforeNode,
	nodeType = NODE_TYPE,
}) {
	const runwayNode = new CometApiRunway();
	let nodeReturnedAt;
	let nodeError;
	let nodeRunning = Promise.resolve();
	const execute = runwayNode.execute;
	runwayNode.execute = function (...args) {
		const running = (async () => {
			try {
				if (beforeNode) await beforeNode();
				return await execute.apply(this, args);
			} finally {
				nodeReturnedAt = Date.now();
			}
		})();
		nodeRunning = running.catch((error) => {
			nodeError = error;
		});
		return running;
	};
	const fixture = fixtureNode(items);
	const nodes = [
		{
			id: 'fixture',
			name: 'Fixture',
			type: FIXTURE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'runway',
			name: NODE_NAME,
			type: nodeType,
			typeVersion: 1,
			position: [200, 0],
			parameters,
			credentials: { cometApi: { id: 'cred-1', name: 'CometAPI' } },
			...(continueOnFail ? { onError: 'continueRegularOutput', continueOnFail: true } : {}),
			...nodeSettings,
		},
	];
	const connections = {
		Fixture: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
	};
	const workflow = new Workflow({
		id: 'wf-test',
		nodes,
		connections,
		nodeTypes: nodeTypesFor(fixture, runwayNode, nodeType),
		active: false,
		settings: { executionOrder: 'v1' },
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', {
		id: 'wf-test',
		name: 'test',
		nodes,
		connections,
		active: false,
		settings: {},
	});
	let resolveFinished;
	const finished = new Promise((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveFinished(run));
	const log = [];
	const logger = {};
	for (const level of ['error', 'warn', 'info', 'debug', 'verbose']) {
		logger[level] = (...args) => log.push({ level, args, at: Date.now() });
	}
	// Whatever n8n or the node logs during this run lands in `log`.
	logger.scoped = () => logger;
	LoggerProxy.init(logger);
	Container.set(Logger, logger);
	const credentialsHelper = new TestCredentialsHelper({ cometApi: credentials });
	const additionalData = {
		hooks,
		credentialsHelper,
		currentNodeParameters: undefined,
		executionId: 'exec-1',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		userId: 'user-1',
	};
	const runExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [
				{ node: workflow.getNode('Fixture'), data: { main: [[{ json: {} }]] }, source: null },
			],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	};
	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const running = workflowExecute.processRunExecutionData(workflow);
	let cancelledAt;
	let timer;
	control.cancel = () => {
		cancelledAt ??= Date.now();
		running.cancel();
	};
	if (cancelAfterMs !== undefined) timer = setTimeout(control.cancel, cancelAfterMs);
	running.catch(() => undefined);
	const run = await finished;
	clearTimeout(timer);
	// A stopped execution finishes before the node's own code has returned: wait for it.
	await nodeRunning;
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		errorItems: taskData?.data?.main?.[1] ?? [],
		error: taskData?.error ?? run.data.resultData.error ?? nodeError,
		run,
		nodeReturnedAt,
		cancelledAt,
		log,
		authenticatedRequests: credentialsHelper.authenticatedRequests,
	};
}

module.exports = { runNode, NODE_TYPE, TOOL_NODE_TYPE, NODE_NAME, TestCredentialsHelper, cometApi, Container, Logger };
