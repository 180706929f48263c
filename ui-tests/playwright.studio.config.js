/**
 * The panel in a SageMaker Studio JupyterLab space: the same set-up as
 * playwright.config.js, with the server launched as SageMaker Distribution's
 * start-jupyter-server launches it (base URL /jupyterlab/default) and the
 * variables SageMaker sets for a shared space. A run of its own, so this
 * server stays away from the other tests.
 */
const path = require('path');
const base = require('./playwright.config');
const {
  STUDIO_PORT,
  STUDIO_BASE_URL,
  serverEnv
} = require('./tests/environment');

module.exports = {
  ...base,
  testMatch: 'studio.spec.ts',
  testIgnore: [],
  use: {
    ...base.use,
    baseURL: `http://127.0.0.1:${STUDIO_PORT}${STUDIO_BASE_URL}`,
    appPath: '/lab'
  },
  webServer: {
    ...base.webServer,
    command: `${path.join(__dirname, '..', '.venv', 'bin', 'jupyter')} lab --config jupyter_server_test_config.py --port ${STUDIO_PORT} --ServerApp.base_url=${STUDIO_BASE_URL} --ServerApp.token=''`,
    url: `http://127.0.0.1:${STUDIO_PORT}${STUDIO_BASE_URL}/lab`,
    env: {
      ...serverEnv(),
      SAGEMAKER_APP_TYPE: 'JupyterLab',
      SAGEMAKER_APP_TYPE_LOWERCASE: 'jupyterlab',
      SAGEMAKER_SPACE_NAME: 'analytics-team',
      SAGEMAKER_SPACE_TYPE_LOWERCASE: 'shared'
    }
  }
};
