'use strict';
/*
 * What a user does in the n8n 2.41 editor, as puppeteer steps. Selectors are the editor's own
 * `data-test-id`s (the ones n8n's Playwright suite uses), so they follow n8n rather than its CSS.
 */
const fs = require('node:fs');
const path = require('node:path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const slugOf = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
const SUCCESS = 'Connection tested successfully';
const FAILURE = /Couldn.t connect with these settings/;

class EditorPage {
	/**
	 * @param page      a puppeteer page
	 * @param url       the editor's base URL
	 * @param shotsDir  where screenshot(name) writes <name>.png
	 */
	constructor(page, { url, shotsDir }) {
		this.page = page;
		this.url = url;
		this.shotsDir = shotsDir;
		this.shots = [];
		// Generous: the editor is a large single-page app, and CI machines are shared.
		page.setDefaultTimeout(45000);
		page.setDefaultNavigationTimeout(120000);
		// Leaving a workflow with unsaved changes asks "Leave page?": the suite leaves.
		page.on('dialog', (dialog) => dialog.accept().catch(() => undefined));
	}

	async screenshot(name) {
		fs.mkdirSync(this.shotsDir, { recursive: true });
		const file = path.join(this.shotsDir, `${name}.png`);
		await this.page.screenshot({ path: file });
		this.shots.push(file);
		return file;
	}

	/** Opens a route of the editor; callers wait for what they need on it. */
	async goto(route) {
		await this.page.goto(`${this.url}${route}`, { waitUntil: 'domcontentloaded' });
	}

	/** Polls `fn` (in Node) until it returns a truthy value; returns that value. */
	async until(fn, { timeoutMs = 45000, what = 'condition' } = {}) {
		const deadline = Date.now() + timeoutMs;
		let last;
		for (;;) {
			last = await fn();
			if (last) return last;
			if (Date.now() > deadline) {
				const shot = await this.screenshot(`failure-${slugOf(what)}`).catch(() => null);
				throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${shot ? ` (see ${path.basename(shot)})` : ''}`);
			}
			await sleep(200);
		}
	}

	async testIds() {
		return await this.page.$$eval('[data-test-id]', (els) => [
			...new Set(els.filter((e) => e.offsetParent !== null).map((e) => e.getAttribute('data-test-id'))),
		]);
	}

	/**
	 * Replaces the text of an input: click, select all, insert the new text as one input event
	 * (the editor may re-render a field after its first keystroke), and check that it took.
	 */
	async fill(selector, value) {
		for (let attempt = 0; attempt < 3; attempt++) {
			const input = await this.page.waitForSelector(selector, { visible: true });
			await input.click();
			await this.page.keyboard.down('Control');
			await this.page.keyboard.press('KeyA');
			await this.page.keyboard.up('Control');
			await this.page.keyboard.sendCharacter(value);
			await sleep(200);
			if ((await this.page.$eval(selector, (e) => e.value)) === value) return;
		}
		throw new Error(`could not type into ${selector}`);
	}

	// --- Owner account -----------------------------------------------------------------------

	async setupOwner({ email, firstName, lastName, password }) {
		await this.goto('/setup');
		await this.page.waitForSelector('[data-test-id=setup-form]', { visible: true });
		await this.fill('input[name=email]', email);
		await this.fill('input[name=firstName]', firstName);
		await this.fill('input[name=lastName]', lastName);
		await this.fill('input[name=password]', password);
		await this.page.click('[data-test-id=form-submit-button]');
		await this.until(async () => !this.page.url().includes('/setup'), { what: 'leaving /setup' });
	}

	async signOut() {
		await this.goto('/signout');
		await this.until(async () => this.page.url().includes('/signin'), { what: 'the sign-in page' });
	}

	async signIn({ email, password }) {
		await this.goto('/signin');
		await this.page.waitForSelector('[data-test-id=signin-form]', { visible: true });
		await this.fill('input[name=emailOrLdapLoginId]', email);
		await this.fill('input[name=password]', password);
		await this.page.click('[data-test-id=form-submit-button]');
		await this.until(async () => !this.page.url().includes('/signin'), { what: 'leaving /signin' });
	}

	/** True when a signed-in page (with the main menu) stays open at `route`. */
	async isSignedIn(route = '/home/workflows') {
		await this.goto(route);
		const landed = await this.page.waitForSelector('[data-test-id=main-sidebar-settings], [data-test-id=signin-form]', {
			visible: true,
		});
		return (await landed.evaluate((e) => e.getAttribute('data-test-id'))) === 'main-sidebar-settings';
	}

	// --- Canvas and node panel ---------------------------------------------------------------

	/** A new workflow whose first node is the Manual Trigger, as a user starts one. */
	async newWorkflowWithManualTrigger() {
		await this.goto('/workflow/new');
		await this.page.waitForSelector('[data-test-id=canvas-add-button]', { visible: true });
		await this.page.click('[data-test-id=canvas-add-button]');
		await this.clickListItem('Trigger manually');
		await this.page.waitForSelector('[data-test-id=canvas-trigger-node]', { visible: true });
	}

	async nodePanelItemNames() {
		return await this.page.$$eval('[data-test-id=node-creator-item-name]', (els) =>
			els.filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim()),
		);
	}

	/**
	 * Clicks the node panel entry (node, category or action) whose name is `name`. The panel may
	 * still be sliding in or redrawing, which refuses the click: the next round tries again.
	 */
	async clickListItem(name) {
		await this.until(
			async () => {
				for (const el of await this.page.$$('[data-test-id=node-creator-item-name]')) {
					if ((await el.evaluate((e) => e.textContent.trim())) !== name) continue;
					return await el.click().then(
						() => true,
						() => false,
					);
				}
				return false;
			},
			{ what: `"${name}" in the node panel, clicked` },
		);
	}

	/** Opens "What happens next?" from the canvas. */
	async openNodePanel() {
		if (await this.page.$('[data-test-id=ndv-close-button]')) await this.closeNdv();
		await this.page.keyboard.press('Escape');
		// The canvas redraws after a node is deleted: a handle found a moment before may be gone.
		await this.until(
			async () => {
				const plus = await this.page.$('[data-test-id=canvas-handle-plus]');
				const button = plus ?? (await this.page.$('[data-test-id=node-creator-plus-button]'));
				return await button?.click().then(
					() => true,
					() => false,
				);
			},
			{ what: 'the canvas plus to take a click', timeoutMs: 15000 },
		);
		await this.page.waitForSelector('[data-test-id=node-creator-search-bar]', { visible: true });
	}

	/** Types `term` into the node panel's search; returns the names listed once they settle. */
	async search(term) {
		await this.openNodePanel();
		await this.page.type('[data-test-id=node-creator-search-bar]', term);
		let previous = null;
		return await this.until(
			async () => {
				await sleep(300);
				const names = (await this.nodePanelItemNames()).join('\n');
				const noResults = await this.page.$$eval('[data-test-id]', (els) =>
					els.some((e) => e.offsetParent !== null && /No results for/.test(e.textContent ?? '')),
				);
				const settled = names === previous && (names !== '' || noResults);
				previous = names;
				return settled ? names.split('\n').filter(Boolean) : null;
			},
			{ what: `search results for "${term}"` },
		);
	}

	async closeNodePanel() {
		await this.page.keyboard.press('Escape');
		await sleep(300);
	}

	/**
	 * Opens a category of the node panel's first page (e.g. "AI"); returns everything it lists,
	 * scrolling through the list, which renders only what is in view.
	 */
	async browse(category) {
		await this.openNodePanel();
		await this.clickListItem(category);
		await sleep(500);
		const names = new Set(await this.nodePanelItemNames());
		for (let scrolled = true; scrolled; ) {
			scrolled = await this.page.$eval('[data-test-id=node-creator-item-name]', (item) => {
				let box = item.parentElement;
				while (box && !(box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY))) {
					box = box.parentElement;
				}
				if (!box || box.scrollTop + box.clientHeight >= box.scrollHeight - 1) return false;
				box.scrollTop += box.clientHeight * 0.8;
				return true;
			});
			await sleep(150);
			for (const name of await this.nodePanelItemNames()) names.add(name);
		}
		return [...names];
	}

	/** Finds the node by `term` and opens it; returns what the node panel lists for it (its actions). */
	async listActions(term, nodeName) {
		await this.search(term);
		await this.clickListItem(nodeName);
		let previous = null;
		return await this.until(
			async () => {
				await sleep(300);
				const names = (await this.nodePanelItemNames()).filter((name) => name !== nodeName);
				const settled = names.length > 0 && names.join('\n') === previous;
				previous = names.join('\n');
				return settled ? names : null;
			},
			{ what: `the actions of ${nodeName}` },
		);
	}

	/** Finds the node by `term`, opens it, picks `action`: the node is added and its form opens. */
	async addNodeByAction(term, nodeName, action) {
		await this.search(term);
		await this.clickListItem(nodeName);
		await this.clickListItem(action);
		await this.page.waitForSelector('[data-test-id=ndv] [data-test-id=node-parameters]', { visible: true });
		await sleep(300);
	}

	// --- Node form (NDV) ---------------------------------------------------------------------

	/** Names of the parameters the form shows now (each label's `for`). */
	async visibleParameters() {
		return await this.page.$$eval('[data-test-id=ndv] [data-test-id=node-parameters] label[for]', (els) =>
			els.filter((e) => e.offsetParent !== null).map((e) => e.getAttribute('for')),
		);
	}

	/**
	 * Waits until the form has finished loading its collections and shows every name in `shows`
	 * and none in `hides`; returns what it shows.
	 */
	async waitForParameters(shows, hides, timeoutMs = 8000) {
		const deadline = Date.now() + timeoutMs;
		const loading = () =>
			this.page.$eval('[data-test-id=ndv] [data-test-id=node-parameters]', (e) => /Loading fields/.test(e.innerText));
		let visible;
		do {
			visible = await this.visibleParameters();
			const done = shows.every((p) => visible.includes(p)) && !hides.some((p) => visible.includes(p));
			if (done && !(await loading())) break;
			await sleep(200);
		} while (Date.now() < deadline);
		return visible;
	}

	/** The text the node's form shows now (labels, notices, values of plain inputs aside). */
	async formText() {
		return await this.page.$eval('[data-test-id=ndv] [data-test-id=node-parameters]', (e) => e.innerText);
	}

	/** How many inputs the form shows for the parameter `name` (e.g. entries of a list). */
	async countInputs(name) {
		return await this.page.$$eval(`[data-test-id=ndv] [data-test-id=parameter-input-${name}]`, (els) =>
			els.filter((e) => e.offsetParent !== null).length,
		);
	}

	/** The label the form shows for the parameter `name`, without n8n's required mark. */
	async labelOf(name) {
		return await this.page.$eval(`[data-test-id=ndv] [data-test-id=node-parameters] label[for="${name}"]`, (e) =>
			e.innerText.split('\n')[0].replace(/\s*\*$/, '').trim(),
		);
	}

	/** The labels of the options the options parameter `name` offers (its dropdown, opened and closed). */
	async optionLabels(name) {
		await this.page.click(`[data-test-id=ndv] [data-test-id=parameter-input-${name}]`);
		const labels = await this.until(
			async () => {
				const shown = await this.page.$$eval('.el-select-dropdown__item', (els) =>
					els.filter((e) => e.offsetParent !== null).map((e) => e.innerText.split('\n')[0].trim()),
				);
				return shown.length > 0 ? shown : null;
			},
			{ what: `the options of ${name}` },
		);
		await this.page.keyboard.press('Escape');
		await sleep(300);
		return labels;
	}

	/** Picks the option labelled `label` in the options parameter `name`. */
	async chooseOption(name, label) {
		const input = `[data-test-id=ndv] [data-test-id=parameter-input-${name}]`;
		const shows = async () => (await this.page.$eval(`${input} input`, (e) => e.value)) === label;
		// Each round opens the list, or clicks the option; a list still opening or redrawing refuses
		// the click, and a click lost to a redraw leaves the old value: the next round tries again.
		await this.until(
			async () => {
				if (await shows()) return true;
				const option = await this.visibleOption(label);
				if (option) await option.click().catch(() => {});
				else await this.page.click(input).catch(() => {});
				return false;
			},
			{ what: `${name} showing "${label}"` },
		);
		await sleep(300);
	}

	/** The visible entry labelled `label` of an open options list, or null. */
	async visibleOption(label) {
		for (const el of await this.page.$$('.el-select-dropdown__item')) {
			const text = await el.evaluate((e) => (e.offsetParent !== null ? e.innerText.split('\n')[0].trim() : ''));
			if (text === label) return el;
		}
		return null;
	}

	/** Turns the boolean parameter `name` on or off. */
	async setSwitch(name, on) {
		const selector = `[data-test-id=ndv] [data-test-id=parameter-input-${name}] .el-switch`;
		const isOn = () => this.page.$eval(selector, (e) => e.classList.contains('is-checked'));
		if ((await isOn()) !== on) await this.page.click(selector);
		await this.until(async () => (await isOn()) === on, { what: `${name} ${on ? 'on' : 'off'}` });
		await sleep(300);
	}

	async closeNdv() {
		await this.page.click('[data-test-id=ndv-close-button]');
		await this.page.waitForSelector('[data-test-id=ndv]', { hidden: true });
	}

	/** Deletes the node selected on the canvas (the one just added), so the next one can follow the trigger. */
	async deleteSelectedNode() {
		const before = await this.page.$$eval('[data-test-id=canvas-node]', (els) => els.length);
		await this.page.keyboard.press('Delete');
		await this.until(async () => (await this.page.$$eval('[data-test-id=canvas-node]', (els) => els.length)) < before, {
			what: 'the node deleted',
		});
	}

	// --- Credentials -------------------------------------------------------------------------

	/** Opens a credential from the Credentials page; n8n tests it as it opens. */
	async openCredential(name) {
		await this.goto('/home/credentials');
		const card = await this.until(
			async () => {
				for (const el of await this.page.$$('[data-test-id=resources-list-item]')) {
					if ((await el.evaluate((e) => e.innerText)).includes(name)) return el;
				}
				return null;
			},
			{ what: `credential "${name}"` },
		);
		const tested = this.page.waitForResponse((r) => r.url().includes('/rest/credentials/test'), { timeout: 30000 });
		await (await card.$('[data-test-id=card-content]')).click();
		await this.page.waitForSelector('[data-test-id=credential-edit-dialog]', { visible: true });
		await tested;
		return await this.credentialTestResult();
	}

	async setCredentialField(name, value) {
		await this.fill(`[data-test-id=credential-edit-dialog] [data-test-id=parameter-input-${name}] input`, value);
	}

	/** Saves the open credential; n8n tests it. Returns { ok, message, response } as the form shows it. */
	async saveCredential() {
		const tested = this.page.waitForResponse(
			(r) => r.url().includes('/rest/credentials/test') && r.request().method() === 'POST',
			{ timeout: 30000 },
		);
		await this.page.click('[data-test-id=credential-save-button]');
		const response = await (await tested).json();
		return { ...(await this.credentialTestResult()), response: response?.data };
	}

	/** The test banner of the credential form, with the details of a failure opened. */
	async credentialTestResult() {
		// The banner is the tag around the line that says how the test went.
		const text = () =>
			this.page.$eval('[data-test-id=node-credentials-config-container]', (container) => {
				const line = [...container.querySelectorAll('span')].find((e) =>
					/Connection tested successfully|Couldn.t connect with these settings/.test(e.textContent ?? ''),
				);
				return line?.closest('.el-tag')?.innerText ?? '';
			}).catch(() => '');
		const first = await this.until(
			async () => {
				const t = await text();
				return t.includes(SUCCESS) || FAILURE.test(t) ? t : null;
			},
			{ what: 'the credential test banner' },
		);
		if (first.includes(SUCCESS)) return { ok: true, message: SUCCESS };
		const [more] = await this.page.$$(`xpath/.//*[@data-test-id='node-credentials-config-container']//span[contains(text(), 'More details')]`);
		if (more) await more.click();
		const full = await this.until(
			async () => {
				const lines = (await text())
					.split('\n')
					.map((l) => l.trim())
					.filter((l) => l && !FAILURE.test(l) && l !== 'Retry' && l !== 'More details');
				return lines.length ? lines.join(' ') : null;
			},
			{ what: 'the failure details' },
		);
		return { ok: false, message: full };
	}

	async closeCredential() {
		await this.page.keyboard.press('Escape');
		await this.page.waitForSelector('[data-test-id=credential-edit-dialog]', { hidden: true });
	}

	// --- Running a workflow ------------------------------------------------------------------

	async openWorkflow(id) {
		await this.goto(`/workflow/${id}`);
		await this.page.waitForSelector('[data-test-id=execute-workflow-button]', { visible: true });
	}

	/** The canvas node titled `name`. */
	async canvasNode(name) {
		for (const el of await this.page.$$('[data-test-id=canvas-node]')) {
			const lines = await el.evaluate((e) => e.innerText.split('\n').map((l) => l.trim()));
			if (lines.includes(name)) return el;
		}
		return null;
	}

	/** Clicks "Execute workflow" and waits until every node shows success, or a failure shows. */
	async executeWorkflow(timeoutMs = 90000) {
		await this.page.click('[data-test-id=execute-workflow-button]');
		return await this.until(
			async () => {
				const nodes = (await this.page.$$('[data-test-id=canvas-node]')).length;
				const succeeded = (await this.page.$$('[data-test-id=canvas-node-status-success]')).length;
				if (nodes > 0 && succeeded === nodes) return { ok: true };
				const problem = await this.page.$$eval('.el-notification', (els) =>
					els.map((e) => e.innerText).find((t) => /Problem|error/i.test(t)),
				);
				return problem ? { ok: false, problem } : null;
			},
			{ timeoutMs, what: 'the workflow to finish' },
		);
	}

	/** Opens the node's form (double click on the canvas). */
	async openNode(name) {
		const node = await this.canvasNode(name);
		if (!node) throw new Error(`no node "${name}" on the canvas`);
		await node.click({ count: 2 });
		await this.page.waitForSelector('[data-test-id=ndv] [data-test-id=output-panel]', { visible: true });
	}

	/** The output panel in JSON view, as text without line breaks or indentation. */
	async outputJson() {
		await this.page.click('[data-test-id=output-panel] [data-test-id=radio-button-json]');
		await sleep(500);
		return await this.page.$eval('[data-test-id=output-panel]', (e) => e.innerText.replace(/\s+/g, ''));
	}

	/**
	 * Opens the output's binary file in n8n's viewer and plays it: the `<video>` element's duration
	 * (from the file's own metadata) and how far playback got.
	 */
	async playOutputVideo() {
		await this.page.click('[data-test-id=output-panel] [data-test-id=radio-button-binary]');
		await this.page.click('[data-test-id=ndv-view-binary-data]');
		await this.page.waitForSelector('[data-test-id=output-panel] video', { visible: true });
		await this.page.waitForFunction(
			() => {
				const v = document.querySelector('[data-test-id=output-panel] video');
				return v && (v.readyState >= 1 || v.error);
			},
			{ timeout: 20000 },
		);
		return await this.page.evaluate(async () => {
			const v = document.querySelector('[data-test-id=output-panel] video');
			if (v.error) return { error: v.error.code, duration: v.duration };
			v.muted = true;
			v.currentTime = 0;
			await v.play();
			const started = Date.now();
			while (v.currentTime < 0.5 && !v.ended && Date.now() - started < 10000) {
				await new Promise((r) => setTimeout(r, 100));
			}
			return {
				duration: v.duration,
				currentTime: v.currentTime,
				width: v.videoWidth,
				height: v.videoHeight,
				src: v.currentSrc,
				error: v.error ? v.error.code : null,
			};
		});
	}
}

module.exports = { EditorPage };
