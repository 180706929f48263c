/**
 * The panel's toolbar: icon buttons bound to the commands, grouped as the
 * ticket's actions and the checks. The label names a button and heads its
 * tooltip; the command's caption (why, while it cannot run) completes the
 * tooltip and is the accessible description. Plain buttons rather than
 * jp-button, whose shadow control would get neither the tooltip nor the
 * description. A disabled button stays focusable (aria-disabled), so the
 * keyboard reaches it and its reason, as the ARIA toolbar pattern advises.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import {
  LabIcon,
  ReactWidget,
  Toolbar,
  UseSignal,
  refreshIcon,
  usersIcon
} from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import type { Widget } from '@lumino/widgets';
import * as React from 'react';
import { CommandIDs } from './command-ids';
import { doctorIcon, renewIcon, signInIcon, signOutIcon } from './tool-icons';

function ToolButton(props: {
  commands: CommandRegistry;
  id: string;
  icon: LabIcon;
}): JSX.Element | null {
  const { commands, id } = props;
  const reasonId = React.useId();
  if (!commands.hasCommand(id)) {
    return null;
  }
  const caption = commands.caption(id);
  const enabled = commands.isEnabled(id);
  // As JupyterLab's toolbars do, the tooltip names the key binding.
  const binding = commands.keyBindings.find(b => b.command === id);
  const keys = binding?.keys.map(CommandRegistry.formatKeystroke).join(', ');
  const label = commands.label(id);
  const heading = keys ? `${label} (${keys})` : label;
  return (
    <>
      <button
        type="button"
        className="jp-SparkKerberos-tool"
        data-command={id}
        aria-label={label}
        aria-disabled={!enabled}
        aria-describedby={caption ? reasonId : undefined}
        title={caption ? `${heading}\n${caption}` : heading}
        onClick={() => {
          if (commands.isEnabled(id)) {
            void commands.execute(id);
          }
        }}
      >
        <props.icon.react tag="span" className="jp-SparkKerberos-toolIcon" />
      </button>
      {caption && (
        <span id={reasonId} hidden>
          {caption}
        </span>
      )}
    </>
  );
}

class ToolGroup extends ReactWidget {
  constructor(
    private _commands: CommandRegistry,
    private _label: string,
    private _tools: [string, LabIcon][]
  ) {
    super();
    this.addClass('jp-SparkKerberos-toolGroup');
  }

  render(): JSX.Element {
    return (
      <UseSignal signal={this._commands.commandChanged}>
        {() => (
          <div role="group" aria-label={this._label}>
            {this._tools.map(([id, icon]) => (
              <ToolButton
                key={id}
                commands={this._commands}
                id={id}
                icon={icon}
              />
            ))}
          </div>
        )}
      </UseSignal>
    );
  }
}

/** Fills the side panel's toolbar: the ticket group, then the checks. */
export function fillToolbar(
  toolbar: Toolbar<Widget>,
  commands: CommandRegistry,
  trans: TranslationBundle
): void {
  toolbar.addClass('jp-SparkKerberos-toolbar');
  toolbar.node.setAttribute('aria-label', trans.__('Spark Kerberos actions'));
  toolbar.addItem(
    'ticket',
    new ToolGroup(commands, trans.__('Ticket'), [
      [CommandIDs.signIn, signInIcon],
      [CommandIDs.renew, renewIcon],
      [CommandIDs.signOut, signOutIcon],
      [CommandIDs.switchUser, usersIcon]
    ])
  );
  toolbar.addItem('spacer', Toolbar.createSpacerItem());
  toolbar.addItem(
    'checks',
    new ToolGroup(commands, trans.__('Checks'), [
      [CommandIDs.refresh, refreshIcon],
      [CommandIDs.runDoctor, doctorIcon]
    ])
  );
}
