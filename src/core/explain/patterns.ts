/**
 * Matchers for "A, then later B" that take time linear in the text. The
 * regex form (`A[\s\S]*B`, `A.*B`) restarts at every occurrence of A and
 * scans to the end each time: quadratic on output repeating A, as Livy and
 * Hadoop logs of a retry loop do.
 */

/** What a rule's pattern yields; a RegExp is one. */
export interface IPattern {
  exec(text: string): { groups?: Record<string, string> } | null;
}

const MATCHED = { groups: {} };

/** `first`, then any of `then` somewhere after it (`first[\s\S]*(?:then|…)`). */
export function inOrder(first: string, ...then: string[]): IPattern {
  return {
    exec(text) {
      const i = text.indexOf(first);
      if (i < 0) {
        return null;
      }
      // The first occurrence leaves the most text after it.
      const after = i + first.length;
      return then.some(t => text.indexOf(t, after) >= 0) ? MATCHED : null;
    }
  };
}

/** `first`, then `then` later on the same line (`first.*then`). */
export function onOneLine(first: string, then: string): IPattern {
  return {
    exec(text) {
      let next = -1;
      for (let i = text.indexOf(first); i >= 0;) {
        const after = i + first.length;
        if (next < after) {
          next = text.indexOf(then, after);
          if (next < 0) {
            return null;
          }
        }
        const end = lineEnd(text, i);
        if (next + then.length <= end) {
          return MATCHED;
        }
        // A later `first` on this line has less of the line after it.
        i = text.indexOf(first, end + 1);
      }
      return null;
    }
  };
}

/** Where the line holding `at` ends: `.` stops at any line terminator. */
function lineEnd(text: string, at: number): number {
  LINE_END.lastIndex = at;
  return LINE_END.exec(text)?.index ?? text.length;
}

const LINE_END = /[\n\r\u2028\u2029]/g;
