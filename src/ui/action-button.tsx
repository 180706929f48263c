/**
 * A panel button running a command. Disabled, its caption is the reason
 * (see action-reasons.ts): the tooltip and the accessible description.
 */
import type { CommandRegistry } from '@lumino/commands';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import * as React from 'react';

export function ActionButton(props: {
  commands: CommandRegistry;
  id: string;
  primary?: boolean;
  label?: string;
  args?: ReadonlyPartialJSONObject;
}): JSX.Element | null {
  const { commands, id, args } = props;
  const reasonId = React.useId();
  if (!commands.hasCommand(id)) {
    return null;
  }
  const disabled = !commands.isEnabled(id, args);
  const caption = commands.caption(id, args);
  return (
    <>
      <button
        type="button"
        className={`jp-mod-styled${props.primary ? ' jp-mod-accept' : ''}`}
        disabled={disabled}
        title={caption}
        aria-describedby={disabled ? reasonId : undefined}
        onClick={() => void commands.execute(id, args)}
      >
        {props.label ?? commands.label(id, args)}
      </button>
      {disabled && (
        <span id={reasonId} className="jp-SparkKerberos-reason" hidden>
          {caption}
        </span>
      )}
    </>
  );
}
