/**
 * Shared parts of the tests against real MIT Kerberos: a scratch directory
 * with include files, MIT's profile library (through krb5-profile-dump.c,
 * linked with libkrb5), the MIT tools, and the loopback KDC of test/kdc/realm.sh.
 * Missing tools make the tests fail with the package to install, never skip.
 */
import { ChildProcessByStdio, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable, Writable } from 'stream';
import {
  IKrb5Directive,
  IKrb5Document,
  Krb5ParseError,
  parseKrb5Conf,
  sortIncludedir,
  walkRelations
} from '../../src/core/krb5';

export const REALM = 'EC2.INTERNAL';
/** krb5 core tests' KDC port (kpasswd +1, kadmind +2). */
export const PORT = 61088;
export const UID = process.getuid ? process.getuid() : 0;
export const FIXTURES = path.join(__dirname, 'fixtures', 'krb5conf');
const REALM_SH = path.resolve(__dirname, '..', 'kdc', 'realm.sh');

/** Included by generated files: values that fight ours, and names includedir must skip. */
function includedFiles(
  includeFile: string,
  includeDir: string
): Record<string, string> {
  return {
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
}

export interface IRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A scratch directory for one test file: `create()` in beforeAll, `remove()`
 * in afterAll (jest runs neither when a filter skips every test).
 */
export class MitWorkspace {
  readonly dir = path.join(
    os.tmpdir(),
    `krb5-mit-${process.pid}-${Math.random().toString(36).slice(2)}`
  );
  readonly includeFile = path.join(this.dir, 'extra.conf');
  readonly includeDir = path.join(this.dir, 'extra.d');
  readonly realmDir = path.join(this.dir, 'realm');

  /** Creates the directory with the files that generated texts include. */
  create(): void {
    fs.mkdirSync(this.dir, { mode: 0o700 });
    fs.mkdirSync(this.includeDir);
    for (const [file, text] of Object.entries(
      includedFiles(this.includeFile, this.includeDir)
    )) {
      fs.writeFileSync(file, text);
    }
  }

  /** Reads include targets from disk the way MIT does. */
  readonly resolve = (directive: IKrb5Directive): IKrb5Document[] => {
    if (directive.directive === 'include') {
      return [this._parseFile(directive.target)];
    }
    return sortIncludedir(fs.readdirSync(directive.target)).map(name =>
      this._parseFile(path.join(directive.target, name))
    );
  };

  /** Writes a new file and returns its path. */
  write(text: string): string {
    const file = this.fresh('case');
    fs.writeFileSync(file, text);
    return file;
  }

  /** A path in the workspace that no other call returns. */
  fresh(prefix: string): string {
    return path.join(this.dir, `${prefix}-${++this._count}`);
  }

  /**
   * Runs an MIT tool with a krb5.conf; `ccache: null` leaves the default cache;
   * `trace` appends the KRB5_TRACE output to stderr.
   */
  mit(
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
      env.KRB5CCNAME = options.ccache ?? `FILE:${this.fresh('cc')}`;
    }
    // A file, not /dev/stderr: Node's stdio pipes are sockets, which cannot be reopened.
    const trace = this.fresh('trace');
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
      options.trace && fs.existsSync(trace)
        ? fs.readFileSync(trace, 'utf8')
        : '';
    return {
      status: run.status,
      stdout: run.stdout,
      stderr: run.stderr + traced
    };
  }

  /** kinit as user1 with the password on stdin, then klist on the same cache. */
  kinitWith(config: string): IRun {
    const ccache = `FILE:${this.fresh('cc')}`;
    const kinit = this.mit(['kinit', `user1@${REALM}`], config, {
      ccache,
      input: 'user1pw\n'
    });
    return kinit.status === 0 ? this.mit(['klist'], config, { ccache }) : kinit;
  }

  startRealm(): void {
    const start = spawnSync(
      'bash',
      [REALM_SH, 'start', this.realmDir, REALM, String(PORT)],
      {
        encoding: 'utf8',
        timeout: 120000
      }
    );
    if (start.status !== 0) {
      throw new Error(`test/kdc/realm.sh start failed: ${start.stderr}`);
    }
  }

  /** Stops the KDC (if started) and removes the directory. */
  remove(): void {
    if (fs.existsSync(this.realmDir)) {
      spawnSync('bash', [REALM_SH, 'stop', this.realmDir], { timeout: 60000 });
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private _parseFile(file: string): IKrb5Document {
    if (!this._parsed.has(file)) {
      this._parsed.set(file, parseKrb5Conf(fs.readFileSync(file, 'utf8')));
    }
    return this._parsed.get(file) as IKrb5Document;
  }

  private _count = 0;
  private _parsed = new Map<string, IKrb5Document>();
}

/** Throws, naming the package, when a tool is not installed. */
export function requireTools(tools: Record<string, string>): void {
  for (const [tool, pkg] of Object.entries(tools)) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      throw new Error(`${tool} is missing: apt-get install ${pkg}`);
    }
  }
}

/** MIT's profile library reading files through the C helper, one request at a time. */
export class MitProfileReader {
  /** Compiles krb5-profile-dump.c into `dir` and starts it. */
  static build(dir: string): MitProfileReader {
    requireTools({ cc: 'gcc libkrb5-dev' });
    const binary = path.join(dir, 'krb5-profile-dump');
    const source = path.join(__dirname, 'krb5-profile-dump.c');
    const build = spawnSync('cc', ['-o', binary, source, '-lkrb5'], {
      encoding: 'utf8'
    });
    if (build.status !== 0) {
      throw new Error(
        `cannot build the profile reader (needs libkrb5-dev): ${build.stderr}`
      );
    }
    return new MitProfileReader(binary);
  }

  private constructor(binary: string) {
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

export function tryParse(text: string): IKrb5Document | Krb5ParseError {
  try {
    return parseKrb5Conf(text);
  } catch (e) {
    if (e instanceof Krb5ParseError) {
      return e;
    }
    throw e;
  }
}

/** Relation values by path, includes read, leaving out what `skip` names. */
export function relationsByPath(
  doc: IKrb5Document,
  resolve: (d: IKrb5Directive) => IKrb5Document[],
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
