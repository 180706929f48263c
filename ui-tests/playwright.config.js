/**
 * Galata in real JupyterLab 4.6 (and Notebook 7 on the same server) driven
 * through Debian's Chromium; never a downloaded browser, no video (it needs
 * Playwright's own ffmpeg).
 */
const path = require('path');
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');
const { WORK, PORT, serverEnv } = require('./tests/environment');

module.exports = {
  ...baseConfig,
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never' }]],
  // One retry in CI: a Sparkmagic kernel restart on a loaded 2-core runner can
  // outlast its wait; Playwright still reports such a test as flaky.
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  timeout: 120000,
  expect: { timeout: 20000 },
  outputDir: path.join(WORK, 'test-results'),
  globalSetup: require.resolve('./tests/global-setup'),
  globalTeardown: require.resolve('./tests/global-teardown'),
  // Run by playwright.studio.config.js, against a server launched as Studio launches it.
  testIgnore: 'studio.spec.ts',
  use: {
    ...baseConfig.use,
    baseURL: `http://127.0.0.1:${PORT}`,
    video: 'off',
    trace: 'off',
    launchOptions: require('./chromium')
  },
  webServer: {
    command: `${path.join(__dirname, '..', '.venv', 'bin', 'jupyter')} lab --config jupyter_server_test_config.py`,
    cwd: __dirname,
    url: `http://127.0.0.1:${PORT}/lab`,
    timeout: 120000,
    reuseExistingServer: false,
    env: serverEnv()
  }
};
