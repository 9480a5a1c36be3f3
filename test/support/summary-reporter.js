/**
 * Ends the run with one plain line, "N passed, N failed", that tools reading the log
 * (CI among them) understand without knowing Jest's own summary format.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    console.log(
      `\nTests: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
        (skipped ? `, ${skipped} skipped` : ''),
    );
  }
}

module.exports = SummaryReporter;
