// Prints the run's totals as one plain line ("unit: N passed, N failed, N skipped") that CI can read.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		console.log(
			`unit: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped`,
		);
	}
}

module.exports = SummaryReporter;
