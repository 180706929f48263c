/**
 * The lifecycle script merges the Sparkmagic config at boot with an embedded
 * Python program (no Node there). Property: on any existing file, it prints
 * exactly what `renderSparkmagicConfig` gives, and refuses exactly the files
 * the TypeScript merge refuses. Cases run in batches through one real
 * python3 (the program is exec'd per case with its own argv), and a sample
 * also through separate `python3 merge.py FILE` processes as the script
 * runs it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { sparkmagicMergeProgram } from '../../src/core/lifecycle/merge-py';
import { IProfile } from '../../src/core/profile';
import { renderSparkmagicConfig } from '../../src/core/sparkmagic/config';
import { sampleProfile } from './sample-profile';
import { fileBytes } from './sparkmagic-file-arb';

const requested = Number(process.env.FC_NUM_RUNS ?? '2000');
const CASES =
  process.env.CI === 'true' ? Math.max(10000, requested) : requested;
const BATCH = 250;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecycle-merge-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the program on each case (base64 bytes, or null for a missing file). */
const DRIVER = String.raw`
import base64, io, json, os, sys
req = json.load(sys.stdin)
code = compile(req["program"], "merge.py", "exec")
res = []
for i, case in enumerate(req["cases"]):
    p = os.path.join(req["dir"], "case%d.json" % i)
    if os.path.exists(p):
        os.remove(p)
    if case is not None:
        with open(p, "wb") as f:
            f.write(base64.b64decode(case))
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.StringIO()
    saved = sys.stdout, sys.stderr, sys.argv
    sys.stdout, sys.stderr, sys.argv = out, err, ["merge.py", p]
    rc = 0
    try:
        exec(code, {"__name__": "__main__"})
    except SystemExit as e:
        rc = e.code
    finally:
        sys.stdout, sys.stderr, sys.argv = saved
    res.append({"rc": rc, "out": base64.b64encode(out.buffer.getvalue()).decode(), "err": err.getvalue()})
json.dump(res, sys.stdout)
`;

interface IResult {
  rc: number;
  out: string;
  err: string;
}

function runBatch(program: string, cases: (Buffer | null)[]): IResult[] {
  const input = JSON.stringify({
    program,
    dir,
    cases: cases.map(c => (c === null ? null : c.toString('base64')))
  });
  const p = spawnSync('python3', ['-c', DRIVER], {
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024
  });
  if (p.status !== 0) {
    throw new Error(`python3 driver failed: ${p.stderr}`);
  }
  return (JSON.parse(p.stdout) as IResult[]).map(r => ({
    ...r,
    out: Buffer.from(r.out, 'base64').toString('utf8')
  }));
}

/** What the extension writes for this file, or null when it refuses. */
function expected(profile: IProfile, bytes: Buffer | null): string | null {
  try {
    return renderSparkmagicConfig(
      profile,
      bytes === null ? null : bytes.toString('utf8')
    );
  } catch (e) {
    if ((e as Error).name === 'SparkmagicConfigError') {
      return null;
    }
    throw e;
  }
}

const profiles: IProfile[] = [
  sampleProfile(),
  sampleProfile({
    kernels: ['scala'],
    livyUrl: 'http://livy.example.test:8998//',
    tls: { caBundle: '', ignoreSslErrors: true }
  }),
  sampleProfile({
    kernels: ['r', 'python'],
    kerberosAuth: {
      mutual_authentication: 'DISABLED',
      service: 'livy',
      delegate: true,
      force_preemptive: true,
      hostname_override: 'livy-nlb.example.test',
      sanitize_mutual_error_response: false,
      send_cbt: false
    }
  }),
  sampleProfile({
    session: {
      startupTimeoutSeconds: 600,
      heartbeat: false,
      idleTimeout: '4h',
      queue: 'root.analytics',
      driverMemory: '2g',
      executorMemory: '',
      driverCores: 0,
      executorCores: 2,
      numExecutors: 3,
      conf: { 'spark.a': '1', '7': 'x', 'spark.b': 'y' }
    }
  })
];

const programs = profiles.map(sparkmagicMergeProgram);

function compare(
  profile: IProfile,
  cases: (Buffer | null)[],
  results: IResult[]
): void {
  cases.forEach((bytes, i) => {
    const want = expected(profile, bytes);
    const got = results[i];
    const label = `case ${bytes === null ? 'missing file' : JSON.stringify(bytes.toString('latin1'))}`;
    if (want === null || (bytes !== null && !isUtf8(bytes))) {
      expect({ label, rc: got.rc, out: got.out }).toEqual({
        label,
        rc: 2,
        out: ''
      });
      expect(got.err).toMatch(
        /^\[sparkmagic-kerberos\] cannot merge .*; nothing written\n$/
      );
    } else {
      expect({ label, rc: got.rc, err: got.err, out: got.out }).toEqual({
        label,
        rc: 0,
        err: '',
        out: want
      });
    }
  });
}

/** The Python merge refuses text that is not UTF-8, which the extension would decode with U+FFFD. */
function isUtf8(bytes: Buffer): boolean {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

describe('embedded Python Sparkmagic merge', () => {
  it(`prints what renderSparkmagicConfig renders (${CASES} random files)`, () => {
    let n = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...profiles.keys()),
        fc.array(fileBytes, { minLength: BATCH, maxLength: BATCH }),
        (which, cases) => {
          n += cases.length;
          const profile = profiles[which];
          compare(profile, cases, runBatch(programs[which], cases));
        }
      ),
      { numRuns: Math.ceil(CASES / BATCH) }
    );
    expect(n).toBeGreaterThanOrEqual(CASES);
  });

  it('behaves the same as a separate process with a file argument', () => {
    const profile = profiles[0];
    const program = path.join(dir, 'merge.py');
    fs.writeFileSync(program, programs[0]);
    const cases = fc.sample(fileBytes, { numRuns: 25, seed: 8 });
    cases.push(
      Buffer.from('{"kernel_python3_credentials": {"url": "x"}, "é": 1}'),
      null
    );
    const results = cases.map((bytes, i) => {
      const file = path.join(dir, `proc${i}.json`);
      if (bytes !== null) {
        fs.writeFileSync(file, bytes);
      }
      const p = spawnSync('python3', [program, file], {
        env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' }
      });
      return {
        rc: p.status ?? -1,
        out: p.stdout.toString('utf8'),
        err: p.stderr.toString('utf8')
      };
    });
    compare(profile, cases, results);
  });

  it('keeps keys it does not own and reports the file it refuses', () => {
    const [ok, bad] = runBatch(programs[0], [
      Buffer.from(
        '{"session_configs": {"driverMemory": "2g"}, "kernel_python_credentials": {"url": "http://old", "password": "x"}}'
      ),
      Buffer.from('{"a": 1,}')
    ]);
    expect(JSON.parse(ok.out)).toEqual({
      session_configs: { driverMemory: '2g' },
      kernel_python_credentials: {
        url: 'https://livy-nlb.example.test:8998',
        auth: 'Kerberos'
      },
      kernel_scala_credentials: {
        url: 'https://livy-nlb.example.test:8998',
        auth: 'Kerberos'
      },
      kernel_r_credentials: {
        url: 'https://livy-nlb.example.test:8998',
        auth: 'Kerberos'
      },
      kerberos_auth_configuration: {
        mutual_authentication: 1,
        service: 'HTTP'
      },
      livy_session_startup_timeout_seconds: 300,
      livy_server_heartbeat_timeout_seconds: 300
    });
    expect(bad.rc).toBe(2);
    expect(bad.err).toContain('it is not valid JSON');
  });
});
