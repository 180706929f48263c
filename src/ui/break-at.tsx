/**
 * Host names, URLs, principals and paths that may wrap only after `.`, `/`,
 * `:` or `@`: each segment stays whole (a hyphen inside it is no break
 * either) and a <wbr> after each separator is the only place a line ends.
 */
import * as React from 'react';

/** Segments ending in a separator, in order; joined they are `text`. */
export function segments(text: string): string[] {
  return text.match(/[^./:@]*(?:[./:@]+|$)/g)?.filter(s => s !== '') ?? [];
}

export function BreakAt(props: { text: string }): JSX.Element {
  return (
    <>
      {segments(props.text).map((part, i) => (
        <React.Fragment key={i}>
          {i > 0 && <wbr />}
          <span className="jp-SparkKerberos-segment">{part}</span>
        </React.Fragment>
      ))}
    </>
  );
}
