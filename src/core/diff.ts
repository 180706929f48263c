/**
 * Line diff for the Apply preview: what changes in each file, with a few
 * lines of context, like `diff -u` without the headers.
 */

export interface IDiffLine {
  op: ' ' | '+' | '-';
  text: string;
}

/** Beyond this many cells the table is too big; show a full replacement. */
const MAX_CELLS = 4_000_000;

/** Every line of `before` and `after`, marked kept, added or removed. */
export function diffLines(before: string, after: string): IDiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  if (a.length * b.length > MAX_CELLS) {
    return [
      ...a.map(text => ({ op: '-' as const, text })),
      ...b.map(text => ({ op: '+' as const, text }))
    ];
  }
  // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..].
  const lcs: Uint32Array[] = [];
  for (let i = a.length; i >= 0; i--) {
    lcs[i] = new Uint32Array(b.length + 1);
    for (let j = b.length - 1; i < a.length && j >= 0; j--) {
      lcs[i][j] =
        a[i] === b[j]
          ? lcs[i + 1][j + 1] + 1
          : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: IDiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i] });
      i++;
      j++;
    } else if (
      j < b.length &&
      (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])
    ) {
      out.push({ op: '+', text: b[j++] });
    } else {
      out.push({ op: '-', text: a[i++] });
    }
  }
  return out;
}

/** Changed lines with `context` unchanged lines around each; gaps become `null`. */
export function diffHunks(
  lines: IDiffLine[],
  context = 2
): (IDiffLine | null)[] {
  const keep = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.op !== ' ') {
      for (
        let k = Math.max(0, index - context);
        k <= Math.min(lines.length - 1, index + context);
        k++
      ) {
        keep[k] = true;
      }
    }
  });
  const out: (IDiffLine | null)[] = [];
  lines.forEach((line, index) => {
    if (keep[index]) {
      out.push(line);
    } else if (index > 0 && keep[index - 1]) {
      out.push(null);
    }
  });
  if (out.length && out[0] !== null && !keep[0]) {
    out.unshift(null);
  }
  return out;
}

function splitLines(text: string): string[] {
  if (text === '') {
    return [];
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}
