import * as fs from 'fs';
import * as path from 'path';
import plugins from '../../src/index';
import { ISparkKerberos } from '../../src/tokens';
import { CommandIDs } from '../../src/ui/command-ids';
import { PANEL_ID } from '../../src/ui/panel';

const schema = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../schema/plugin.json'), 'utf8')
);

describe('plugins', () => {
  it('one provides the model, named for the settings schema', () => {
    const core = plugins.filter(p => p.provides === ISparkKerberos);
    expect(core.map(p => p.id)).toEqual([
      'jupyterlab-sparkmagic-kerberos:plugin'
    ]);
  });

  it('the panel, status item and commands each require it, so each can be turned off', () => {
    const others = plugins.filter(p => p.provides !== ISparkKerberos);
    expect(others.map(p => p.id).sort()).toEqual([
      'jupyterlab-sparkmagic-kerberos:commands',
      'jupyterlab-sparkmagic-kerberos:panel',
      'jupyterlab-sparkmagic-kerberos:status-item'
    ]);
    for (const plugin of others) {
      expect(plugin.requires).toContain(ISparkKerberos);
      expect(plugin.autoStart).toBe(true);
    }
  });

  it('the key bindings in the schema run our commands in the panel or anywhere', () => {
    const shortcuts: { command: string; keys: string[]; selector: string }[] =
      schema['jupyter.lab.shortcuts'];
    expect(shortcuts.map(s => [s.command, s.keys[0]])).toEqual([
      [CommandIDs.open, 'Accel Alt K'],
      [CommandIDs.signIn, 'Alt I'],
      [CommandIDs.signOut, 'Alt O'],
      [CommandIDs.refresh, 'Alt R'],
      [CommandIDs.apply, 'Alt P']
    ]);
    expect(shortcuts.map(s => s.selector)).toEqual([
      'body',
      ...Array(4).fill(`#${PANEL_ID}`)
    ]);
  });
});
