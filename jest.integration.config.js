// Integration suites run against a real Jupyter server and a loopback KDC,
// one server at a time (JupyterServer sets a global PageConfig).
const unit = require('./jest.config');

module.exports = {
  ...unit,
  testRegex: 'test/exec/.*\\.spec\\.tsx?$',
  testTimeout: 120000
};
