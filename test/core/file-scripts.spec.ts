import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { utf8Encode } from '../../src/core/encoding';
import {
  READ_MISSING,
  WRITE_EXIT,
  parseWriteOutput,
  readScript,
  validateFilePath,
  writeScript
} from '../../src/core/file-scripts';
import { sha256Hex } from '../../src/core/sha256';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skr-filescripts-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Runs a script in a real /bin/sh, as the hidden terminal does (stdin = content). */
function sh(script: string, input = '', env: Record<string, string> = {}) {
  const r = spawnSync('/bin/sh', ['-c', script], {
    input,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: root,
      TMPDIR: root,
      ...env
    }
  });
  return {
    stdout: r.stdout.toString('utf8'),
    stderr: r.stderr.toString('utf8'),
    status: r.status
  };
}

function item(
  file: string,
  content: string,
  opts: { mode?: number; backup?: boolean } = {}
) {
  const bytes = utf8Encode(content);
  return {
    path: file,
    content: bytes,
    sha256: sha256Hex(bytes),
    mode: opts.mode,
    backup: opts.backup ?? true,
    sudo: false
  };
}

function write(
  file: string,
  content: string,
  opts: { mode?: number; backup?: boolean } = {}
) {
  return sh(writeScript([item(file, content, opts)], new Date()));
}

/** File names without NUL and '/', including everything a shell cares about. */
const nameArb = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 40 })
  .map(s => s.replace(/[\0/]/g, '_'))
  .filter(s => s !== '.' && s !== '..');

describe('write and read scripts in a real sh', () => {
  it('round-trip any name and content, with backups and no temp files left', () => {
    const dir = path.join(root, 'prop');
    fc.assert(
      fc.property(
        nameArb,
        fc.string({ unit: 'binary', maxLength: 3000 }),
        fc.string({ maxLength: 200 }),
        (name, a, b) => {
          const file = path.join(dir, name);
          const first = write(file, a);
          expect(first.status).toBe(0);
          expect(parseWriteOutput(first.stdout)).toEqual([
            { status: 'written', path: file, backupPath: null }
          ]);
          const second = write(file, b);
          expect(second.status).toBe(0);
          const [out] = parseWriteOutput(second.stdout);
          if (a === b) {
            expect(out.status).toBe('unchanged');
          } else {
            expect(out.backupPath).not.toBeNull();
            expect(fs.readFileSync(out.backupPath as string)).toEqual(
              Buffer.from(utf8Encode(a))
            );
            fs.unlinkSync(out.backupPath as string);
          }
          const read = sh(readScript(file));
          expect(read.status).toBe(0);
          expect(read.stdout).toBe(Buffer.from(utf8Encode(b)).toString('utf8'));
          fs.unlinkSync(file);
          expect(fs.readdirSync(dir)).toEqual([]);
        }
      ),
      { numRuns: 60 }
    );
    expect(fs.readdirSync(root).filter(f => f.includes('stage'))).toEqual([]);
  });

  it('refuses damaged content and leaves the old file', () => {
    const file = path.join(root, 'damaged.conf');
    fs.writeFileSync(file, 'old\n');
    const script = writeScript(
      [{ ...item(file, 'new\n'), content: utf8Encode('ne') }],
      new Date()
    );
    const r = sh(script);
    expect(r.status).toBe(WRITE_EXIT.transfer);
    expect(fs.readFileSync(file, 'utf8')).toBe('old\n');
    expect(
      fs
        .readdirSync(root)
        .filter(f => f.startsWith('damaged') || f.startsWith('.damaged'))
    ).toEqual(['damaged.conf']);
  });

  it('writes several files in one script and stops at the first failure', () => {
    const a = path.join(root, 'batch', 'a.conf');
    const b = path.join(root, 'batch', 'sub', 'b.json');
    const r = sh(
      writeScript(
        [item(a, 'A\n', { mode: 0o644 }), item(b, 'B\n', { mode: 0o600 })],
        new Date()
      )
    );
    expect(r.status).toBe(0);
    expect(parseWriteOutput(r.stdout).map(o => o.path)).toEqual([a, b]);
    expect(fs.statSync(a).mode & 0o777).toBe(0o644);
    expect(fs.statSync(b).mode & 0o777).toBe(0o600);
    const bad = sh(
      writeScript(
        [item(a, 'A2\n'), item(root, 'x'), item(b, 'B2\n')],
        new Date()
      )
    );
    expect(bad.status).toBe(WRITE_EXIT.notAFile);
    expect(parseWriteOutput(bad.stdout)).toHaveLength(1);
    expect(fs.readFileSync(a, 'utf8')).toBe('A2\n');
    expect(fs.readFileSync(b, 'utf8')).toBe('B\n');
  });

  it('names backups after the time of the write', () => {
    const file = path.join(root, 'stamped.conf');
    fs.writeFileSync(file, 'one\n');
    const when = new Date('2026-11-25T17:45:09.123Z');
    const [out] = parseWriteOutput(
      sh(writeScript([item(file, 'two\n')], when)).stdout
    );
    expect(out.backupPath).toBe(`${file}.bak-20261125T174509Z`);
    const [again] = parseWriteOutput(
      sh(writeScript([item(file, 'three\n')], when)).stdout
    );
    expect(again.backupPath).toBe(`${file}.bak-20261125T174509Z.2`);
  });

  it('reports a missing file, a missing HOME and a directory', () => {
    expect(sh(readScript(path.join(root, 'nope'))).status).toBe(READ_MISSING);
    expect(sh(readScript('~/x'), '', { HOME: '' }).status).toBe(
      WRITE_EXIT.noHome
    );
    expect(write(root, 'x').status).toBe(WRITE_EXIT.notAFile);
  });

  it('cleans temp files of killed writers of the same file', () => {
    const file = path.join(root, 'killed.json');
    fs.writeFileSync(path.join(root, '.killed.json.skr-tmp.12345'), 'partial');
    expect(write(file, '{}').status).toBe(0);
    expect(fs.readdirSync(root).filter(f => f.includes('killed'))).toEqual([
      'killed.json'
    ]);
  });
});

describe('validateFilePath', () => {
  it('accepts absolute and home paths only', () => {
    expect(validateFilePath('/etc/krb5.conf')).toBeNull();
    expect(validateFilePath('~/.sparkmagic/config.json')).toBeNull();
    for (const bad of ['', 'rel/x', '~user/x', '~', '~/', '/etc/', 'a\0b']) {
      expect(validateFilePath(bad)).not.toBeNull();
    }
  });
});
