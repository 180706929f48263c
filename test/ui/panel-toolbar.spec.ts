import { nullTranslator } from '@jupyterlab/translation';
import { Toolbar } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { CommandIDs } from '../../src/ui/command-ids';
import { fillToolbar } from '../../src/ui/panel-toolbar';
import { ProfileEditor } from '../../src/ui/profile-editor';
import { mount, settle, unmount } from './render';

describe('the panel toolbar', () => {
  it('groups the ticket actions and the checks, each labelled, with the reason it cannot run', async () => {
    const commands = new CommandRegistry();
    let ticket = false;
    const runs: string[] = [];
    for (const id of Object.values(CommandIDs)) {
      commands.addCommand(id, {
        label: id.split(':')[1],
        isEnabled: () => ticket || id === CommandIDs.refresh,
        caption: () =>
          ticket || id === CommandIDs.refresh ? `does ${id}` : 'No ticket.',
        execute: () => void runs.push(id)
      });
    }
    commands.addKeyBinding({
      command: CommandIDs.signOut,
      keys: ['Alt O'],
      selector: 'body'
    });
    const toolbar = new Toolbar();
    fillToolbar(toolbar, commands, nullTranslator.load('x'));
    await mount(toolbar);

    const groups = Array.from(toolbar.node.querySelectorAll('[role="group"]'));
    expect(groups.map(g => g.getAttribute('aria-label'))).toEqual([
      'Ticket',
      'Checks'
    ]);
    const labels = groups.map(g =>
      Array.from(g.querySelectorAll('button')).map(b =>
        b.getAttribute('aria-label')
      )
    );
    expect(labels).toEqual([
      ['sign-in', 'renew', 'sign-out', 'switch-user'],
      ['refresh', 'run-doctor']
    ]);
    const signOut = toolbar.node.querySelector(
      `[data-command="${CommandIDs.signOut}"]`
    ) as HTMLButtonElement;
    expect(signOut.getAttribute('aria-disabled')).toBe('true');
    expect(signOut.title).toBe('sign-out (Alt+O)\nNo ticket.');
    const reason = document.getElementById(
      signOut.getAttribute('aria-describedby')!
    );
    expect(reason?.textContent).toBe('No ticket.');
    expect(signOut.querySelector('svg')).not.toBeNull();
    await settle(() => signOut.click());
    expect(runs).toEqual([]);

    ticket = true;
    await settle(() => commands.notifyCommandChanged());
    expect(signOut.getAttribute('aria-disabled')).toBe('false');
    expect(signOut.title).toBe(`sign-out (Alt+O)\ndoes ${CommandIDs.signOut}`);
    await settle(() => signOut.click());
    expect(runs).toEqual([CommandIDs.signOut]);
    await unmount(toolbar);
  });
});

describe('ProfileEditor', () => {
  it('keeps one edit per profile and one for a new profile', () => {
    const editor = new ProfileEditor();
    let changes = 0;
    editor.changed.connect(() => void changes++);
    const a = editor.open({ name: 'a' } as any, 'a');
    expect(editor.open({ name: 'a' } as any, 'a')).toBe(a);
    const fresh = editor.open({ name: 'cluster' } as any, null);
    expect(fresh).not.toBe(a);
    expect(editor.isEditing('a')).toBe(true);
    expect(editor.isEditing('cluster')).toBe(false);
    expect(editor.edits.map(e => e.previous)).toEqual(['a', null]);
    editor.close(a);
    editor.close(a);
    expect(editor.isEditing('a')).toBe(false);
    expect(changes).toBe(3);
  });
});
