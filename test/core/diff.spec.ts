import * as fc from 'fast-check';
import { diffHunks, diffLines } from '../../src/core/diff';

describe('diffLines', () => {
  it('marks kept, removed and added lines', () => {
    const lines = diffLines('a\nb\nc\n', 'a\nB\nc\nd\n');
    expect(lines).toEqual([
      { op: ' ', text: 'a' },
      { op: '+', text: 'B' },
      { op: '-', text: 'b' },
      { op: ' ', text: 'c' },
      { op: '+', text: 'd' }
    ]);
  });

  it('treats a missing file as empty', () => {
    expect(diffLines('', 'x\n')).toEqual([{ op: '+', text: 'x' }]);
  });

  it('rebuilds both sides exactly and keeps a longest common part (property)', () => {
    const lines = fc.array(
      fc.constantFrom('a', 'b', 'c', '[realms]', ' x = 1'),
      { maxLength: 30 }
    );
    const asText = (l: string[]) => (l.length ? l.join('\n') + '\n' : '');
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const diff = diffLines(asText(a), asText(b));
        expect(diff.filter(l => l.op !== '+').map(l => l.text)).toEqual(a);
        expect(diff.filter(l => l.op !== '-').map(l => l.text)).toEqual(b);
        if (a.join() === b.join()) {
          expect(diff.every(l => l.op === ' ')).toBe(true);
        }
      }),
      { numRuns: 1000 }
    );
  });
});

describe('diffHunks', () => {
  it('keeps two lines of context and marks gaps', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 10', 'LINE 10');
    const hunks = diffHunks(diffLines(before, after));
    expect(hunks[0]).toBeNull();
    expect(hunks[hunks.length - 1]).toBeNull();
    expect(hunks.filter(h => h !== null).map(h => h!.text)).toEqual([
      'line 8',
      'line 9',
      'LINE 10',
      'line 10',
      'line 11',
      'line 12'
    ]);
  });
});
