/**
 * Progress lines for the long steps of `npm start` (installing n8n, starting it): a step that runs for minutes
 * prints, every PROGRESS_EVERY_MS, what it is doing and for how long, so it never looks stuck.
 */
export const PROGRESS_EVERY_MS = 20_000;

export interface ProgressOptions {
	log?: (line: string) => void;
	everyMs?: number;
	/** Extra detail for each progress line, e.g. how many packages are in place so far. */
	detail?: () => string | undefined;
}

/** "45 s", "3 min 05 s". */
export function elapsed(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds} s`;
	return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** Runs `task`, printing `  ... <what>: <elapsed>[, <detail>]` every `everyMs` until it ends. */
export async function withProgress<T>(
	what: string,
	task: () => Promise<T>,
	options: ProgressOptions = {},
): Promise<T> {
	const { log = console.log, everyMs = PROGRESS_EVERY_MS, detail } = options;
	const started = Date.now();
	const timer = setInterval(() => {
		let extra: string | undefined;
		try {
			extra = detail?.();
		} catch {
			extra = undefined;
		}
		log(`  ... ${what}: ${elapsed(Date.now() - started)}${extra ? `, ${extra}` : ''}`);
	}, everyMs);
	timer.unref();
	try {
		return await task();
	} finally {
		clearInterval(timer);
	}
}
