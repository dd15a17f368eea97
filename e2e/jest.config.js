/**
 * The end-to-end suite: a real n8n (e2e/node_modules) and the sandbox, driven from here. Run it with
 * `npm run test:e2e` from the project root, which builds the package and the sandbox first. Test files run one
 * at a time: each starts its own n8n processes, and the machine has two cores.
 */
module.exports = {
	rootDir: __dirname,
	roots: ['<rootDir>/tests'],
	testMatch: ['**/*.e2e.test.ts'],
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	maxWorkers: 1,
	testTimeout: 180_000,
	// Every test's title in CI's log, the skipped trigger tests' reason included.
	verbose: true,
	reporters: ['default', ['<rootDir>/../test/harness/summary-reporter.js', { label: 'e2e' }]],
};
