/**
 * Livy faults on the real stack (Apache Livy with SPNEGO and TLS behind
 * HAProxy as the NLB): what the doctor's own SPNEGO request and "Verify
 * Spark" see, each named by its code; everything restored afterwards.
 */
import { readFileSync, writeFileSync } from 'fs';
import {
  IStack,
  kadmin,
  loadStack,
  sha256,
  summary,
  withKdcChange,
  Workspace
} from './harness';

let stack: IStack;
let ws: Workspace;
let keytabHash: string | null;

const SPN = (s: IStack) => `HTTP/${s.nlb}@${s.realm}`;

beforeAll(() => {
  stack = loadStack();
  keytabHash = sha256(stack.livyKeytab);
});

afterAll(() => {
  expect(sha256(stack.livyKeytab)).toBe(keytabHash);
});

beforeEach(() => {
  ws = new Workspace(stack);
});

afterEach(() => {
  ws?.dispose();
});

it('healthy: every check passes, Livy answers 200 through the load balancer', () => {
  ws.kinit('user1', 'user1pw');
  const run = ws.doctor({ record: 'healthy' });
  const failed = run.results.filter(r => r.status === 'fail');
  expect(failed).toEqual([]);
  for (const id of [
    'net.livy',
    'net.tls',
    'krb.spn',
    'krb.clock',
    'livy.auth'
  ]) {
    expect([id, run.byId(id).status]).toEqual([id, 'pass']);
  }
  expect(run.byId('krb.spn').detail).toContain(`asks for ${SPN(stack)}`);
  expect(run.elapsedMs).toBeLessThanOrEqual(8000);
});

it('TGT mode: Livy accepts the service ticket the client gets through the TGT', () => {
  ws.setProfile({ ...stack.profile, ticketMode: 'tgt' });
  ws.kinit('user1', 'user1pw', []);
  const run = ws.doctor({ record: 'tgt-mode-livy' });
  expect(run.byId('krb.spn').detail).toContain(`asks for ${SPN(stack)}`);
  expect(run.byId('livy.auth').status).toBe('pass');
});

it('Livy 401 with no ticket: NO_CREDENTIALS with the GSS reason', () => {
  const run = ws.doctor({ record: 'livy-no-ticket' });
  const auth = run.byId('livy.auth');
  expect(auth.code).toBe('NO_CREDENTIALS');
  expect(auth.detail).toMatch(/HTTP 401/);
  expect(auth.detail).toMatch(/No credentials were supplied/);
});

it("KVNO mismatch between Livy's keytab and the KDC: KVNO_MISMATCH", async () => {
  await withKdcChange(
    stack,
    () => kadmin(stack, `cpw -randkey ${SPN(stack)}`),
    async () => {
      ws.kinit('user1', 'user1pw');
      const run = ws.doctor({ record: 'kvno-mismatch' });
      const auth = run.byId('livy.auth');
      expect(auth.code).toBe('KVNO_MISMATCH');
      expect(auth.detail).toMatch(/HTTP 403/);
      expect(auth.fix).toMatch(/ktadd/);
    }
  );
});

it('TLS certificate not trusted: TLS_ERROR with the CA bundle fix', () => {
  ws.kinit('user1', 'user1pw');
  ws.setProfile({
    ...stack.profile,
    tls: { caBundle: '', ignoreSslErrors: false }
  });
  const env = ws.env();
  delete env.REQUESTS_CA_BUNDLE;
  const run = ws.doctor({ record: 'tls-untrusted', env });
  const tls = run.byId('net.tls');
  expect(tls.code).toBe('TLS_ERROR');
  expect(tls.detail).toMatch(/SSL certificate problem/);
  expect(tls.fix).toMatch(/CA bundle/);
  expect(run.byId('livy.auth').code).toBe('TLS_ERROR');
});

it("the rdns trap as the client really falls into it: UNKNOWN_SERVICE from curl's trace", () => {
  writeFileSync(
    ws.krb5conf,
    readFileSync(ws.krb5conf, 'utf8').replace(
      /^\s*(rdns|dns_canonicalize_hostname) = false\n/gm,
      ''
    )
  );
  ws.kinit('user1', 'user1pw');
  const run = ws.doctor({ record: 'rdns-trap-livy' });
  const spn = run.byId('krb.spn');
  expect(spn.code).toBe('UNKNOWN_SERVICE');
  expect(spn.detail).toContain(`asks for HTTP/${stack.ptr}@`);
  const auth = run.byId('livy.auth');
  expect(auth.code).toBe('UNKNOWN_SERVICE');
  expect(auth.detail).toMatch(/Matching credential not found/);
});

it("Livy's refusal of a proxyUser the user may not impersonate: IMPERSONATION_DENIED", () => {
  ws.kinit('user1', 'user1pw');
  const config = JSON.parse(readFileSync(ws.smconf, 'utf8'));
  writeFileSync(
    ws.smconf,
    JSON.stringify(
      { ...config, session_configs: { proxyUser: 'user2' } },
      null,
      2
    )
  );
  const run = ws.doctor({ args: ['--verify-spark'] });
  const verify = run.byId('spark.verify');
  expect(verify.code).toBe('IMPERSONATION_DENIED');
  expect(verify.detail).toMatch(/HTTP 403/);
  expect(verify.fix).toMatch(/livy\.superusers/);
  expect(run.results.filter(r => r.status === 'fail').map(r => r.id)).toEqual([
    'spark.verify'
  ]);
  // Nothing was left behind on Livy.
  expect(summary(run)).not.toMatch(/sessions visible\)/);
});

it('Verify Spark: a session as the user, one statement, nothing left behind', () => {
  ws.kinit('user1', 'user1pw');
  const run = ws.doctor({ args: ['--verify-spark'] });
  const verify = run.byId('spark.verify');
  expect(verify.status).not.toBe('fail');
  expect(verify.detail).toMatch(/owner user1, proxyUser user1/);
  expect(verify.detail).toContain('returned [0, 1, 2]');
  const after = ws.doctor();
  expect(after.byId('livy.auth').detail).toContain('(0 session(s) visible)');
});
