import type { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { commandsPlugin } from './plugins/commands';
import { corePlugin } from './plugins/core';
import { panelPlugin } from './plugins/panel';
import { statusItemPlugin } from './plugins/status-item';

export { ISparkKerberos } from './tokens';

/**
 * One plugin per piece an administrator may turn off with
 * `disabledExtensions`; all require the model the core plugin provides.
 */
const plugins: JupyterFrontEndPlugin<unknown>[] = [
  corePlugin,
  panelPlugin,
  statusItemPlugin,
  commandsPlugin
];

export default plugins;
