/**
 * The panel in a SageMaker Studio JupyterLab space: the same tests' set-up,
 * with the server launched as SageMaker Distribution's start-jupyter-server
 * launches it (base URL /jupyterlab/default) and the variables SageMaker
 * sets for a shared space.
 */
const path = require('path');
const base = require('./playwright.config');
const { serverEnv } = require('./tests/environment');

const PORT = Number(process.env.UI_TESTS_STUDIO_PORT || 61234);
const BASE_URL = '/jupyterlab/default';

module.exports = {
  ...base,
  testMatch: 'studio.spec.ts',
  testIgnore: [],
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}${BASE_URL}` },
  webServer: {
    ...base.webServer,
    command: `${path.join(__dirname, '..', '.venv', 'bin', 'jupyter')} lab --config jupyter_server_test_config.py --ServerApp.base_url=${BASE_URL}`,
    url: `http://127.0.0.1:${PORT}${BASE_URL}/lab`,
    env: {
      ...serverEnv(),
      UI_TESTS_PORT: String(PORT),
      SAGEMAKER_APP_TYPE: 'JupyterLab',
      SAGEMAKER_APP_TYPE_LOWERCASE: 'jupyterlab',
      SAGEMAKER_SPACE_NAME: 'analytics-team',
      SAGEMAKER_SPACE_TYPE_LOWERCASE: 'shared'
    }
  }
};
