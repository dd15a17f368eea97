/**
 * Installs what the end-to-end suite runs (n8n 2.x with Node 24 in e2e/, n8n 1.x in e2e/n8n1/) side by side,
 * before the tests start, so no test waits on an install. Does nothing when both are installed already.
 */
import { CURRENT_N8N, ensureInstalled, LEGACY_N8N } from './install';

async function main(): Promise<void> {
	const started = Date.now();
	const installed = await Promise.all(
		[CURRENT_N8N, LEGACY_N8N].map((dist) => ensureInstalled(dist)),
	);
	if (installed.some(Boolean))
		console.log(`e2e prepare: installs took ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
