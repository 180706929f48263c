/**
 * "Verify Spark" on real Livy answers (test/fixtures/doctor/verify-*.txt:
 * POST /sessions through the verify commands; livy-batch-*.txt: a batch
 * that died, whose log has the same shape as a session's), and the
 * cluster-side texts that only a real EMR produces (test/fixtures/errors/
 * recorded-*.txt) decoded from a session's start-up log.
 */
import { spawnSync } from 'child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { verifyCommands } from '../../src/core/doctor/verify-commands';
import {
  explainLivy,
  parseHttp,
  sessionBody,
  ShellExec,
  verifySpark
} from '../../src/core/doctor/verify';
import { DOCTOR_FIXTURES, doctorFixture } from './doctor-fixtures';

const fixture = (name: string) =>
  readFileSync(join(DOCTOR_FIXTURES, name), 'utf8');
const recorded = (name: string) =>
  readFileSync(join(__dirname, '../fixtures/errors', `${name}.txt`), 'utf8');
const profile = () => doctorFixture('healthy').profile;

/** Answers each verify command with a recorded Livy response, in order. */
function replay(answers: Record<string, string>): {
  exec: ShellExec;
  commands: string[];
} {
  const commands: string[] = [];
  const exec: ShellExec = async command => {
    commands.push(command);
    const key = Object.keys(answers).find(k => command.includes(k));
    return { stdout: key === undefined ? '' : answers[key], exitCode: 0 };
  };
  return { exec, commands };
}

describe('Livy answers', () => {
  it('parses the body and status of a recorded request', () => {
    const http = parseHttp(fixture('verify-impersonation.txt'));
    expect(http.status).toBe(403);
    expect(http.json).toEqual({
      msg: "User 'user1' not allowed to impersonate 'Some(user2)'."
    });
    expect(parseHttp(fixture('verify-no-ticket.txt')).status).toBe(401);
  });

  it("names Livy's own impersonation refusal with the livy.superusers fix", () => {
    const why = explainLivy(
      parseHttp(fixture('verify-impersonation.txt')),
      profile()
    );
    expect(why.code).toBe('IMPERSONATION_DENIED');
    expect(why.fix).toContain('run sessions as user2');
    expect(why.fix).toContain('livy.superusers');
  });

  it('a 401 without a reason is LIVY_UNAUTHORIZED', () => {
    expect(
      explainLivy(parseHttp(fixture('verify-no-ticket.txt')), profile()).code
    ).toBe('LIVY_UNAUTHORIZED');
  });

  it('any other refusal is put on the cluster side, with Livy’s message', () => {
    const why = explainLivy(
      parseHttp(fixture('verify-no-repl.txt')),
      profile()
    );
    expect(why.code).toBe('UNKNOWN');
    expect(why.fix).toMatch(/Livy itself refused \(HTTP 400\)/);
  });

  it('builds the session request as Sparkmagic does', () => {
    const body = sessionBody(
      JSON.stringify({
        session_configs_defaults: {
          conf: { a: '1', b: '1' },
          driverMemory: '1g'
        },
        session_configs: { conf: { b: '2' }, proxyUser: 'user2' }
      })
    );
    expect(JSON.parse(body)).toEqual({
      conf: { a: '1', b: '2' },
      driverMemory: '1g',
      proxyUser: 'user2',
      kind: 'pyspark'
    });
    expect(JSON.parse(sessionBody(''))).toEqual({ kind: 'pyspark' });
    expect(JSON.parse(sessionBody('not json'))).toEqual({ kind: 'pyspark' });
  });
});

describe('verifySpark', () => {
  it('stops at a refused POST /sessions and still cleans up', async () => {
    const { exec, commands } = replay({
      '-X POST': fixture('verify-impersonation.txt')
    });
    const phases: string[] = [];
    const result = await verifySpark(profile(), exec, {
      nonce: 'abcdefgh12345678',
      onProgress: p => phases.push(p.phase)
    });
    expect(result).toMatchObject({
      id: 'spark.verify',
      status: 'fail',
      code: 'IMPERSONATION_DENIED'
    });
    expect(phases).toEqual(['prepare', 'create']);
    expect(commands[commands.length - 1]).toContain('rm -rf "$V"');
    expect(commands.some(c => c.includes('-X DELETE'))).toBe(false);
  });

  const log = JSON.parse(parseHttp(fixture('livy-batch-log.txt')).body) as {
    log: string[];
  };

  it.each([
    ['recorded-yarn-user', 'OS_USER_MISSING'],
    ['recorded-hdfs-home', 'HDFS_HOME_MISSING'],
    ['recorded-gss-initiate', 'CLUSTER_KEYTAB_EXPIRED'],
    ['recorded-impersonate', 'IMPERSONATION_DENIED']
  ])(
    'decodes %s from the start-up log of a dead session as %s',
    async (text, code) => {
      const withCause = {
        ...log,
        log: [...log.log, ...recorded(text).trim().split('\n')]
      };
      const { exec, commands } = replay({
        '-X POST': fixture('livy-batch-create.txt'),
        '/state': fixture('livy-batch-state-dead.txt'),
        '/log?': `${JSON.stringify(withCause)}\n@@HTTP 200\n`,
        '-X DELETE': '{"msg":"deleted"}\n@@HTTP 200\n'
      });
      const result = await verifySpark(profile(), exec, {
        nonce: 'abcdefgh12345678'
      });
      expect(result).toMatchObject({ status: 'fail', code });
      expect(result.detail).toMatch(/ended as dead/);
      expect(commands.some(c => c.includes('-X DELETE'))).toBe(true);
    }
  );
});

describe('verify commands', () => {
  it('refuse a nonce that is not a plain word', () => {
    expect(() => verifyCommands(profile(), 'a b; rm')).toThrow(/nonce/);
  });

  it('never use a directory or link planted at a guessable name', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'smk-verify-test-'));
    try {
      const evil = join(tmp, 'evil');
      mkdirSync(evil);
      writeFileSync(join(evil, 'CACERT'), '/evil/ca.pem\n');
      const nonce = 'abcdefgh12345678';
      for (const name of ['', '.AAAAAAAAAA', '.x']) {
        symlinkSync(evil, join(tmp, `smk-verify-${nonce}${name}`));
      }
      const c = verifyCommands(profile(), nonce);
      const r = spawnSync('/bin/sh', ['-c', c.log(1)], {
        env: { PATH: process.env.PATH, TMPDIR: tmp }
      });
      expect(r.stdout.toString()).toContain('verify: not prepared');
      expect(c.prepare).toContain('mktemp -d');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('quote the URL and never pass the body through the command line', () => {
    const c = verifyCommands(profile(), 'abcdefgh12345678');
    const create = c.create('{"kind":"pyspark","x":"$(id)"}');
    expect(create).toContain("<<'SMK_JSON_END'");
    expect(create).toContain('--data-binary @-');
    expect(c.state(3, 20)).toContain('/sessions/3/state');
    expect(() => c.state(-1, 20)).toThrow(/Livy id/);
  });
});
