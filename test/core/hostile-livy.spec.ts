/**
 * A broken or hostile server at the Livy URL: an answer of 50 MB, a million
 * nested `[`, fields of a megabyte, session ids Livy never gives. The list
 * request runs in a real shell with the real curl against a local server.
 */
import { spawn, spawnSync, ChildProcess } from 'child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseHttp } from '../../src/core/doctor/verify';
import {
  MAX_ANSWER_BYTES,
  verifyCommands
} from '../../src/core/doctor/verify-commands';
import { locateJsonError } from '../../src/core/json-text';
import { parseSessionList } from '../../src/core/livy-sessions';
import { DoctorModel } from '../../src/model/doctor';
import { FakeRunner } from '../model/fakes';
import { DOCTOR_FIXTURES, doctorFixture } from './doctor-fixtures';
import { sampleProfile } from './sample-profile';

const NONCE = 'abcdefgh12345678';
/** Linear work on a megabyte, with room for a loaded machine. */
const LIMIT_MS = 5000;

/** The recorded GET /sessions answer with one idle session of user1. */
const IDLE = readFileSync(
  join(DOCTOR_FIXTURES, 'livy-sessions-idle.txt'),
  'utf8'
);
const SESSION = JSON.parse(parseHttp(IDLE).body).sessions[0];

/** `@@HTTP` output of a 200 whose JSON is Livy's, with the sessions changed. */
function answer(sessions: unknown[]): string {
  return `${JSON.stringify({ from: 0, total: sessions.length, sessions })}\n@@HTTP 200\n`;
}

// Answers every request with `bytes` of a session list that never ends,
// without a Content-Length (curl's --max-filesize cannot see it coming).
const SERVER = `
import http.server, sys
BYTES = int(sys.argv[1])
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.0'
    def do_GET(self):
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.end_headers()
        row = b'{"id":7,"kind":"pyspark","owner":"user1","state":"idle"},'
        self.wfile.write(b'{"from":0,"sessions":[')
        for _ in range(BYTES // len(row)):
            self.wfile.write(row)
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(('127.0.0.1', 0), H)
print(s.server_port, flush=True)
s.serve_forever()
`;

describe('GET /sessions from a server that does not stop', () => {
  let server: ChildProcess;
  let port = 0;
  let dir = '';

  beforeAll(async () => {
    server = spawn('python3', ['-c', SERVER, String(50 * 1024 * 1024)]);
    port = await new Promise<number>(resolve =>
      server.stdout!.once('data', d => resolve(Number(String(d).trim())))
    );
    dir = mkdtempSync(join(tmpdir(), 'smk-hostile-'));
    // What `prepare` leaves: the run's private directory with no CA bundle.
    mkdirSync(join(dir, `smk-verify-${NONCE}.x`), { mode: 0o700 });
    writeFileSync(join(dir, `smk-verify-${NONCE}.x`, 'CACERT'), '\n');
  });

  afterAll(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads at most MAX_ANSWER_BYTES and says the answer was too large', () => {
    const profile = sampleProfile({ livyUrl: `http://localhost:${port}` });
    const run = spawnSync('sh', ['-c', verifyCommands(profile, NONCE).list], {
      env: { ...process.env, TMPDIR: dir, no_proxy: '*', NO_PROXY: '*' },
      maxBuffer: 200 * 1024 * 1024
    });
    const stdout = run.stdout.toString('utf8');
    expect(stdout.length).toBeLessThan(MAX_ANSWER_BYTES + 4096);
    expect(stdout).toMatch(/\n@@HTTP 200\n$/);
    const listed = parseSessionList(stdout, profile, 'user1');
    expect(listed).toMatchObject({
      ok: false,
      error: {
        title:
          "GET /sessions: Livy's answer is over 2 MB; the panel reads no more."
      }
    });
  });
});

describe('parseSessionList on answers no Livy gives', () => {
  const profile = () => doctorFixture('healthy').profile;

  it('keeps only sessions with a non-negative integer id', () => {
    const ids = [-1, 1.5, '3', 2 ** 53, null, 4];
    const listed = parseSessionList(
      answer(ids.map(id => ({ ...SESSION, id }))),
      profile(),
      'user1'
    );
    expect(listed.ok && listed.sessions.map(s => s.id)).toEqual([4]);
  });

  it('clips fields of a megabyte and an error text of one line', () => {
    const huge = 'x'.repeat(1024 * 1024);
    const listed = parseSessionList(
      answer([{ ...SESSION, kind: huge, appId: huge }]),
      profile(),
      'user1'
    );
    expect(listed.ok && listed.sessions[0].kind.length).toBeLessThanOrEqual(
      201
    );
    expect(listed.ok && listed.sessions[0].appId.length).toBeLessThanOrEqual(
      201
    );
    const refused = parseSessionList(
      `${huge}\n@@HTTP 500\n`,
      profile(),
      'user1'
    );
    expect(!refused.ok && refused.error.title.length).toBeLessThan(400);
  });

  it('a million nested `[` is a syntax error at the end, not a stack overflow', () => {
    const text = '['.repeat(1000000);
    const start = performance.now();
    expect(locateJsonError(text)).toEqual({
      message: 'expected a value but found the end of the text',
      line: 1,
      column: 1000001
    });
    const listed = parseSessionList(
      `${text}\n@@HTTP 200\n`,
      profile(),
      'user1'
    );
    expect(listed.ok).toBe(false);
    expect(performance.now() - start).toBeLessThan(LIMIT_MS);
  });
});

describe('Verify Spark when POST /sessions answers a negative id', () => {
  const created = answer([]).replace(
    /^.*\n/,
    JSON.stringify({ ...SESSION, id: -1, state: 'starting' }) + '\n'
  );

  it('fails the step, cleans up, and leaves the doctor ready to run again', async () => {
    const runner = new FakeRunner(command => ({
      stdout: command.includes('-X POST') ? created : '',
      exitCode: 0
    }));
    const model = new DoctorModel({ runner });
    const result = await model.verify(doctorFixture('healthy').profile);
    expect(result).toMatchObject({ id: 'spark.verify', status: 'fail' });
    expect(model.phase).toBe('idle');
    expect(runner.commands[runner.commands.length - 1]).toContain(
      'rm -rf "$V"'
    );
    expect(runner.commands.some(c => c.includes('-X DELETE'))).toBe(false);
    await expect(
      model.run(doctorFixture('healthy').profile)
    ).resolves.toBeDefined();
  });
});
