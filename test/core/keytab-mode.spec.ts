import { execFileSync } from 'child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as fc from 'fast-check';
import {
  keytabModeCommand,
  keytabModeWarning
} from '../../src/core/sign-in/keytab-mode';

describe('keytabModeWarning', () => {
  it('warns exactly when group or others may read', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0o777 }), mode => {
        const octal = mode.toString(8).padStart(3, '0');
        expect(keytabModeWarning('/k', octal) !== null).toBe(
          (mode & 0o044) !== 0
        );
      }),
      { numRuns: 512 }
    );
    expect(keytabModeWarning('/k', '640')?.title).toMatch(/its group/);
    expect(keytabModeWarning('/k', 'stat: cannot stat')).toBeNull();
  });

  it('reads the real mode of a file through a link, path quoted', () => {
    const dir = mkdtempSync(join(tmpdir(), "keytab mode '"));
    try {
      const keytab = join(dir, 'user 1.keytab');
      writeFileSync(keytab, '');
      execFileSync('ln', ['-s', keytab, join(dir, 'link')]);
      for (const [mode, warns] of [
        [0o600, false],
        [0o640, true],
        [0o604, true]
      ] as const) {
        chmodSync(keytab, mode);
        const out = execFileSync(
          '/bin/sh',
          ['-c', keytabModeCommand(join(dir, 'link'))],
          { encoding: 'utf8' }
        );
        const found = keytabModeWarning(keytab, out);
        expect(found !== null).toBe(warns);
        if (found) {
          expect(found.fix).toContain('chmod 600 ');
          expect(found.fix).toContain("'");
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
