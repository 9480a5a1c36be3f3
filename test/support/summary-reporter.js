/**
 * Ends the run with one plain line, "N passed, N failed", that tools reading the log
 * (CI among them) understand without knowing Jest's own summary format.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // A test file that cannot even load counts as a failure too.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    console.log(
      `\nTests: ${results.numPassedTests} passed, ${failed} failed` +
        (skipped ? `, ${skipped} skipped` : ''),
    );
  }
}

module.exports = SummaryReporter;
