/**
 * krb5.conf against real MIT Kerberos: the profile library itself (through a
 * small C program linked with libkrb5), kinit/klist/kvno, and a loopback KDC
 * (test/kdc/realm.sh). Needs krb5-user, krb5-kdc, krb5-admin-server,
 * libkrb5-dev and a C compiler; fails, never skips, when one is missing.
 */
import { ChildProcessByStdio, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable, Writable } from 'stream';
import * as fc from 'fast-check';
import {
  IKrb5Directive,
  IKrb5Document,
  Krb5ParseError,
  desiredKrb5,
  dropinNameFor,
  getRelation,
  getRelations,
  isOwnedPath,
  krb5FormFor,
  parseKrb5Conf,
  renderKrb5Conf,
  renderKrb5Dropin,
  renderKrb5ForProfile,
  sortIncludedir,
  walkRelations
} from '../../src/core/krb5';
import { IProfile, withDefaults } from '../../src/core/profile';
import { krb5Profile, krb5Text, numRuns } from './krb5-arbitraries';
import { mitTreeDump } from './krb5-mit-tree';

const ROOT = path.resolve(__dirname, '..', '..');
const REALM_SH = path.join(ROOT, 'test', 'kdc', 'realm.sh');
const FIXTURES = path.join(__dirname, 'fixtures', 'krb5conf');
const REALM = 'EC2.INTERNAL';
const PORT = 61088;
const RUNS = numRuns(300);
const TIMEOUT = 600000;
const UID = process.getuid ? process.getuid() : 0;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'krb5-mit-'));
const realmDir = path.join(tmp, 'realm');
const includeFile = path.join(tmp, 'extra.conf');
const includeDir = path.join(tmp, 'extra.d');
let cases = 0;

/** Our values, against the loopback KDC. */
const PROFILE: IProfile = withDefaults({
  realm: REALM,
  kdcs: [`127.0.0.1:${PORT}`],
  adminServer: `127.0.0.1:${PORT + 2}`,
  livyUrl: 'https://livy-nlb.example.test:8998',
  clusterDomain: 'ec2.internal',
  principal: 'user1'
});

/** Included by generated files: values that fight ours, and names includedir must skip. */
const INCLUDED: Record<string, string> = {
  [includeFile]:
    '[libdefaults]\n  rdns = true\n  default_ccache_name = KCM:\n[realms]\n  EC2.INTERNAL = {\n' +
    '    kdc = 127.0.0.9:88\n    admin_server = 127.0.0.9:749\n  }\n[domain_realm]\n' +
    '  livy-nlb.example.test = WRONG.TEST\n',
  [path.join(includeDir, 'kcm_default_ccache')]:
    '[libdefaults]\n  default_ccache_name = KCM:\n',
  [path.join(includeDir, 'b.conf')]:
    '# a .conf name\n[libdefaults]\n  forwardable = false\n  dns_canonicalize_hostname = true\n',
  [path.join(includeDir, '00-early')]:
    '[libdefaults]\n  udp_preference_limit = 0\n  x = 1\n',
  [path.join(includeDir, '.hidden')]: 'not a profile file\n',
  [path.join(includeDir, 'b.conf~')]: 'not a profile file either\n'
};

const parsedIncludes = new Map<string, IKrb5Document>();
function parseFile(file: string): IKrb5Document {
  if (!parsedIncludes.has(file)) {
    parsedIncludes.set(file, parseKrb5Conf(fs.readFileSync(file, 'utf8')));
  }
  return parsedIncludes.get(file) as IKrb5Document;
}

/** Reads include targets from disk the way MIT does. */
function resolve(directive: IKrb5Directive): IKrb5Document[] {
  if (directive.directive === 'include') {
    return [parseFile(directive.target)];
  }
  return sortIncludedir(fs.readdirSync(directive.target)).map(name =>
    parseFile(path.join(directive.target, name))
  );
}

function write(text: string, name = `case-${++cases}.conf`): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

/** The C helper: MIT's profile library reading files, one line per file. */
class MitProfileReader {
  constructor(binary: string) {
    this._child = spawn(binary, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    this._child.stdout.setEncoding('utf8');
    this._child.stdout.on('data', (chunk: string) => {
      this._buffer += chunk;
      let nl: number;
      while ((nl = this._buffer.indexOf('\n')) >= 0) {
        const line = this._buffer.slice(0, nl);
        this._buffer = this._buffer.slice(nl + 1);
        this._waiting.shift()?.(line);
      }
    });
  }

  /** `{ dump }` as profile_flush_to_buffer() prints it, or `{ error }` (a code name). */
  read(file: string): Promise<{ dump: string } | { error: string }> {
    return new Promise(done => {
      this._waiting.push(line => {
        const [status, arg] = line.split(' ');
        done(
          status === 'OK'
            ? { dump: Buffer.from(arg ?? '', 'hex').toString('utf8') }
            : { error: arg }
        );
      });
      this._child.stdin.write(`${file}\n`);
    });
  }

  stop(): void {
    this._child.stdin.end();
    this._child.kill();
  }

  private _child: ChildProcessByStdio<Writable, Readable, null>;
  private _buffer = '';
  private _waiting: ((line: string) => void)[] = [];
}

let reader: MitProfileReader;

interface IRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs an MIT tool with a krb5.conf; `ccache: null` leaves the default cache;
 * `trace` appends the KRB5_TRACE output to stderr.
 */
function mit(
  args: string[],
  config: string,
  options: { ccache?: string | null; input?: string; trace?: boolean } = {}
): IRun {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KRB5_CONFIG: config,
    LC_ALL: 'C',
    TZ: 'UTC'
  };
  delete env.KRB5CCNAME;
  delete env.KRB5_TRACE;
  if (options.ccache !== null) {
    env.KRB5CCNAME =
      options.ccache ?? `FILE:${path.join(tmp, `cc-${++cases}`)}`;
  }
  // A file, not /dev/stderr: Node's stdio pipes are sockets, which cannot be reopened.
  const trace = path.join(tmp, `trace-${++cases}`);
  if (options.trace) {
    env.KRB5_TRACE = trace;
  }
  const run = spawnSync(args[0], args.slice(1), {
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60000
  });
  const traced =
    options.trace && fs.existsSync(trace) ? fs.readFileSync(trace, 'utf8') : '';
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr + traced
  };
}

/** kinit as user1 with the password on stdin, then klist on the same cache. */
function kinitWith(config: string): IRun {
  const ccache = `FILE:${path.join(tmp, `cc-${++cases}`)}`;
  const kinit = mit(['kinit', `user1@${REALM}`], config, {
    ccache,
    input: 'user1pw\n'
  });
  if (kinit.status !== 0) {
    return kinit;
  }
  return mit(['klist'], config, { ccache });
}

function requireTool(tool: string, packages: string): void {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    throw new Error(`${tool} is missing: apt-get install ${packages}`);
  }
}

beforeAll(() => {
  requireTool('kinit', 'krb5-user');
  requireTool('klist', 'krb5-user');
  requireTool('kvno', 'krb5-user');
  requireTool('krb5kdc', 'krb5-kdc');
  requireTool('kadmind', 'krb5-admin-server');
  requireTool('cc', 'gcc libkrb5-dev');
  const binary = path.join(tmp, 'krb5-profile-dump');
  const build = spawnSync(
    'cc',
    ['-o', binary, path.join(__dirname, 'krb5-profile-dump.c'), '-lkrb5'],
    { encoding: 'utf8' }
  );
  if (build.status !== 0) {
    throw new Error(
      `cannot build the profile reader (needs libkrb5-dev): ${build.stderr}`
    );
  }
  reader = new MitProfileReader(binary);
  fs.mkdirSync(includeDir);
  for (const [file, text] of Object.entries(INCLUDED)) {
    fs.writeFileSync(file, text);
  }
  const start = spawnSync(
    'bash',
    [REALM_SH, 'start', realmDir, REALM, String(PORT)],
    {
      encoding: 'utf8',
      timeout: 120000
    }
  );
  if (start.status !== 0) {
    throw new Error(`test/kdc/realm.sh start failed: ${start.stderr}`);
  }
}, 180000);

afterAll(() => {
  reader?.stop();
  spawnSync('bash', [REALM_SH, 'stop', realmDir], { timeout: 60000 });
  fs.rmSync(tmp, { recursive: true, force: true });
});

function tryParse(text: string): IKrb5Document | Krb5ParseError {
  try {
    return parseKrb5Conf(text);
  } catch (e) {
    if (e instanceof Krb5ParseError) {
      return e;
    }
    throw e;
  }
}

/** Relation values by path with includes read, leaving out what `skip` names. */
function relationsByPath(
  doc: IKrb5Document,
  skip: (p: string[]) => boolean
): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { path: p, relation } of walkRelations(doc, resolve)) {
    if (!skip(p)) {
      const key = JSON.stringify(p);
      map.set(key, [...(map.get(key) ?? []), relation.value]);
    }
  }
  return map;
}

const text = krb5Text({ includeFile, includeDir });

describe('MIT profile library (libkrb5) reads what the parser reads', () => {
  it(
    'same errors and the same tree for generated files, includes read from disk',
    async () => {
      await fc.assert(
        fc.asyncProperty(text, async source => {
          const file = write(source);
          const mitRead = await reader.read(file);
          fs.unlinkSync(file);
          const ours = tryParse(source);
          if (ours instanceof Krb5ParseError) {
            expect(mitRead).toEqual({ error: ours.code });
          } else {
            expect(mitRead).toEqual({ dump: mitTreeDump(ours, resolve) });
          }
        }),
        { numRuns: RUNS }
      );
    },
    TIMEOUT
  );

  it(
    'merged files: MIT reads them as we do, our values first, all others kept',
    async () => {
      await fc.assert(
        fc.asyncProperty(text, krb5Profile, async (source, profile) => {
          const doc = tryParse(source);
          fc.pre(!(doc instanceof Krb5ParseError));
          const merged = renderKrb5ForProfile(profile, source);
          const file = write(merged);
          const mitRead = await reader.read(file);
          fs.unlinkSync(file);
          const after = parseKrb5Conf(merged);
          expect(mitRead).toEqual({ dump: mitTreeDump(after, resolve) });
          const want = desiredKrb5(profile);
          for (const [tag, value] of want.libdefaults) {
            expect([
              tag,
              getRelation(after, 'libdefaults', tag, resolve)
            ]).toEqual([tag, value]);
          }
          const kdcs = want.realmBlock
            .filter(([t]) => t === 'kdc')
            .map(([, v]) => v);
          const readKdcs = getRelations(
            after,
            'realms',
            [want.realm, 'kdc'],
            resolve
          );
          expect(readKdcs.slice(0, kdcs.length)).toEqual(kdcs);
          for (const [host, realm] of want.domainRealm) {
            expect(getRelation(after, 'domain_realm', host, resolve)).toBe(
              realm
            );
          }
          const owned = (p: string[]) => isOwnedPath(want, p);
          expect(relationsByPath(after, owned)).toEqual(
            relationsByPath(doc as IKrb5Document, owned)
          );
        }),
        { numRuns: RUNS }
      );
    },
    TIMEOUT
  );
});

describe('real kinit against a loopback KDC', () => {
  /** Fixture text with its include targets pointed at files that exist here. */
  const local = (name: string): string =>
    fs
      .readFileSync(path.join(FIXTURES, name), 'utf8')
      .replace(/^includedir .*$/gm, `includedir ${includeDir}`);

  it.each(fs.readdirSync(FIXTURES))('accepts the merge of %s', name => {
    const run = kinitWith(write(renderKrb5ForProfile(PROFILE, local(name))));
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`krbtgt/${REALM}@${REALM}`);
  });

  it('accepts a new file', () => {
    const run = kinitWith(write(renderKrb5ForProfile(PROFILE, null)));
    expect(run.stdout).toContain(`Default principal: user1@${REALM}`);
  });

  it('accepts the merge of generated files', () => {
    const sources = fc
      .sample(text, { numRuns: 200, seed: 42 })
      .filter(source => !(tryParse(source) instanceof Krb5ParseError))
      .slice(0, 25);
    expect(sources.length).toBe(25);
    for (const source of sources) {
      const run = kinitWith(write(renderKrb5ForProfile(PROFILE, source)));
      expect([source, run.stderr]).toEqual([source, '']);
    }
  });

  it('rejects what the parser rejects, with MIT\'s "Improper format" message', () => {
    for (const bad of [
      '[libdefaults]\n  rdns false\n',
      '[libdefaults\n',
      '[realms]\n}\n'
    ]) {
      expect(tryParse(bad)).toBeInstanceOf(Krb5ParseError);
      const run = mit(['kinit', `user1@${REALM}`], write(bad), {
        input: 'user1pw\n'
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        'Improper format of Kerberos configuration file'
      );
    }
  });

  it('ignores a section behind a UTF-8 BOM, as the parser does', () => {
    const hidden = `\ufeff${renderKrb5ForProfile(PROFILE, null).replace(/^# .*\n\n/, '')}`;
    expect(
      getRelation(parseKrb5Conf(hidden), 'libdefaults', 'default_realm')
    ).toBeUndefined();
    const run = mit(['kinit', 'user1'], write(hidden), { input: 'user1pw\n' });
    expect(run.stderr).toContain(
      'Configuration file does not specify default realm'
    );
  });
});

describe('an includedir that sets values first, as sssd-kcm does', () => {
  const kcm =
    '# as /etc/krb5.conf.d/kcm_default_ccache, with more values that matter behind an NLB\n' +
    '[libdefaults]\n    default_ccache_name = KCM:\n    rdns = true\n' +
    '    dns_canonicalize_hostname = true\n    udp_preference_limit = 1465\n';
  /** Fedora's krb5.conf, including `dir` first. */
  const mainFile = (dir: string): string =>
    fs
      .readFileSync(path.join(FIXTURES, 'fedora-includedir.conf'), 'utf8')
      .replace(/^includedir .*$/m, `includedir ${dir}`);
  let reverseName = '';

  beforeAll(() => {
    const hosts = spawnSync('getent', ['hosts', '127.0.0.1'], {
      encoding: 'utf8'
    });
    reverseName = hosts.stdout.trim().split(/\s+/)[1] ?? '';
    if (reverseName === '' || reverseName === '127.0.0.1') {
      throw new Error(
        '127.0.0.1 has no name in /etc/hosts; the rdns check needs one'
      );
    }
  });

  function includeDirWith(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(tmp, 'krb5.conf.d-'));
    for (const [name, content] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
  }

  /** What MIT tools use: klist's default cache, kinit's transport, kvno's host name. */
  function observe(config: string): {
    klist: string;
    kinit: string;
    kvno: string;
  } {
    const klist = mit(['klist'], config, { ccache: null });
    const ccache = `FILE:${path.join(tmp, `cc-${++cases}`)}`;
    const kinit = mit(['kinit', `user1@${REALM}`], config, {
      ccache,
      input: 'user1pw\n',
      trace: true
    });
    expect([kinit.status, kinit.stderr]).toEqual([0, expect.any(String)]);
    const kvno = mit(['kvno', '-S', 'HTTP', '127.0.0.1'], config, {
      ccache,
      trace: true
    });
    return {
      klist: klist.stdout + klist.stderr,
      kinit: kinit.stderr,
      kvno: kvno.stderr
    };
  }

  function expectOurs(seen: {
    klist: string;
    kinit: string;
    kvno: string;
  }): void {
    expect(seen.klist).toContain(`/tmp/krb5cc_${UID}`);
    expect(seen.klist).not.toContain('KCM');
    expect(seen.kinit).toContain(
      `Sending TCP request to stream 127.0.0.1:${PORT}`
    );
    expect(seen.kinit).not.toContain('UDP');
    expect(seen.kvno).toContain('HTTP/127.0.0.1@');
    expect(seen.kvno).not.toContain(`HTTP/${reverseName}@`);
  }

  it('a naive merge into the existing [libdefaults] loses: KCM cache, UDP, reverse DNS', () => {
    const dir = includeDirWith({ kcm_default_ccache: kcm });
    const doc = parseKrb5Conf(mainFile(dir));
    const libdefaults = doc.sections.find(s => s.name === 'libdefaults');
    const realms = doc.sections.find(s => s.name === 'realms');
    if (!libdefaults || !realms) {
      throw new Error('fixture lacks [libdefaults] or [realms]');
    }
    const want = desiredKrb5(PROFILE);
    libdefaults.items = [
      ...want.libdefaults.map(([tag, value]) => ({
        kind: 'relation' as const,
        tag,
        value,
        final: false
      })),
      ...libdefaults.items.filter(
        i =>
          !(i.kind === 'relation' && isOwnedPath(want, ['libdefaults', i.tag]))
      )
    ];
    realms.items.unshift({
      kind: 'group',
      tag: REALM,
      final: false,
      items: want.realmBlock.map(([tag, value]) => ({
        kind: 'relation',
        tag,
        value,
        final: false
      }))
    });
    const naive = write(renderKrb5Conf(doc));
    expect(
      getRelation(
        parseKrb5Conf(fs.readFileSync(naive, 'utf8')),
        'libdefaults',
        'rdns'
      )
    ).toBe('false');
    const seen = observe(naive);
    expect(seen.klist).toContain('KCM');
    expect(seen.kinit).toContain(
      `Sending initial UDP request to dgram 127.0.0.1:${PORT}`
    );
    expect(seen.kvno).toContain(`HTTP/${reverseName}@`);
  });

  it('our merge puts its values above the includedir and wins', () => {
    const dir = includeDirWith({ kcm_default_ccache: kcm });
    const merged = renderKrb5ForProfile(PROFILE, mainFile(dir));
    expect(merged.indexOf('default_ccache_name = FILE:')).toBeLessThan(
      merged.indexOf(`includedir ${dir}`)
    );
    expectOurs(observe(write(merged)));
  });

  it('the drop-in, named to be read first, wins without touching the main file', () => {
    const dir = includeDirWith({ kcm_default_ccache: kcm });
    const main = mainFile(dir);
    expect(krb5FormFor(parseKrb5Conf(main), PROFILE)).toMatchObject({
      form: 'dropin',
      dropinDir: dir
    });
    const name = dropinNameFor(fs.readdirSync(dir));
    expect(name).toBe('00-sparkmagic-kerberos');
    fs.writeFileSync(path.join(dir, name as string), renderKrb5Dropin(PROFILE));
    expectOurs(observe(write(main)));
  });
});
