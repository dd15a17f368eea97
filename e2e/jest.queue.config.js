/**
 * The queue-mode suite: n8n 2.x scaled out (Redis, Postgres, a main, webhook processes, workers) with the
 * package, and the sandbox. Run it with `npm run test:queue` from the project root. Like the e2e suite, one test
 * file at a time: each starts a whole cluster, and the machine has two cores.
 */
const e2e = require('./jest.config.js');

module.exports = {
	...e2e,
	roots: ['<rootDir>/tests/queue'],
	testMatch: ['**/*.queue.test.ts'],
	testTimeout: 240_000,
	reporters: ['default', ['<rootDir>/../test/harness/summary-reporter.js', { label: 'queue' }]],
};
