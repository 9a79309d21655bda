/**
 * Gives each task its own abort signal behind a single listener on the shared one, so a batch
 * of fifty waits does not hang fifty listeners (and a leak warning) on the execution's signal.
 */
export function createAbortFanOut(parent: AbortSignal) {
	const children = new Set<AbortController>();
	const abortAll = () => {
		for (const child of children) child.abort(parent.reason);
		children.clear();
	};
	parent.addEventListener('abort', abortAll, { once: true });
	return {
		child(): { signal: AbortSignal; release: () => void } {
			const controller = new AbortController();
			if (parent.aborted) controller.abort(parent.reason);
			else children.add(controller);
			return { signal: controller.signal, release: () => children.delete(controller) };
		},
		dispose: () => parent.removeEventListener('abort', abortAll),
	};
}
