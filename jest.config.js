const jestJupyterLab = require('@jupyterlab/testing/lib/jest-config');

const esModules = [
  '@codemirror',
  '@jupyter/ydoc',
  '@jupyter/react-components',
  '@jupyter/web-components',
  '@microsoft/fast',
  '@jupyterlab/',
  'exenv-es6',
  'lib0',
  'nanoid',
  'vscode-ws-jsonrpc',
  'y-protocols',
  'y-websocket',
  'yjs'
].join('|');

const base = jestJupyterLab(__dirname);

module.exports = {
  ...base,
  automock: false,
  collectCoverageFrom: ['src/**/*.{ts,tsx}', '!src/**/*.d.ts'],
  coverageReporters: ['lcov', 'text-summary'],
  reporters: ['default', '<rootDir>/test/reporters/no-skip.js'],
  // Shell scripts are imported as text, as the bundler and the CLI do.
  transform: {
    ...base.transform,
    '\\.sh$': '<rootDir>/test/text-transform.js'
  },
  testRegex: 'test/(core|cli|lab|model|ui)/.*\\.spec\\.tsx?$',
  testTimeout: 30000,
  transformIgnorePatterns: [`/node_modules/(?!${esModules}).+`]
};
