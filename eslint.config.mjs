// The rules n8n's community-package scanner applies (its own config, from @n8n/scan-community-package), for
// editors and `npx eslint`. `npm run lint` (scripts/lint.mjs) applies the same config the way the scanner does.
import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';

export default [
	{
		ignores: [
			'node_modules/**',
			'.vendor-packages/**',
			'dist/**',
			'test/**',
			'e2e/**',
			'bench/**',
			'scripts/**',
			'examples/**',
			'*.js',
			'*.mjs',
		],
	},
	...(await buildScanConfig()),
];
