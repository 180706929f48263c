/**
 * Files we write, read by real MIT tools against a loopback KDC
 * (test/kdc/realm.sh on port 61088): kinit accepts every rendered file, and
 * with an includedir that sets other values first (sssd-kcm's KCM: cache,
 * rdns, UDP), KRB5_TRACE and klist show which values MIT really uses.
 */
import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import {
  Krb5ParseError,
  desiredKrb5,
  dropinNameFor,
  getRelation,
  isOwnedPath,
  krb5FormFor,
  parseKrb5Conf,
  renderKrb5Conf,
  renderKrb5Dropin,
  renderKrb5ForProfile
} from '../../src/core/krb5';
import { IProfile, withDefaults } from '../../src/core/profile';
import { krb5Text } from './krb5-arbitraries';
import {
  FIXTURES,
  MitWorkspace,
  PORT,
  REALM,
  UID,
  requireTools,
  tryParse
} from './krb5-mit-harness';

const ws = new MitWorkspace();
const text = krb5Text({
  includeFile: ws.includeFile,
  includeDir: ws.includeDir
});

/** Our values, against the loopback KDC. */
const PROFILE: IProfile = withDefaults({
  realm: REALM,
  kdcs: [`127.0.0.1:${PORT}`],
  adminServer: `127.0.0.1:${PORT + 2}`,
  livyUrl: 'https://livy-nlb.example.test:8998',
  clusterDomain: 'ec2.internal',
  principal: 'user1'
});

beforeAll(() => {
  requireTools({
    kinit: 'krb5-user',
    klist: 'krb5-user',
    kvno: 'krb5-user',
    krb5kdc: 'krb5-kdc',
    kadmind: 'krb5-admin-server',
    getent: 'libc-bin'
  });
  ws.create();
  ws.startRealm();
}, 180000);

afterAll(() => ws.remove());

describe('real kinit against a loopback KDC', () => {
  /** Fixture text with its include targets pointed at files that exist here. */
  const local = (name: string): string =>
    fs
      .readFileSync(path.join(FIXTURES, name), 'utf8')
      .replace(/^includedir .*$/gm, `includedir ${ws.includeDir}`);

  it.each(fs.readdirSync(FIXTURES))('accepts the merge of %s', name => {
    const run = ws.kinitWith(
      ws.write(renderKrb5ForProfile(PROFILE, local(name)))
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`krbtgt/${REALM}@${REALM}`);
  });

  it('accepts a new file', () => {
    const run = ws.kinitWith(ws.write(renderKrb5ForProfile(PROFILE, null)));
    expect(run.stdout).toContain(`Default principal: user1@${REALM}`);
  });

  it('accepts the merge of generated files', () => {
    const sources = fc
      .sample(text, { numRuns: 200, seed: 42 })
      .filter(source => !(tryParse(source) instanceof Krb5ParseError))
      .slice(0, 25);
    expect(sources.length).toBe(25);
    for (const source of sources) {
      const run = ws.kinitWith(ws.write(renderKrb5ForProfile(PROFILE, source)));
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
      const run = ws.mit(['kinit', `user1@${REALM}`], ws.write(bad), {
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
    const run = ws.mit(['kinit', 'user1'], ws.write(hidden), {
      input: 'user1pw\n'
    });
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
    const dir = ws.fresh('krb5.conf.d');
    fs.mkdirSync(dir);
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
    const klist = ws.mit(['klist'], config, { ccache: null });
    const ccache = `FILE:${ws.fresh('cc')}`;
    const kinit = ws.mit(['kinit', `user1@${REALM}`], config, {
      ccache,
      input: 'user1pw\n',
      trace: true
    });
    expect([kinit.status, kinit.stderr]).toEqual([0, expect.any(String)]);
    const kvno = ws.mit(['kvno', '-S', 'HTTP', '127.0.0.1'], config, {
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
    const naive = ws.write(renderKrb5Conf(doc));
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
    expectOurs(observe(ws.write(merged)));
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
    expectOurs(observe(ws.write(main)));
  });
});
