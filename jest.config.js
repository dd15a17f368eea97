/**
 * Unit tests run the built package (dist/) inside n8n's engine, so `npm test` builds first; the global setup
 * stops the run before any test when dist/ is missing or older than the sources (test/harness/dist-guard.ts).
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	globalSetup: '<rootDir>/test/harness/dist-guard.ts',
	// Every test's Stamped v3 traffic is held to Stamped's published reference (test/contract/check.ts).
	setupFilesAfterEnv: ['<rootDir>/test/harness/contract-guard.ts'],
	testTimeout: 30_000,
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
};
