// The doctor's fault-injection suite on the real stack (test/doctor/run.sh
// starts it): one test at a time, since faults change the shared KDC.
const unit = require('../../jest.config');

module.exports = {
  ...unit,
  rootDir: '../..',
  testRegex: 'test/doctor/.*\\.spec\\.tsx?$',
  testTimeout: 300000,
  modulePathIgnorePatterns: [
    '<rootDir>/.venv/',
    '<rootDir>/.work/',
    '<rootDir>/jupyterlab_sparkmagic_kerberos/'
  ]
};
