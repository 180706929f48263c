/**
 * Host names, URLs, principals and paths that may wrap only after a
 * separator (`.` `/` `:` `@`; paths only after `/`, so `krb5.conf` stays
 * whole): each segment stays whole (a hyphen inside it is no break either)
 * and a <wbr> after each separator is the only place a line ends.
 */
import * as React from 'react';

/** Separators of host names, URLs and principals. */
export const HOST_SEPARATORS = './:@';
/** Separators of file paths. */
export const PATH_SEPARATORS = '/';

/** Segments ending in a separator, in order; joined they are `text`. */
export function segments(
  text: string,
  separators: string = HOST_SEPARATORS
): string[] {
  const set = separators.replace(/[\\\]^-]/g, '\\$&');
  const pattern = new RegExp(`[^${set}]*(?:[${set}]+|$)`, 'g');
  return text.match(pattern)?.filter(s => s !== '') ?? [];
}

export function BreakAt(props: {
  text: string;
  separators?: string;
}): JSX.Element {
  return (
    <>
      {segments(props.text, props.separators).map((part, i) => (
        <React.Fragment key={i}>
          {i > 0 && <wbr />}
          <span className="jp-SparkKerberos-segment">{part}</span>
        </React.Fragment>
      ))}
    </>
  );
}
