import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { FileAccessError } from '../../src/exec/errors';
import { TerminalFiles } from '../../src/exec/files';
import { TerminalRunner } from '../../src/exec/runner';
import { newManager, useServer } from './server';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skr-files-'));
const home = path.join(root, 'home');
let runner: TerminalRunner;
let files: TerminalFiles;

/** 200 KB of text with everything a shell or a pty could trip over. */
function hostileContent(seed: number): string {
  const pieces = [
    "it's",
    '"quoted"',
    '$(touch /tmp/pwned)',
    '`id`',
    '${HOME}',
    '\\n',
    '\n',
    '\r\n',
    '\t',
    '\x03\x04\x1a\x1b[31m\x7f',
    'é中\u{1F600}',
    'EOF',
    'SKR_E_',
    ' '
  ];
  const out: string[] = [];
  let size = 0;
  let x = seed;
  while (size < 200 * 1024) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const piece = pieces[x % pieces.length] + String(x % 1000);
    out.push(piece);
    size += piece.length;
  }
  return out.join('');
}

const HOSTILE_NAMES = [
  'it\'s "a" file.json',
  'spaces  and\ttab',
  'new\nline',
  '$(touch pwned) `x` ${HOME}',
  '-rf',
  '*',
  'ünï cødé',
  'trailing space ',
  '.hidden'
];

const lab = useServer(() => {
  fs.mkdirSync(home);
  return { runner: { env: { HOME: home } } };
});

beforeAll(() => {
  runner = lab.runner;
  files = new TerminalFiles({ runner });
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function junk(dir: string): string[] {
  return fs.readdirSync(dir).filter(f => f.includes('.skr-tmp.'));
}

describe('TerminalFiles', () => {
  it('writes and reads back hostile names and contents exactly', async () => {
    const dir = path.join(root, "dir with 'quotes'", 'sub dir');
    for (const [i, name] of HOSTILE_NAMES.entries()) {
      const file = path.join(dir, name);
      const content =
        i === 0
          ? hostileContent(1)
          : `${name}\n${hostileContent(i).slice(0, 3000)}`;
      const result = await files.write(file, content);
      expect(result).toEqual({ path: file, backupPath: null, changed: true });
      expect(fs.readFileSync(file, 'utf8')).toBe(content);
      expect(await files.read(file)).toBe(content);
    }
    expect(fs.readdirSync(dir).sort()).toEqual([...HOSTILE_NAMES].sort());
    expect(
      fs.existsSync('/tmp/pwned') || fs.existsSync(path.join(dir, 'pwned'))
    ).toBe(false);
  });

  it('writes empty files and files without a final newline', async () => {
    for (const content of ['', 'no newline', '\n\n\n', '\r\n']) {
      const file = path.join(root, 'edge');
      await files.write(file, content, { backup: false });
      expect(fs.readFileSync(file, 'utf8')).toBe(content);
      expect(await files.read(file)).toBe(content);
    }
  });

  it('returns null for a missing file and refuses relative paths and directories', async () => {
    expect(await files.read(path.join(root, 'missing'))).toBeNull();
    await expect(files.write('relative/file', 'x')).rejects.toMatchObject({
      code: 'invalid-path'
    });
    await expect(files.read('~other/file')).rejects.toBeInstanceOf(
      FileAccessError
    );
    await expect(files.write(root, 'x')).rejects.toMatchObject({
      code: 'not-a-file'
    });
    await expect(files.read(root)).rejects.toMatchObject({
      code: 'not-a-file'
    });
  });

  it('keeps a timestamped backup and the mode, and skips identical content', async () => {
    const file = path.join(root, 'conf', 'krb5.conf');
    await files.write(file, 'one\n', { mode: 0o640 });
    const second = await files.write(file, 'two\n');
    expect(second.changed).toBe(true);
    expect(second.backupPath).toMatch(
      /\/krb5\.conf\.bak-\d{8}T\d{6}Z(\.\d+)?$/
    );
    expect(fs.readFileSync(second.backupPath as string, 'utf8')).toBe('one\n');
    expect(fs.statSync(file).mode & 0o7777).toBe(0o640);
    expect(fs.statSync(second.backupPath as string).mode & 0o7777).toBe(0o640);
    const third = await files.write(file, 'three\n');
    expect(third.backupPath).not.toBe(second.backupPath);
    expect(fs.readFileSync(third.backupPath as string, 'utf8')).toBe('two\n');
    const same = await files.write(file, 'three\n');
    expect(same).toEqual({ path: file, backupPath: null, changed: false });
    const chmod = await files.write(file, 'three\n', { mode: 0o600 });
    expect(chmod.changed).toBe(true);
    expect(fs.statSync(file).mode & 0o7777).toBe(0o600);
    expect(
      fs.readdirSync(path.dirname(file)).filter(f => f.includes('.bak-'))
    ).toHaveLength(2);
    expect(junk(path.dirname(file))).toEqual([]);
  });

  it('expands ~ to the home directory and creates private parent directories', async () => {
    const result = await files.write(
      '~/.sparkmagic/config.json',
      '{"a": 1}\n',
      { mode: 0o600 }
    );
    const real = path.join(home, '.sparkmagic', 'config.json');
    expect(result.path).toBe(real);
    expect(fs.readFileSync(real, 'utf8')).toBe('{"a": 1}\n');
    expect(fs.statSync(real).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(real)).mode & 0o777).toBe(0o700);
    expect(await files.read('~/.sparkmagic/config.json')).toBe('{"a": 1}\n');
    await files.write(path.join(root, 'pub', 'krb5.conf'), 'x\n', {
      mode: 0o644
    });
    expect(fs.statSync(path.join(root, 'pub')).mode & 0o777).toBe(0o755);
  });

  it('replaces the target of a symlink and keeps the link', async () => {
    const target = path.join(root, 'real.conf');
    const link = path.join(root, 'link.conf');
    fs.writeFileSync(target, 'old\n');
    fs.symlinkSync(target, link);
    const result = await files.write(link, 'new\n');
    expect(result.path).toBe(target);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('new\n');
  });

  it('writes through sudo -n when asked', async () => {
    const file = path.join(root, 'sudo', 'krb5.conf');
    const result = await files.write(file, 'as root\n', {
      sudo: true,
      mode: 0o644
    });
    expect(result.changed).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('as root\n');
  });

  it('lets two independent connections write one file without mixing', async () => {
    const other = newManager();
    const runner2 = new TerminalRunner({ terminals: other });
    const files2 = new TerminalFiles({ runner: runner2 });
    try {
      const file = path.join(root, 'race', 'config.json');
      const a = hostileContent(11);
      const b = hostileContent(22);
      for (let round = 0; round < 6; round++) {
        const results = await Promise.all([
          files.write(file, a),
          files2.write(file, b)
        ]);
        const now = fs.readFileSync(file, 'utf8');
        expect([a, b]).toContain(now);
        expect(results.every(r => r.changed || r.backupPath === null)).toBe(
          true
        );
      }
      const dir = path.dirname(file);
      for (const backup of fs
        .readdirSync(dir)
        .filter(f => f.includes('.bak-'))) {
        expect([a, b]).toContain(
          fs.readFileSync(path.join(dir, backup), 'utf8')
        );
      }
      expect(junk(dir)).toEqual([]);
    } finally {
      await runner2.shutdown();
      other.dispose();
    }
  });
});

describe('TerminalFiles against other local users and writers', () => {
  it('keeps file contents off every command line during a write', async () => {
    const work = fs.mkdtempSync(path.join(root, 'cmdline-'));
    const secret = (i: number) =>
      Array.from(
        { length: 300 },
        (_, k) =>
          `endpoint-${i}-${k} password=Zq${(k * 7919 + i).toString(36)}Xw\n`
      ).join('');
    const contents = [0, 1, 2, 3, 4, 5].map(secret);
    const needles = contents.flatMap(c => {
      const b64 = Buffer.from(c).toString('base64');
      return [0, 2000, 4000, 8000].flatMap(at => [
        c.slice(at, at + 40),
        b64.slice(at, at + 40)
      ]);
    });
    const needleFile = path.join(work, 'needles');
    fs.writeFileSync(needleFile, JSON.stringify(needles));
    const stop = path.join(work, 'stop');
    const report = path.join(work, 'report');
    const ready = path.join(work, 'ready');
    // Another process polls every /proc/PID/cmdline, as any local user can.
    const poller = spawn(
      path.join(process.cwd(), '.venv/bin/python'),
      [
        '-c',
        [
          'import json, os, sys',
          'needles = [n.encode() for n in json.load(open(sys.argv[1]))]',
          'hits, sweeps, seen = set(), 0, 0',
          'open(sys.argv[4], "w").close()',
          'while not os.path.exists(sys.argv[2]):',
          '    sweeps += 1',
          '    for pid in os.listdir("/proc"):',
          '        if not pid.isdigit(): continue',
          '        try: cmd = open("/proc/%s/cmdline" % pid, "rb").read()',
          '        except OSError: continue',
          '        if b"sparkmagic-kerberos-" in cmd or b"skr_commit" in cmd: seen += 1',
          '        hits.update(n for n in needles if n in cmd)',
          'open(sys.argv[3], "w").write("%d %d %d" % (len(hits), sweeps, seen))'
        ].join('\n'),
        needleFile,
        stop,
        report,
        ready
      ],
      { stdio: 'ignore' }
    );
    while (!fs.existsSync(ready)) {
      await new Promise(r => setTimeout(r, 20));
    }
    for (const [i, c] of contents.entries()) {
      await files.write(path.join(work, 'config.json'), c, { sudo: i === 5 });
    }
    fs.writeFileSync(stop, '');
    await new Promise(r => poller.on('exit', r));
    const [hits, sweeps, seen] = fs
      .readFileSync(report, 'utf8')
      .split(' ')
      .map(Number);
    expect(sweeps).toBeGreaterThan(5);
    expect(seen).toBeGreaterThan(0);
    expect(hits).toBe(0);
  });

  it('a write planned from an old file fails when another writer changed it, and writes nothing', async () => {
    const other = newManager();
    const runner2 = new TerminalRunner({ terminals: other });
    const files2 = new TerminalFiles({ runner: runner2 });
    try {
      const file = path.join(root, 'cas', 'config.json');
      await files.write(file, 'hash0\n');
      const planned = await files.read(file);
      await files2.write(file, 'edited meanwhile\n');
      await expect(
        files.write(file, 'A\n', { before: planned })
      ).rejects.toMatchObject({ code: 'changed' });
      expect(fs.readFileSync(file, 'utf8')).toBe('edited meanwhile\n');
      const names = fs.readdirSync(path.dirname(file));
      expect(names.filter(f => f.includes('.bak-'))).toHaveLength(1);
      expect(junk(path.dirname(file))).toEqual([]);
      await expect(
        files.write(path.join(root, 'cas', 'new.json'), 'x', { before: 'x0' })
      ).rejects.toMatchObject({ code: 'changed' });
      await expect(
        files.write(file, 'A\n', { before: null })
      ).rejects.toMatchObject({ code: 'changed' });
      const ok = await files.write(file, 'A\n', {
        before: 'edited meanwhile\n'
      });
      expect(ok.changed).toBe(true);
      expect(fs.readFileSync(file, 'utf8')).toBe('A\n');
    } finally {
      await runner2.shutdown();
      other.dispose();
    }
  });
});
