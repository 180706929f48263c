import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { utf8Encode } from '../../src/core/terminal/encoding';
import {
  READ_MISSING,
  WRITE_EXIT,
  parseWriteOutput,
  readScript,
  validateFilePath,
  writeScript
} from '../../src/core/terminal/file-scripts';
import { sha256Hex } from '../../src/core/terminal/sha256';

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

describe('write script against planted links, unsafe directories and lost updates', () => {
  it('a dangling link at the old predictable temp name does not redirect the write', () => {
    const dir = fs.mkdtempSync(path.join(root, 'plant-'));
    const file = path.join(dir, 'config.json');
    const victim = path.join(root, 'victim-' + path.basename(dir));
    const plant = `ln -s '${victim}' '${dir}/.config.json.skr-tmp.'$$\n`;
    const r = sh(plant + writeScript([item(file, '{"x": 1}')], new Date()));
    expect(r.status).toBe(0);
    expect(fs.existsSync(victim)).toBe(false);
    expect(fs.lstatSync(file).isFile()).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"x": 1}');
  });

  it('refuses a temp name that turns out to be a link (a guessed name)', () => {
    const dir = fs.mkdtempSync(path.join(root, 'guess-'));
    const bin = fs.mkdtempSync(path.join(root, 'bin-'));
    const victim = path.join(root, 'victim-' + path.basename(dir));
    // An attacker who won the race: the name mktemp chose is now a link.
    fs.writeFileSync(
      path.join(bin, 'mktemp'),
      `#!/bin/sh\nt=$(/usr/bin/mktemp "$@") && rm -f "$t" && ln -s '${victim}' "$t" && echo "$t"\n`,
      { mode: 0o755 }
    );
    const file = path.join(dir, 'krb5.conf');
    const r = sh(writeScript([item(file, 'new\n')], new Date()), '', {
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`
    });
    expect(r.status).toBe(WRITE_EXIT.failed);
    expect(fs.existsSync(victim)).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
  });

  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot(
    'with sudo, refuses a directory not owned by root or writable by others',
    () => {
      const write1 = (dir: string) =>
        sh(
          writeScript(
            [{ ...item(path.join(dir, 'krb5.conf'), 'x\n'), sudo: true }],
            new Date()
          )
        );
      const mk = (name: string, mode: number, uid = 0) => {
        const d = path.join(root, name);
        fs.mkdirSync(d);
        fs.chmodSync(d, mode);
        fs.chownSync(d, uid, 0);
        return d;
      };
      for (const d of [
        mk('sudo-nobody', 0o755, 65534),
        mk('sudo-group', 0o775),
        mk('sudo-world', 0o1777)
      ]) {
        expect(write1(d).status).toBe(WRITE_EXIT.unsafeDir);
        expect(fs.readdirSync(d)).toEqual([]);
      }
      const ok = mk('sudo-ok', 0o755);
      expect(write1(ok).status).toBe(0);
    }
  );

  it('keeps no backup more readable than the new file', () => {
    const file = path.join(root, 'secret.json');
    fs.writeFileSync(file, '{"password": "hunter2"}\n', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const r = sh(
      writeScript([item(file, '{}\n', { mode: 0o600 })], new Date())
    );
    expect(r.status).toBe(0);
    const [out] = parseWriteOutput(r.stdout);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(out.backupPath as string).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(out.backupPath as string, 'utf8')).toContain(
      'hunter2'
    );
  });

  it('writes nothing when the file is not the one the content was made from', () => {
    const a = path.join(root, 'cas', 'a.conf');
    const b = path.join(root, 'cas', 'b.conf');
    fs.mkdirSync(path.dirname(a));
    fs.writeFileSync(a, 'a0\n');
    fs.writeFileSync(b, 'b1\n');
    const cas = (file: string, content: string, before: string | null) => ({
      ...item(file, content),
      expect: before === null ? null : sha256Hex(utf8Encode(before))
    });
    const r = sh(
      writeScript([cas(a, 'A\n', 'a0\n'), cas(b, 'B\n', 'b0\n')], new Date())
    );
    expect(r.status).toBe(WRITE_EXIT.changed);
    expect(fs.readFileSync(a, 'utf8')).toBe('a0\n');
    expect(fs.readFileSync(b, 'utf8')).toBe('b1\n');
    expect(sh(writeScript([cas(a, 'A\n', null)], new Date())).status).toBe(
      WRITE_EXIT.changed
    );
    expect(fs.readdirSync(path.dirname(a)).sort()).toEqual([
      'a.conf',
      'b.conf'
    ]);
    expect(sh(writeScript([cas(a, 'A\n', 'a0\n')], new Date())).status).toBe(0);
    expect(fs.readFileSync(a, 'utf8')).toBe('A\n');
  });
  it('writes over an empty file made since the content was prepared (a starting Sparkmagic kernel makes one), never over one with content', () => {
    const file = path.join(root, 'placeholder', 'config.json');
    fs.mkdirSync(path.dirname(file));
    const other = path.join(root, 'placeholder', 'krb5.conf');
    // Two files: the check before the batch sees it too.
    const batch = [
      { ...item(file, '{"a": 1}\n'), expect: null },
      { ...item(other, '[libdefaults]\n'), expect: null }
    ];
    fs.writeFileSync(file, '');
    expect(sh(writeScript(batch, new Date())).status).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a": 1}\n');
    fs.writeFileSync(file, '{}');
    fs.rmSync(other);
    expect(sh(writeScript(batch, new Date())).status).toBe(WRITE_EXIT.changed);
    expect(fs.readFileSync(file, 'utf8')).toBe('{}');
  });
});

describe('write script and the FILE.lock of other writers', () => {
  it('waits while another writer holds FILE.lock (SageMaker locks /etc/krb5.conf.lock), then writes', () => {
    const dir = fs.mkdtempSync(path.join(root, 'lock-'));
    const file = path.join(dir, 'krb5.conf');
    fs.writeFileSync(file, 'old\n');
    fs.writeFileSync(`${file}.lock`, '');
    const ready = path.join(dir, 'ready');
    const holder = spawn('flock', [
      `${file}.lock`,
      'sh',
      '-c',
      `touch '${ready}'; sleep 2`
    ]);
    while (!fs.existsSync(ready)) {
      spawnSync('sleep', ['0.05']);
    }
    const begin = Date.now();
    const r = write(file, 'new\n');
    expect(Date.now() - begin).toBeGreaterThanOrEqual(1500);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe('new\n');
    holder.kill();
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
