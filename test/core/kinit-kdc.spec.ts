/**
 * The built commands run by a real shell against a loopback MIT KDC
 * (test/kdc/realm.sh on port 61188).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  kdestroyCommand,
  kinitCommand,
  klistCommand,
  renewCommand
} from '../../src/core/sign-in/kinit';
import { IProfile } from '../../src/core/profile';
import { sampleProfile } from './sample-profile';

const REALM_SH = path.resolve(__dirname, '../kdc/realm.sh');
const PORT = '61188';
const SPN = 'HTTP/livy-nlb.example.test@EC2.INTERNAL';

let dir: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinit-kdc-'));
  const started = spawnSync(REALM_SH, ['start', dir, 'EC2.INTERNAL', PORT], {
    encoding: 'utf8'
  });
  if (started.status !== 0) {
    throw new Error(
      `test/kdc/realm.sh start failed (${started.status}): ${started.stderr}`
    );
  }
  const conf = /^export KRB5_CONFIG='([^']+)'$/m.exec(started.stdout);
  if (!conf) {
    throw new Error(`realm.sh printed no KRB5_CONFIG: ${started.stdout}`);
  }
  // Passed through the commands' own env prefix, not the shell's environment.
  env = { KRB5_CONFIG: conf[1], KRB5CCNAME: `FILE:${dir}/cc` };
});

afterAll(() => {
  spawnSync(REALM_SH, ['stop', dir]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a command line in sh with a clean Kerberos environment and HOME. */
function sh(
  command: string,
  input = ''
): { status: number | null; out: string } {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    HOME: path.join(dir, 'home')
  };
  delete childEnv.KRB5_CONFIG;
  delete childEnv.KRB5CCNAME;
  const result = spawnSync('sh', ['-c', command + ' 2>&1'], {
    input,
    env: childEnv,
    encoding: 'utf8'
  });
  return { status: result.status, out: result.stdout };
}

function klist(): string {
  return sh(klistCommand({ env })).out;
}

function profile(overrides: Partial<IProfile> = {}): IProfile {
  return sampleProfile({ renewLifetime: '7d', lifetime: '10h', ...overrides });
}

describe('kinit commands against a loopback KDC', () => {
  it('service mode with a keytab in a home path with a space: only the Livy ticket, renewable', () => {
    const home = path.join(dir, 'home', 'my keys');
    fs.mkdirSync(home, { recursive: true });
    fs.copyFileSync(
      path.join(dir, 'user1.keytab'),
      path.join(home, 'user1.keytab')
    );
    const command = kinitCommand(
      profile({ signIn: 'keytab', keytab: '~/my keys/user1.keytab' }),
      { env }
    );
    expect(sh(command)).toEqual({ status: 0, out: '' });
    const out = klist();
    expect(out).toMatch(/^Default principal: user1@EC2\.INTERNAL$/m);
    expect(out).toContain(SPN);
    expect(out).not.toContain('krbtgt/');
    expect(out).toMatch(/\trenew until .*, Flags: [A-Z]*R/);
  });

  it('renews the service ticket with -S, where plain kinit -R fails', () => {
    const plain = sh(renewCommand(profile({ ticketMode: 'tgt' }), { env }));
    expect(plain.status).not.toBe(0);
    expect(plain.out).toMatch(/Matching credential not found/);
    const renewed = sh(renewCommand(profile(), { env }));
    expect(renewed).toEqual({ status: 0, out: '' });
    expect(klist()).toMatch(
      new RegExp(`${SPN}\\n\\trenew until .*Flags: [A-Z]*T`)
    );
  });

  it('service mode with the password on stdin', () => {
    expect(sh(kdestroyCommand({ env })).status).toBe(0);
    const result = sh(
      kinitCommand(profile({ principal: 'user2' }), { env }),
      'user2pw\n'
    );
    expect(result.status).toBe(0);
    expect(result.out).toMatch(/^Password for user2@EC2\.INTERNAL:/);
    expect(klist()).toMatch(
      new RegExp(`Default principal: user2@EC2.INTERNAL[\\s\\S]*${SPN}`)
    );
  });

  it('TGT mode gets krbtgt and renews with plain kinit -R', () => {
    const tgt = profile({
      ticketMode: 'tgt',
      signIn: 'keytab',
      keytab: path.join(dir, 'user1.keytab')
    });
    expect(sh(kinitCommand(tgt, { env })).status).toBe(0);
    expect(klist()).toContain('krbtgt/EC2.INTERNAL@EC2.INTERNAL');
    expect(sh(renewCommand(tgt, { env }))).toEqual({ status: 0, out: '' });
  });

  it('a wrong password fails and kdestroy empties the cache', () => {
    const wrong = sh(kinitCommand(profile(), { env }), 'nope\n');
    expect(wrong.status).not.toBe(0);
    expect(wrong.out).toMatch(/Password incorrect/);
    expect(sh(kdestroyCommand({ env })).status).toBe(0);
    expect(klist()).toMatch(/No credentials cache found/);
  });
});
