// Under CI=true a skipped or todo test fails the run: a suite that silently
// skips because the KDC, Livy or Chromium is missing proves nothing.
class NoSkipReporter {
  onRunComplete(_contexts, results) {
    this.skipped = results.numPendingTests + results.numTodoTests;
  }

  getLastError() {
    if (process.env.CI === 'true' && this.skipped > 0) {
      return new Error(`${this.skipped} test(s) skipped under CI=true`);
    }
    return undefined;
  }
}

module.exports = NoSkipReporter;
