/** Runs at most `limit` of the given jobs at once, in the order they ask. */
export type Limiter = <T>(job: () => Promise<T>) => Promise<T>;

export function createLimiter(limit: number): Limiter {
	let active = 0;
	const queue: Array<() => void> = [];
	const release = () => {
		active--;
		queue.shift()?.();
	};
	return async <T>(job: () => Promise<T>): Promise<T> => {
		if (active >= limit) await new Promise<void>((resolve) => queue.push(resolve));
		active++;
		try {
			return await job();
		} finally {
			release();
		}
	};
}
