/**
 * The doctor CLI on a real pty (script(1)) against a server at the Livy URL
 * whose answers carry escape sequences: a window title, OSC 52 (clipboard),
 * clear-screen and a C1 CSI. The operator's terminal gets them as visible
 * `\xNN` text, never as controls.
 */
import { spawn, spawnSync, ChildProcess } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { forTerminal } from '../../src/cli/terminal-text';
import { doctorFixture } from '../core/doctor-fixtures';
import { buildCli, MAIN, ROOT } from './run-cli';

beforeAll(buildCli, 120000);

const SERVER = `
import http.server
BODY = 'Livy says \\x1b]0;pwned\\x07 \\x1b]52;c;ZXZpbA==\\x07 \\x1b[2J\\x9b31m end'.encode()
class H(http.server.BaseHTTPRequestHandler):
    def answer(self):
        n = int(self.headers.get('Content-Length') or 0)
        self.rfile.read(n)
        self.send_response(500)
        self.send_header('Content-Type', 'text/plain; charset=utf-8')
        self.send_header('Content-Length', str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)
    do_GET = do_POST = do_DELETE = answer
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(('127.0.0.1', 0), H)
print(s.server_port, flush=True)
s.serve_forever()
`;

describe('forTerminal', () => {
  it('shows C0 and C1 controls but line feed and tab as \\xNN', () => {
    expect(forTerminal('a\tb\nc\x1b]52;c;eA==\x07d\r\x7f\u009b\u00a0é')).toBe(
      'a\tb\nc\\x1b]52;c;eA==\\x07d\\x0d\\x7f\\x9b\u00a0é'
    );
    expect(forTerminal('plain')).toBe('plain');
  });
});

describe('sparkmagic-kerberos doctor in a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'doctor-tty-'));
  let server: ChildProcess;
  let port = 0;

  beforeAll(async () => {
    server = spawn('python3', ['-c', SERVER]);
    port = await new Promise<number>(resolve =>
      server.stdout!.once('data', d => resolve(Number(String(d).trim())))
    );
    mkdirSync(join(dir, 'home'));
    writeFileSync(
      join(dir, 'profile.json'),
      JSON.stringify({
        ...doctorFixture('healthy').profile,
        kdcs: ['localhost:1'],
        adminServer: 'localhost:1',
        livyUrl: `http://localhost:${port}`,
        tls: { caBundle: '', ignoreSslErrors: false }
      })
    );
  });

  afterAll(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints Livy's escape sequences as text", () => {
    const command = `'${process.execPath}' '${MAIN}' doctor --profile '${join(dir, 'profile.json')}' --verify-spark`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: ROOT,
      env: {
        ...process.env,
        HOME: join(dir, 'home'),
        SPARKMAGIC_CONF_DIR: '',
        no_proxy: '*',
        NO_PROXY: '*'
      },
      encoding: 'utf8',
      timeout: 90000
    });
    expect(r.stdout).toContain('Livy says \\x1b]0;pwned\\x07');
    expect(r.stdout).toContain('\\x1b]52;c;ZXZpbA==\\x07 \\x1b[2J\\x9b31m end');
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).not.toContain('\u009b');
  });
});
