'use strict';
/*
 * Chromium for the browser suite: Debian's package (/usr/bin/chromium), installed with apt-get when
 * it is missing and the suite runs as root (as CI does), driven by puppeteer-core (no browser
 * download). CHROMIUM_PATH points at another Chromium.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const puppeteer = require('puppeteer-core');
const { reapWithParent } = require('../support/reaper');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Makes sure Chromium exists; installs Debian's package when allowed. Returns its path. */
function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (process.env.CHROMIUM_PATH || !isRoot || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error(
			`Chromium not found at ${CHROMIUM}. Install Debian's package (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
		);
	}
	process.stderr.write('[ui] Chromium is missing: apt-get install -y chromium\n');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
		const r = spawnSync('apt-get', args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (${r.status})\n${(r.stderr || '').slice(-3000)}`);
	}
	if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is missing`);
	return CHROMIUM;
}

/**
 * Headless Chromium with a fresh profile. The flags keep it off the network (this machine's
 * network is closed; Chromium's background services would only fail) and let videos play
 * without a click.
 */
async function launchBrowser({ width = 1440, height = 1400 } = {}) {
	const executablePath = ensureChromium();
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cometapi-ui-chromium-'));
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const browser = await puppeteer.launch({
		executablePath,
		headless: true,
		userDataDir,
		defaultViewport: { width, height },
		handleSIGINT: false,
		handleSIGTERM: false,
		handleSIGHUP: false,
		args: [
			...(isRoot ? ['--no-sandbox'] : []),
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--autoplay-policy=no-user-gesture-required',
			`--window-size=${width},${height}`,
		],
	});
	const child = browser.process();
	// Should this process die without closing it, Chromium goes too.
	reapWithParent(child?.pid);
	let closed = null;
	return {
		browser,
		/** Closes Chromium (its whole process group) and removes its profile. Idempotent. */
		close() {
			closed ??= (async () => {
				let timer;
				try {
					const late = new Promise((resolve) => (timer = setTimeout(resolve, 10000)));
					await Promise.race([browser.close(), late]);
				} finally {
					clearTimeout(timer);
					killNow();
					fs.rmSync(userDataDir, { recursive: true, force: true });
				}
			})();
			return closed;
		},
		killNow,
	};

	/** For process 'exit' handlers: Chromium's process group, at once. */
	function killNow() {
		if (!child?.pid) return;
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	}
}

module.exports = { ensureChromium, launchBrowser, CHROMIUM };
