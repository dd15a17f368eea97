// Prints the run's totals as one plain line ("unit: N passed, N failed, N skipped") that CI can read. The label
// comes from the reporter's options (`{ label: 'e2e' }`), "unit" by default.
class SummaryReporter {
	constructor(_globalConfig, options = {}) {
		this.label = options.label ?? 'unit';
	}

	onRunComplete(_contexts, results) {
		console.log(
			`${this.label}: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped`,
		);
	}
}

module.exports = SummaryReporter;
