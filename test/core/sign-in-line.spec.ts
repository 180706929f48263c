/**
 * The sign-in line carries the kinit command and the expiry command
 * byte for byte: `$$`, `$'`, `` $` `` and `$&` are ordinary characters in a
 * principal or a keytab path, not replacement patterns.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as fc from 'fast-check';
import { kinitCommand } from '../../src/core/sign-in/kinit';
import {
  expiryCommand,
  signInIntro,
  signInLine
} from '../../src/core/sign-in/script';
import { validatePrincipal } from '../../src/core/validate/profile';
import { sampleProfile } from './sample-profile';

const MARKER = 'skrb0123456789abcdef';

function lineFor(principal: string, keytab: string): string {
  const profile = sampleProfile({
    principal,
    signIn: keytab === '' ? 'password' : 'keytab',
    keytab
  });
  return signInLine({
    kinit: kinitCommand(profile),
    expiry: expiryCommand(''),
    intro: signInIntro(profile),
    marker: MARKER,
    autoClose: true
  });
}

/** The words the shell hands to `exec`: `sh -c SCRIPT sh INTRO MARKER AFTER`. */
function words(line: string): string[] {
  expect(line.startsWith(' exec sh -c ')).toBe(true);
  const script = `printf '%s\\0' ${line.slice(' exec sh -c '.length)}`;
  const out = spawnSync('sh', ['-c', script]).stdout.toString('utf8');
  return out.split('\0').slice(0, -1);
}

describe('signInLine with `$` patterns in the principal and the keytab path', () => {
  it('the script holds the kinit and expiry commands verbatim (property)', () => {
    const pattern = fc.constantFrom('$$', "$'", '$`', '$&', '$1', '$<a>', '$');
    const plain = fc.constantFrom('svc', 'x', '0', '.', '_', '-');
    const text = fc
      .array(fc.oneof(pattern, plain), { minLength: 1, maxLength: 6 })
      .map(parts => parts.join(''));
    fc.assert(
      fc.property(text, text, fc.boolean(), (user, file, keytab) => {
        const principal = user.startsWith('-') ? 'u' + user : user;
        fc.pre(validatePrincipal(principal) === null);
        const path = keytab ? `~/${file}.keytab` : '';
        const profile = sampleProfile({
          principal,
          signIn: keytab ? 'keytab' : 'password',
          keytab: path
        });
        const [script] = words(lineFor(principal, path));
        expect(script).toContain(`\n${kinitCommand(profile)}\nrc=$?`);
        expect(script).toContain(`until=$(${expiryCommand('')})`);
      }),
      { numRuns: 100 }
    );
  });

  it('principal `svc$$x` reaches kinit as `svc$$x`, not `svc$x`', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smk-signin-'));
    try {
      const log = join(dir, 'args');
      writeFileSync(
        join(dir, 'kinit'),
        `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\nexit 1\n`,
        { mode: 0o755 }
      );
      spawnSync('sh', ['-c', lineFor('svc$$x', '')], {
        env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
        input: ''
      });
      expect(readFileSync(log, 'utf8').trim().split('\n').pop()).toBe(
        'svc$$x@EC2.INTERNAL'
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
