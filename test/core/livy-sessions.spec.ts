/**
 * The panel's Livy session list on real Livy 0.9 answers
 * (test/fixtures/doctor/livy-sessions-*.txt: GET and DELETE /sessions
 * through the load balancer with the verify commands' curl options and
 * `-w '\n@@HTTP %{http_code}\n'`; `down` is curl against a closed port,
 * `no-dns` against a name that does not resolve).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  livyUser,
  parseDelete,
  parseSessionList
} from '../../src/core/livy-sessions';
import { DOCTOR_FIXTURES, doctorFixture } from './doctor-fixtures';

const fixture = (name: string) =>
  readFileSync(join(DOCTOR_FIXTURES, `livy-sessions-${name}.txt`), 'utf8');
const profile = () => doctorFixture('healthy').profile;

describe('parseSessionList', () => {
  it("lists the user's sessions with their fields", () => {
    const answer = parseSessionList(fixture('idle'), profile(), 'user1');
    expect(answer).toEqual({
      ok: true,
      sessions: [
        expect.objectContaining({
          kind: 'pyspark',
          state: 'idle',
          owner: 'user1',
          proxyUser: 'user1'
        })
      ]
    });
    expect(parseSessionList(fixture('idle'), profile(), 'user2')).toEqual({
      ok: true,
      sessions: []
    });
    expect(parseSessionList(fixture('empty'), profile(), 'user1')).toEqual({
      ok: true,
      sessions: []
    });
  });

  it('explains a refusal with the codes the doctor uses', () => {
    const answer = parseSessionList(fixture('401'), profile(), 'user1');
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.code).toBe('LIVY_UNAUTHORIZED');
      expect(answer.error.title).toMatch(/^GET \/sessions: HTTP 401/);
      expect(answer.error.fix).not.toBe('');
    }
    // curl's own error, then the status it prints for no answer.
    const tls = parseSessionList(
      `${readFileSync(join(__dirname, '../fixtures/errors/curl-self-signed.txt'), 'utf8')}\n@@HTTP 000\n`,
      profile(),
      'user1'
    );
    expect(tls.ok || tls.error.code).toBe('TLS_ERROR');
    const noDns = parseSessionList(fixture('no-dns'), profile(), 'user1');
    expect(noDns.ok || noDns.error.fix).toMatch(/does not resolve/);
    const down = parseSessionList(fixture('down'), profile(), 'user1');
    expect(down.ok).toBe(false);
    if (!down.ok) {
      expect(down.error.fix).toMatch(/Nothing accepts connections there/);
      expect(down.error.title).toMatch(/Livy did not answer/);
    }
  });
});

describe('parseDelete', () => {
  it('accepts deleted and already gone, explains the rest', () => {
    expect(parseDelete(fixture('delete'), profile(), 3)).toBeNull();
    expect(parseDelete(fixture('delete-gone'), profile(), 0)).toBeNull();
    expect(parseDelete(fixture('401'), profile(), 3)?.code).toBe(
      'LIVY_UNAUTHORIZED'
    );
  });
});

it('names the Livy user of a principal', () => {
  expect(livyUser('user1@EC2.INTERNAL')).toBe('user1');
  expect(livyUser('svc/host.example.test@EC2.INTERNAL')).toBe('svc');
});
