/** Unit tests run the built package (dist/) inside n8n's engine, so `npm test` builds first. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testTimeout: 30_000,
	reporters: ['default', '<rootDir>/test/harness/summary-reporter.js'],
};
