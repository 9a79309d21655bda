'use strict';
/**
 * A watchdog for process groups that must not outlive the process that started them (n8n and its
 * task runners, Chromium). Exit handlers are not enough: jest runs test files with a `process`
 * of its own whose 'exit' listeners never fire, and a SIGKILL runs no handler at all.
 *
 *   reapWithParent(child.pid)   // child spawned with { detached: true }
 *
 * starts a small detached node process that checks every half second whether this process is
 * still alive; once it is gone it ends the group (SIGTERM, then SIGKILL after 5 s). It exits on
 * its own as soon as the group is gone.
 */
const { spawn } = require('node:child_process');

function reapWithParent(groupId, parentPid = process.pid) {
	if (!groupId) return;
	const watchdog = spawn(process.execPath, [__filename, String(parentPid), String(groupId)], {
		detached: true,
		stdio: 'ignore',
	});
	watchdog.unref();
}

const alive = (pid) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
};
const groupAlive = (group) => alive(-group);
const signalGroup = (group, signal) => {
	try {
		process.kill(-group, signal);
	} catch {
		/* gone */
	}
};

function watch(parentPid, group) {
	const timer = setInterval(() => {
		if (!groupAlive(group)) {
			clearInterval(timer);
			return;
		}
		if (alive(parentPid)) return;
		clearInterval(timer);
		signalGroup(group, 'SIGTERM');
		setTimeout(() => signalGroup(group, 'SIGKILL'), 5000);
	}, 500);
}

if (require.main === module) {
	const [parentPid, group] = process.argv.slice(2).map(Number);
	watch(parentPid, group);
}

module.exports = { reapWithParent };
