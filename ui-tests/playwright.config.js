/**
 * Galata in real JupyterLab 4.6 (and Notebook 7 on the same server) driven
 * through Debian's Chromium; never a downloaded browser, no video (it needs
 * Playwright's own ffmpeg). The studio project drives a second server,
 * launched as a SageMaker Studio space launches JupyterLab: under the base
 * URL /jupyterlab/default, with the variables SageMaker sets for a shared space.
 */
const path = require('path');
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');
const {
  WORK,
  PORT,
  STUDIO_PORT,
  STUDIO_BASE_URL,
  serverEnv
} = require('./tests/environment');

const JUPYTER = path.join(__dirname, '..', '.venv', 'bin', 'jupyter');
const server = {
  cwd: __dirname,
  timeout: 120000,
  reuseExistingServer: false
};

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
  use: {
    ...baseConfig.use,
    video: 'off',
    trace: 'off',
    launchOptions: require('./chromium')
  },
  projects: [
    {
      name: 'lab',
      testIgnore: 'studio.spec.ts',
      use: { baseURL: `http://127.0.0.1:${PORT}` }
    },
    {
      name: 'studio',
      testMatch: 'studio.spec.ts',
      use: {
        baseURL: `http://127.0.0.1:${STUDIO_PORT}${STUDIO_BASE_URL}`,
        appPath: '/lab'
      }
    }
  ],
  webServer: [
    {
      ...server,
      command: `${JUPYTER} lab --config jupyter_server_test_config.py`,
      url: `http://127.0.0.1:${PORT}/lab`,
      env: serverEnv()
    },
    {
      ...server,
      // SageMaker Distribution's start-jupyter-server passes these flags.
      command: `${JUPYTER} lab --config jupyter_server_test_config.py --port ${STUDIO_PORT} --ServerApp.base_url=${STUDIO_BASE_URL} --ServerApp.token=''`,
      url: `http://127.0.0.1:${STUDIO_PORT}${STUDIO_BASE_URL}/lab`,
      env: {
        ...serverEnv(),
        SAGEMAKER_APP_TYPE: 'JupyterLab',
        SAGEMAKER_APP_TYPE_LOWERCASE: 'jupyterlab',
        SAGEMAKER_SPACE_NAME: 'analytics-team',
        SAGEMAKER_SPACE_TYPE_LOWERCASE: 'shared'
      }
    }
  ]
};
